"""The 77 provinces' boundaries coloured by risk group, drawn on the server as inline SVG.

Boundaries: the npm package ``@svg-maps/thailand`` 2.0.0 (MapSVG, CC BY 4.0), vendored as path data
keyed by the Ministry of Interior code in ``dashboards/geo/thailand.json`` (see README.md there).
The same builder serves the dashboards (provinces are links) and the national summary PDF (no links;
names stay in the HTML beside the map, since WeasyPrint draws SVG text outside the text layer).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

GROUP_COLOURS = {
    "A": "#d9534f",
    "B": "#f0ad4e",
    "C": "#f7dc6f",
    "D": "#82c17e",
}  # the PDFs use the same (reports.charts)
NO_GROUP = "#d9d9d9"
# the legend's swatch for "no group yet": the same grey with the map's hatching (CSS background)
NO_GROUP_SWATCH = f"repeating-linear-gradient(45deg, {NO_GROUP} 0 3px, #9a9a9a 3px 4px)"
HIDDEN = "#f1f1f1"  # a province outside the user's scope or filter: the shape only, no name, no link
WATER = "#cfe3f3"
CREDIT = gettext_lazy("แผนที่: MapSVG / svg-maps (CC BY 4.0)")
DATA = Path(__file__).resolve().parent / "geo" / "thailand.json"


@cache
def boundaries() -> dict:
    """``{"viewBox": ..., "provinces": {code: path}, "water": {name: path}}``, read once per process."""
    return json.loads(DATA.read_text())


def province_codes() -> list[str]:
    return list(boundaries()["provinces"])


@dataclass(frozen=True)
class MapCell:
    """One province on the map; ``name`` and ``url`` empty for a province outside the user's scope."""

    code: str
    name: str = ""
    group: str | None = None
    url: str = ""
    visible: bool = True


def label(cell: MapCell) -> str:
    if cell.group:
        return _("%(name)s กลุ่ม %(group)s") % {"name": cell.name, "group": cell.group}
    return _("%(name)s ยังไม่กำหนดกลุ่ม") % {"name": cell.name}


def _shape(cell: MapCell, path: str, *, highlight: bool) -> SafeString:
    fill = GROUP_COLOURS.get(cell.group or "") or "url(#no-group)"
    # the group's stroke (white, thin) unless highlighted
    shape = '<path d="{}" fill="{}" stroke="#1b1b1b" stroke-width="2.5">' if highlight else '<path d="{}" fill="{}">'
    body = format_html(shape + "<title>{}</title></path>", path, fill, label(cell))
    if cell.url:
        # the accessible name from <title> (the first child of the link)
        return format_html('<a href="{}"><title>{}</title>{}</a>', cell.url, label(cell), body)
    return body


def province_map(
    cells: Iterable[MapCell],
    *,
    title: str = gettext_lazy("แผนที่จังหวัดตามกลุ่มความเสี่ยง"),
    width: int = 400,
    highlight: str | None = None,
) -> SafeString:
    """The map as inline SVG, ``width`` px wide; ``highlight`` outlines one province (its code)."""
    data = boundaries()
    paths = data["provinces"]
    # outside the scope or filter: the shape only, below; the highlighted province last (outline on top)
    hidden = [c for c in cells if c.code in paths and not c.visible]
    shown = sorted((c for c in cells if c.code in paths and c.visible), key=lambda c: c.code == highlight)
    _, _, view_w, view_h = (int(n) for n in data["viewBox"].split())
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="province-map" role="{}" aria-label="{}" '
        'viewBox="{}" width="{}" height="{}">'
        '<defs><pattern id="no-group" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="{}"/>'
        '<rect width="1.5" height="6" fill="#9a9a9a"/></pattern></defs>'
        '<g class="outside" fill="{}" stroke="#c4c4c4" stroke-width="0.6">{}</g>'
        '<g stroke="#ffffff" stroke-width="0.6" stroke-linejoin="round">{}</g>'
        '<g fill="{}" stroke="#7ba7cc" stroke-width="0.6">{}</g></svg>',
        # links inside: a group of them (an image may hold no interactive part)
        "group" if any(c.url for c in shown) else "img",
        title,
        data["viewBox"],
        width,
        round(view_h * width / view_w),
        NO_GROUP,
        HIDDEN,
        format_html_join("", '<path d="{}"/>', ((paths[c.code],) for c in hidden)),
        format_html_join("", "{}", ((_shape(c, paths[c.code], highlight=c.code == highlight),) for c in shown)),
        WATER,
        format_html_join("", '<path d="{}"/>', ((p,) for p in data["water"].values())),
    )


def credit(css_class: str = "small text-muted") -> SafeString:
    """The attribution CC BY asks for, shown under the map."""
    return format_html('<p class="{}">{}</p>', css_class, CREDIT)
