"""Thai Buddhist Era dates and fiscal years.

Django's ``th`` locale prints Christian Era years, so every date a person sees
or types goes through here. The Thai fiscal year runs 1 October to
30 September and is named by the BE year in which it ends: FY 2567 is
1 Oct 2566 to 30 Sep 2567 BE.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

BE_OFFSET = 543

THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
# English pages keep the Buddhist Era the subcommittees work in (fiscal years, meeting
# numbers and documents are all BE), with English month names: "27 January 2564".
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
EN_MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _english() -> bool:
    return (get_language() or "").startswith("en")


THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

# A typed year below this is taken for a Christian Era year typed by mistake.
MIN_PLAUSIBLE_BE_YEAR = 2400


def be_year(ce_year: int) -> int:
    return ce_year + BE_OFFSET


def ce_year(be: int) -> int:
    return be - BE_OFFSET


def _as_local_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def format_date(value: dt.date | dt.datetime | None, *, short: bool = False) -> str:
    """``27 มกราคม 2564`` (or ``27 ม.ค. 2564`` with ``short``)."""
    if value is None:
        return ""
    d = _as_local_date(value)
    table = {(True, True): EN_MONTHS_SHORT, (True, False): EN_MONTHS, (False, True): THAI_MONTHS_SHORT}
    months = table.get((_english(), short), THAI_MONTHS)
    return f"{d.day} {months[d.month - 1]} {be_year(d.year)}"


def format_time(value: dt.time | dt.datetime | None) -> str:
    """``13.30 น.`` as Thai official documents write times."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.time()
    if _english():
        return f"{value.hour:02d}:{value.minute:02d}"
    return f"{value.hour:02d}.{value.minute:02d} น."


def format_datetime(value: dt.datetime | None, *, short: bool = False) -> str:
    if value is None:
        return ""
    if _english():
        return f"{format_date(value, short=short)}, {format_time(value)}"
    return f"{format_date(value, short=short)} เวลา {format_time(value)}"


def format_numeric(value: dt.date | dt.datetime | None) -> str:
    """``27/01/2564``: the form in which dates are typed."""
    if value is None:
        return ""
    d = _as_local_date(value)
    return f"{d.day:02d}/{d.month:02d}/{be_year(d.year)}"


class BEDateError(ValueError):
    """A typed date that is not a valid Buddhist Era date; the message is Thai."""


_NUMERIC = re.compile(r"^\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})\s*$")


def parse_be_date(text: str) -> dt.date:
    """Read ``27/01/2564`` (also ``-`` or ``.``; Thai digits allowed) as a BE date."""
    normalized = text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    match = _NUMERIC.match(normalized)
    if not match:
        raise BEDateError(_("กรุณากรอกวันที่ในรูปแบบ วว/ดด/ปปปป เป็นปีพุทธศักราช เช่น 27/01/2564"))
    day, month, year = (int(g) for g in match.groups())
    if year < MIN_PLAUSIBLE_BE_YEAR:
        raise BEDateError(
            _("ปี %(year)s ดูเหมือนเป็นปีคริสต์ศักราช กรุณากรอกปีพุทธศักราช (เช่น %(be)s)") % {"year": year, "be": be_year(year)}
        )
    try:
        return dt.date(ce_year(year), month, day)
    except ValueError:
        raise BEDateError(_("ไม่มีวันที่ %(date)s ในปฏิทิน") % {"date": f"{day}/{month:02d}/{year}"}) from None


def fiscal_year_of(value: dt.date | dt.datetime) -> int:
    """The BE fiscal year a date falls in (1 October starts the next one)."""
    d = _as_local_date(value)
    return be_year(d.year + 1 if d.month >= 10 else d.year)


def fiscal_year_bounds(fiscal_year: int) -> tuple[dt.date, dt.date]:
    """First and last day of a BE fiscal year: FY 2567 is 1 Oct 2566 to 30 Sep 2567."""
    end_ce = ce_year(fiscal_year)
    return dt.date(end_ce - 1, 10, 1), dt.date(end_ce, 9, 30)


def fiscal_quarter_of(value: dt.date | dt.datetime) -> int:
    """Quarter 1 is Oct-Dec, 2 Jan-Mar, 3 Apr-Jun, 4 Jul-Sep."""
    d = _as_local_date(value)
    return ((d.month - 10) % 12) // 3 + 1


def current_fiscal_year() -> int:
    return fiscal_year_of(timezone.localdate())
