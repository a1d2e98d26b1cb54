from django import forms

from committees.choices import Region, RiskGroup
from core.forms import FiscalYearField


class DashboardFilterForm(forms.Form):
    """The dashboard's filters (the same names the exports read)."""

    fiscal_year = FiscalYearField(required=False)
    region = forms.ChoiceField(label="ภาค", required=False, choices=[("", "ทุกภาค"), *Region.choices])
    group = forms.ChoiceField(
        label="กลุ่ม", required=False, choices=[("", "ทุกกลุ่ม"), *RiskGroup.choices, ("none", "ยังไม่กำหนด")]
    )

    def values(self, default_year: int) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "fiscal_year": data.get("fiscal_year") or default_year,
            "region": data.get("region") or None,
            "group": data.get("group") or None,
        }
