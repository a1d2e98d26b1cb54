"""Charts drawn on the server as vector graphics inside the PDF (inline SVG), no JavaScript, no images.

Labels and values are HTML text beside the bars, not SVG text: WeasyPrint draws SVG text
outside the document's text layer fixes (Thai would extract wrongly), and HTML lines are
cheap boxes.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

PALETTE = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6")
GROUP_COLOURS = {
    "A": "#d9534f",
    "B": "#f0ad4e",
    "C": "#f7dc6f",
    "D": "#82c17e",
    None: "#d9d9d9",
}  # as the dashboards' map
BAR_WIDTH = 420  # px (CSS px: 1/96 in)


def _num(value) -> float:
    return float(value or 0)


def _fmt(value) -> str:
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, (int, float)):
        return f"{value:,.0f}"
    return str(value)


def _bar(width: float, colour: str, *, track: bool = False, full: int = BAR_WIDTH) -> SafeString:
    back = format_html('<rect x="0" y="0" width="{}" height="12" fill="#e7e6e6"/>', full) if track else ""
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="bar" width="{}" height="12" viewBox="0 0 {} 12">{}'
        '<rect x="0" y="0" width="{}" height="12" fill="{}"/></svg>',
        full,
        full,
        back,
        f"{max(width, 1.0):.1f}",
        colour,
    )


def hbar(
    rows: list[tuple[str, object]], *, unit: str = "", colours: list[str] | None = None, width: int = BAR_WIDTH
) -> SafeString:
    """One bar per ``(label, value)``, scaled to the largest; the label and value as text above each bar.

    ``colours`` gives each bar its own colour (e.g. the risk groups' colours of the map), else the palette;
    ``width`` is the longest bar (px), narrower beside a map.
    """
    palette = colours or PALETTE
    if not rows:
        return format_html("")
    top = max((_num(v) for _, v in rows), default=0) or 1
    return format_html(
        '<div class="chart">{}</div>',
        format_html_join(
            "",
            '<p class="bar-label">{}: {} {}</p>{}',
            (
                (label, _fmt(value), unit, _bar(width * _num(value) / top, palette[i % len(palette)], full=width))
                for i, (label, value) in enumerate(rows)
            ),
        ),
    )


def percent_bars(rows: list[tuple[str, float]]) -> SafeString:
    """Progress against target (0-100 %) on a grey track."""
    return format_html(
        '<div class="chart">{}</div>',
        format_html_join(
            "",
            _('<p class="bar-label">{}: ร้อยละ {}</p>{}'),
            (
                (
                    label,
                    f"{pct:,.2f}".rstrip("0").rstrip("."),
                    _bar(BAR_WIDTH * min(max(pct, 0.0), 100.0) / 100, PALETTE[i % len(PALETTE)], track=True),
                )
                for i, (label, pct) in enumerate(rows)
            ),
        ),
    )


def province_grid(cells: list[tuple[str, str | None]]) -> SafeString:
    """The provinces as a grid of cells coloured by risk group (inline blocks: text stays text)."""
    return format_html(
        '<div class="grid">{}</div>',
        format_html_join(
            "",
            '<span class="cell" style="background: {}">{}</span>',
            ((GROUP_COLOURS.get(group, GROUP_COLOURS[None]), name) for name, group in cells),
        ),
    )
