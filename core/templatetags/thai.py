"""Template filters for Thai dates (Buddhist Era) and baht amounts.

Loaded as a builtin (settings.TEMPLATES), so every template may use them.
"""

from decimal import Decimal, InvalidOperation

from bahttext import bahttext as _bahttext
from django import template

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
    return _bahttext(float(Decimal(value)))
