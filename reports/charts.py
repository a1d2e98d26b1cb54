"""Charts as inline SVG drawn on the server: vector graphics inside the PDF, no JavaScript, no images."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6")
GROUP_COLOURS = {"A": "#c00000", "B": "#ed7d31", "C": "#ffc000", "D": "#70ad47", None: "#d9d9d9"}


def _num(value) -> float:
    return float(value or 0)


def hbar(rows: list[tuple[str, object]], *, unit: str = "", width: int = 640, fmt=None) -> SafeString:
    """Horizontal bars, one per ``(label, value)``; labels left, values at the bar's end."""
    fmt = fmt or (lambda v: f"{v:,.0f}" if isinstance(v, (int, float, Decimal)) else str(v))
    if not rows:
        return mark_safe("")
    bar_h, gap, label_w = 22, 10, 250
    top = max((_num(v) for _, v in rows), default=0) or 1
    span = width - label_w - 110
    height = len(rows) * (bar_h + gap) + gap
    parts = []
    for i, (label, value) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = max(1.0, span * _num(value) / top)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="11pt">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" font-size="11pt">{} {}</text>',
                label_w - 6,
                y + bar_h - 6,
                label,
                label_w,
                y,
                f"{w:.1f}",
                bar_h,
                PALETTE[i % len(PALETTE)],
                f"{label_w + w + 6:.1f}",
                y + bar_h - 6,
                fmt(value),
                unit,
            )
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" class="chart">{}</svg>',
        width,
        height,
        width,
        height,
        mark_safe("".join(parts)),  # noqa: S308 - every part built with format_html
    )


def percent_bars(rows: list[tuple[str, float]], *, width: int = 640) -> SafeString:
    """Progress against target (0-100+ %), a grey track behind each bar."""
    bar_h, gap, label_w = 22, 10, 250
    span = width - label_w - 80
    height = len(rows) * (bar_h + gap) + gap
    parts = []
    for i, (label, pct) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = span * min(max(pct, 0.0), 100.0) / 100
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="11pt">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="#e7e6e6"/>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" font-size="11pt">{}%</text>',
                label_w - 6,
                y + bar_h - 6,
                label,
                label_w,
                y,
                span,
                bar_h,
                label_w,
                y,
                f"{w:.1f}",
                bar_h,
                PALETTE[i % len(PALETTE)],
                label_w + span + 6,
                y + bar_h - 6,
                f"{pct:.0f}",
            )
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" class="chart">{}</svg>',
        width,
        height,
        width,
        height,
        mark_safe("".join(parts)),  # noqa: S308 - every part built with format_html
    )


def province_grid(cells: list[tuple[str, str | None]], *, columns: int = 7, width: int = 660) -> SafeString:
    """The provinces as a grid of squares coloured by risk group, each with its name."""
    cell_w = width / columns
    cell_h = 34
    rows = (len(cells) + columns - 1) // columns
    parts = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#ffffff" stroke-width="2"/>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="8.5pt">{}</text>',
        (
            (
                f"{(i % columns) * cell_w:.1f}",
                (i // columns) * cell_h,
                f"{cell_w:.1f}",
                cell_h,
                GROUP_COLOURS.get(group, GROUP_COLOURS[None]),
                f"{(i % columns) * cell_w + cell_w / 2:.1f}",
                (i // columns) * cell_h + 22,
                name,
            )
            for i, (name, group) in enumerate(cells)
        ),
    )
    height = rows * cell_h
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" class="chart">{}</svg>',
        width,
        height,
        width,
        height,
        parts,
    )
