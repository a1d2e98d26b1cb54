"""Charts drawn on the server as SVG (no JavaScript, nothing from outside, within the CSP).

One shape serves every chart of the dashboards: horizontal bars, one group of bars per row,
one bar per series. Every chart is shown with its table beside it (the table is what a
screen reader reads; the SVG is ``aria-hidden``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

PALETTE = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6")
LABEL_W = 230
BAR_W = 300
BAR_H = 12
ROW_GAP = 10
VALUE_W = 110


def _num(value) -> float:
    return float(value or 0)


def _fmt(value) -> str:
    if isinstance(value, Decimal | float):
        return f"{value:,.2f}"
    return f"{value or 0:,}"


def bars(
    rows: Sequence[tuple[str, Sequence[object]]],
    series: Sequence[tuple[str, str | None]],
    *,
    label_width: int = LABEL_W,
) -> SafeString:
    """``rows`` are ``(label, [value per series])``; ``series`` are ``(name, colour or None)``."""
    if not rows:
        return SafeString("")
    top = max((_num(v) for _, values in rows for v in values), default=0) or 1
    per_row = len(series) * BAR_H + ROW_GAP
    legend_h = 20 if len(series) > 1 else 0
    height = legend_h + len(rows) * per_row
    width = label_width + BAR_W + VALUE_W
    parts = []
    if legend_h:
        x = label_width
        for i, (name, colour) in enumerate(series):
            parts.append(
                format_html(
                    '<rect x="{}" y="2" width="10" height="10" fill="{}"/><text x="{}" y="11" font-size="11">{}</text>',
                    x,
                    colour or PALETTE[i % len(PALETTE)],
                    x + 14,
                    name,
                )
            )
            x += 14 + 9 * len(name) // 2 + 18
    for r, (label, values) in enumerate(rows):
        y0 = legend_h + r * per_row
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" text-anchor="end">{}</text>',
                label_width - 6,
                y0 + len(series) * BAR_H / 2 + 4,
                label,
            )
        )
        for s, value in enumerate(values):
            colour = series[s][1] or PALETTE[s % len(PALETTE)]
            w = BAR_W * _num(value) / top
            y = y0 + s * BAR_H
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                    '<text x="{}" y="{}" font-size="10">{}</text>',
                    label_width,
                    y,
                    f"{max(w, 0.5):.1f}",
                    BAR_H - 2,
                    colour,
                    label_width + w + 4,
                    y + BAR_H - 3,
                    _fmt(value),
                )
            )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" aria-hidden="true" viewBox="0 0 {} {}" '
        'width="100%" style="max-width: {}px" font-family="Sarabun, sans-serif">{}</svg>',
        width,
        height,
        width,
        format_html_join("", "{}", ((p,) for p in parts)),
    )
