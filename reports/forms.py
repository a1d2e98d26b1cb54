from django import forms
from django.utils.translation import gettext_lazy

from core.forms import FiscalYearField
from core.thaidate import current_fiscal_year


class ReportRequestForm(forms.Form):
    """What a report is about: a province code and fiscal year, or an object id."""

    province = forms.CharField(required=False, max_length=2, widget=forms.HiddenInput)
    fiscal_year = FiscalYearField(label=gettext_lazy("ปีงบประมาณ"), required=False)
    object = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, needs_year: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].required = needs_year
        self.fields["fiscal_year"].initial = current_fiscal_year()
