"""Filters of the PDF templates: text that must not break inside, and Thai percentages."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def phrases(text) -> list[str]:
    """A position split where a line may break: at spaces, never before a number ("เขต 1") or a short word."""
    out: list[str] = []
    for word in str(text or "").split():
        if out and (word[0].isdigit() or len(word) <= 2):
            out[-1] += f" {word}"
        else:
            out.append(word)
    return out


@register.filter
def nw(value):
    """The value in a span that never breaks across lines (codes, phone numbers, amounts in words, names)."""
    if value in (None, ""):
        return ""
    return format_html('<span class="nw">{}</span>', value)


@register.filter
def percent_th(value, places: int = 2) -> str:
    """ "ร้อยละ 91.67" (official style), rounded half up; "ร้อยละ 100" when whole."""
    if value in (None, ""):
        return "-"
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
    text = f"{number:,.{int(places)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"ร้อยละ {text}"


# Project codes (ปคม/2564/สมุทรปราการ/0001), phone numbers (08 1234 5678, 02-123-4567), "ครั้งที่ 1/2564".
_UNBREAKABLE = re.compile(
    r"[^\s()/]+(?:/[^\s()/]+){2,}|0\d(?:[ -]?\d){7,8}|ครั้งที่ \d+/\d{4}|\(ระเบียบวาระที่ \d+\)|\d{1,2} [ก-๙]+ \d{4}"
)


@register.filter
def keep_codes(text):
    """Escape ``text`` and keep codes, phone numbers and meeting numbers whole on one line."""
    escaped = conditional_escape(str(text or ""))
    return mark_safe(_UNBREAKABLE.sub(lambda m: f'<span class="nw">{m.group(0)}</span>', escaped))  # noqa: S308
