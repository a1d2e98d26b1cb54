"""The 77 provinces as a tile map laid out geographically, drawn on the server as SVG.

No boundary set with a clear licence and all 77 provinces (Bueng Kan included) ships in a
package the project can install, so each province is one square tile placed where it lies
(north at the top, the Andaman coast on the left). The same builder serves the dashboards
(tiles are links, names as SVG text) and the national summary PDF (codes only: WeasyPrint
draws SVG text outside the document's text layer, so names stay in the HTML beside it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# (column, row) of each province by Ministry of Interior code.
TILES: dict[str, tuple[int, int]] = {
    # north
    "58": (1, 0), "50": (2, 0), "57": (3, 0), "56": (4, 0), "55": (5, 0),
    "51": (2, 1), "52": (3, 1), "54": (4, 1), "53": (5, 1), "43": (8, 1), "38": (9, 1),
    "63": (1, 2), "64": (3, 2), "65": (4, 2), "42": (6, 2), "41": (7, 2), "47": (8, 2), "48": (9, 2),
    "62": (2, 3), "66": (3, 3), "67": (4, 3), "39": (6, 3), "40": (7, 3), "46": (8, 3), "49": (9, 3),
    "61": (2, 4), "60": (3, 4), "36": (6, 4), "44": (7, 4), "45": (8, 4), "35": (9, 4), "37": (10, 4),
    "18": (3, 5), "17": (4, 5), "16": (5, 5), "30": (6, 5), "31": (7, 5), "32": (8, 5), "33": (9, 5), "34": (10, 5),
    "71": (1, 6), "72": (2, 6), "15": (3, 6), "14": (4, 6), "19": (5, 6),
    "73": (2, 7), "12": (3, 7), "13": (4, 7), "26": (5, 7), "25": (6, 7), "27": (7, 7),
    "70": (1, 8), "74": (2, 8), "10": (3, 8), "11": (4, 8), "24": (5, 8),
    "76": (1, 9), "75": (2, 9), "20": (5, 9),
    "77": (1, 10), "21": (5, 10), "22": (6, 10), "23": (7, 10),
    # south
    "86": (1, 11),
    "85": (0, 12), "84": (1, 12),
    "82": (0, 13), "81": (1, 13), "80": (2, 13),
    "83": (0, 14), "92": (1, 14), "93": (2, 14),
    "91": (1, 15), "90": (2, 15), "94": (3, 15),
    "95": (3, 16), "96": (4, 16),
}  # fmt: skip

TILE = 58  # px, one tile's side
GAP = 4
GROUP_COLOURS = {
    "A": "#d9534f",
    "B": "#f0ad4e",
    "C": "#f7dc6f",
    "D": "#82c17e",
}  # the PDFs use the same (reports.charts)
NO_GROUP = "#d9d9d9"
HIDDEN = "#f1f1f1"  # a province outside the user's scope: the shape only, no name, no link
TEXT_ON = {"A": "#ffffff"}


@dataclass(frozen=True)
class MapCell:
    """One province on the map; ``name`` and ``url`` empty for a province outside the user's scope."""

    code: str
    name: str = ""
    group: str | None = None
    url: str = ""
    visible: bool = True


def _tile(cell: MapCell, *, names: bool) -> SafeString:
    col, row = TILES[cell.code]
    x, y = col * (TILE + GAP), row * (TILE + GAP)
    if not cell.visible:
        return format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" stroke="#cccccc"/>', x, y, TILE, TILE, HIDDEN
        )
    fill = GROUP_COLOURS.get(cell.group or "", NO_GROUP)
    ink = TEXT_ON.get(cell.group or "", "#1b1b1b")
    label = (
        _("%(name)s กลุ่ม %(group)s") % {"name": cell.name, "group": cell.group}
        if cell.group
        else _("%(name)s ยังไม่กำหนดกลุ่ม") % {"name": cell.name}
    )
    body = format_html(
        '<title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" stroke="#ffffff"/>'
        '<text x="{}" y="{}" font-size="13" font-weight="bold" fill="{}" text-anchor="middle">{}</text>',
        label,
        x,
        y,
        TILE,
        TILE,
        fill,
        x + TILE / 2,
        y + 20,
        ink,
        cell.group or "–",
    )
    if names:
        name = cell.name
        fit = format_html(' textLength="{}" lengthAdjust="spacingAndGlyphs"', TILE - 6) if len(name) > 9 else ""
        body = format_html(
            '{}<text x="{}" y="{}" font-size="10" fill="{}" text-anchor="middle"{}>{}</text>'
            '<text x="{}" y="{}" font-size="9" fill="{}" text-anchor="middle">{}</text>',
            body,
            x + TILE / 2,
            y + 36,
            ink,
            fit,
            name,
            x + TILE / 2,
            y + 50,
            ink,
            cell.code,
        )
    else:
        body = format_html(
            '{}<text x="{}" y="{}" font-size="11" fill="{}" text-anchor="middle">{}</text>',
            body,
            x + TILE / 2,
            y + 42,
            ink,
            cell.code,
        )
    if cell.url:
        # the name from <title> (not aria-label), so it may differ from the tile's visible code
        return format_html('<a href="{}"><title>{}</title>{}</a>', cell.url, label, body)
    return body


def province_map(
    cells: Iterable[MapCell],
    *,
    names: bool = True,
    title: str = gettext_lazy("แผนที่จังหวัดตามกลุ่มความเสี่ยง"),
    width: int | None = None,
) -> SafeString:
    """The map as inline SVG; ``names=False`` prints codes only (for the PDF); ``width`` scales it (px)."""
    cells = [c for c in cells if c.code in TILES]
    cols = max(c for c, _ in TILES.values()) + 1
    rows = max(r for _, r in TILES.values()) + 1
    view_w, view_h = cols * (TILE + GAP), rows * (TILE + GAP)
    width = width or view_w
    height = round(view_h * width / view_w)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="province-map" role="{}" aria-label="{}" '
        'viewBox="0 0 {} {}" width="{}" height="{}" font-family="Sarabun, sans-serif">{}</svg>',
        # links inside: a group of them (an image may hold no interactive part)
        "group" if any(c.url for c in cells) else "img",
        title,
        view_w,
        view_h,
        width,
        height,
        format_html_join("", "{}", ((_tile(c, names=names),) for c in cells)),
    )
