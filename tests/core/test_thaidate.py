import datetime as dt

import pytest
from django import forms
from django.template import Context, Template

from core import thaidate
from core.forms import BEDateField, check_fiscal_year


def test_full_and_short_dates_are_buddhist_era():
    d = dt.date(2021, 1, 27)
    assert thaidate.format_date(d) == "27 มกราคม 2564"
    assert thaidate.format_date(d, short=True) == "27 ม.ค. 2564"
    assert thaidate.format_numeric(d) == "27/01/2564"


def test_time_is_written_the_official_way():
    assert thaidate.format_time(dt.time(13, 30)) == "13.30 น."


def test_aware_datetimes_are_shown_in_bangkok_time():
    utc = dt.datetime(2021, 1, 27, 6, 30, tzinfo=dt.UTC)
    assert thaidate.format_datetime(utc) == "27 มกราคม 2564 เวลา 13.30 น."


@pytest.mark.parametrize(
    ("text", "expected"),
    [("27/01/2564", dt.date(2021, 1, 27)), ("1-10-2566", dt.date(2023, 10, 1)), ("๒๗/๐๑/๒๕๖๔", dt.date(2021, 1, 27))],
)
def test_typed_dates_are_read_as_buddhist_era(text, expected):
    assert thaidate.parse_be_date(text) == expected


def test_a_christian_era_year_gets_a_thai_message():
    with pytest.raises(thaidate.BEDateError, match=r"คริสต์ศักราช.*2564"):
        thaidate.parse_be_date("27/01/2021")


def test_an_impossible_date_gets_a_thai_message():
    with pytest.raises(thaidate.BEDateError, match="ไม่มีวันที่"):
        thaidate.parse_be_date("30/02/2564")


def test_the_form_field_reports_the_thai_message():
    field = BEDateField()
    assert field.clean("27/01/2564") == dt.date(2021, 1, 27)
    with pytest.raises(forms.ValidationError) as exc:
        field.clean("2021-01-27")
    assert "วว/ดด/ปปปป" in exc.value.messages[0]


@pytest.mark.parametrize(
    ("day", "fy", "quarter"),
    [
        (dt.date(2023, 9, 30), 2566, 4),
        (dt.date(2023, 10, 1), 2567, 1),
        (dt.date(2024, 1, 15), 2567, 2),
        (dt.date(2024, 6, 30), 2567, 3),
    ],
)
def test_fiscal_year_and_quarter(day, fy, quarter):
    assert thaidate.fiscal_year_of(day) == fy
    assert thaidate.fiscal_quarter_of(day) == quarter


def test_fiscal_year_bounds():
    assert thaidate.fiscal_year_bounds(2567) == (dt.date(2023, 10, 1), dt.date(2024, 9, 30))


def test_fiscal_year_checks():
    check_fiscal_year(2567)
    with pytest.raises(forms.ValidationError, match="คริสต์ศักราช"):
        check_fiscal_year(2024)
    with pytest.raises(forms.ValidationError, match="ระหว่าง"):
        check_fiscal_year(2600)


def test_template_filters():
    out = Template("{{ d|thai_date }} {{ t|thai_time }} {{ a|baht }} {{ a|bahttext }}").render(
        Context({"d": dt.date(2023, 9, 12), "t": dt.time(9, 0), "a": "1234.50"})
    )
    assert out == "12 กันยายน 2566 09.00 น. 1,234.50 หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์"
