"""Form fields every app shares: dates typed in Buddhist Era, fiscal years."""

import datetime as dt

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import thaidate


class BEDateInput(forms.TextInput):
    """A text box that shows and takes ``วว/ดด/ปปปป`` in BE (a browser date picker would show CE)."""

    def __init__(self, attrs=None):
        defaults = {"placeholder": gettext_lazy("วว/ดด/ปปปป (พ.ศ.)"), "inputmode": "numeric", "autocomplete": "off"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, dt.date):
            return thaidate.format_numeric(value)
        return value


class BEDateField(forms.DateField):
    widget = BEDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return thaidate.parse_be_date(str(value))
        except thaidate.BEDateError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None


class FiscalYearSelect(forms.Select):
    """A select of the configured fiscal years, read from settings when drawn (not at import)."""

    @property
    def choices(self):
        years = range(settings.FISCAL_YEAR_MAX, settings.FISCAL_YEAR_MIN - 1, -1)
        return [("", "—"), *((y, str(y)) for y in years)]

    @choices.setter
    def choices(self, value):
        pass


class FiscalYearField(forms.IntegerField):
    """A BE fiscal year within the configured range; a CE year gets a clear Thai message."""

    widget = FiscalYearSelect

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("ปีงบประมาณ (พ.ศ.)"))
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value not in self.empty_values:
            check_fiscal_year(value)


def check_fiscal_year(value: int) -> None:
    """Raise a Thai ValidationError for a fiscal year out of range or typed in CE."""
    if value < thaidate.MIN_PLAUSIBLE_BE_YEAR:
        raise forms.ValidationError(
            _("ปี %(value)s ดูเหมือนเป็นปีคริสต์ศักราช กรุณาระบุปีงบประมาณเป็นพุทธศักราช (เช่น %(be_year)s)")
            % {"value": value, "be_year": thaidate.be_year(value)},
            code="ce_year",
        )
    if not settings.FISCAL_YEAR_MIN <= value <= settings.FISCAL_YEAR_MAX:
        raise forms.ValidationError(
            _("ปีงบประมาณต้องอยู่ระหว่าง %(FISCAL_YEAR_MIN)s ถึง %(FISCAL_YEAR_MAX)s")
            % {"FISCAL_YEAR_MIN": settings.FISCAL_YEAR_MIN, "FISCAL_YEAR_MAX": settings.FISCAL_YEAR_MAX},
            code="out_of_range",
        )


def choose_among(field: forms.ModelChoiceField, rows: list, model) -> None:
    """Offer ``rows`` (``model`` instances the page has already read) in ``field``: the options are drawn
    from them without a query (the same markup as from a queryset), and a submitted one is looked up among them."""
    field.queryset = model._default_manager.filter(pk__in=[r.pk for r in rows])
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = empty + [(r.pk, field.label_from_instance(r)) for r in rows]
