"""Template filters for Thai dates (Buddhist Era) and baht amounts.

Loaded as a builtin (settings.TEMPLATES), so every template may use them.
"""

from decimal import Decimal, InvalidOperation

from bahttext import bahttext as _bahttext
from django import template
from django.utils.translation import get_language

from core import thaidate

register = template.Library()


@register.filter
def thai_date(value):
    """``27 มกราคม 2564``"""
    return thaidate.format_date(value)


@register.filter
def thai_date_short(value):
    """``27 ม.ค. 2564``"""
    return thaidate.format_date(value, short=True)


@register.filter
def thai_time(value):
    """``13.30 น.``"""
    return thaidate.format_time(value)


@register.filter
def thai_datetime(value):
    return thaidate.format_datetime(value)


@register.filter
def thai_datetime_short(value):
    return thaidate.format_datetime(value, short=True)


@register.filter
def be_numeric(value):
    """``27/01/2564``"""
    return thaidate.format_numeric(value)


@register.filter
def baht(value):
    """``1,234,567.50`` (two decimals, thousands separators)."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return value
    return f"{amount:,.2f}"


@register.filter
def bahttext(value):
    """The amount in Thai words as official documents write it: ``หนึ่งพันบาทถ้วน``."""
    if value in (None, ""):
        return ""
    if (get_language() or "").startswith("en"):
        return english_baht(Decimal(value))
    return _bahttext(float(Decimal(value)))


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand"), (100, "hundred"))


def _words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    for size, name in _SCALES:
        if n >= size:
            head, rest = divmod(n, size)
            return f"{_words(head)} {name}" + (f" {_words(rest)}" if rest else "")
    return str(n)


def english_baht(amount: Decimal) -> str:
    """The English counterpart of bahttext on English pages: ``one thousand baht and fifty satang``."""
    amount = amount.quantize(Decimal("0.01"))
    whole, satang = int(amount), int((amount - int(amount)) * 100)
    text = f"{_words(whole)} baht"
    return text + (f" and {_words(satang)} satang" if satang else "")
