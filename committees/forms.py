from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committees.choices import MemberRole, Region, RiskGroup
from committees.models import Member, Subcommittee
from core.forms import BEDateField, FiscalYearField, check_fiscal_year
from core.limits import TEXT_MAX


class ProvinceFilterForm(forms.Form):
    fiscal_year = FiscalYearField(required=False)
    group = forms.ChoiceField(
        label=gettext_lazy("กลุ่ม"),
        required=False,
        choices=[("", gettext_lazy("ทุกกลุ่ม")), *RiskGroup.choices, ("none", gettext_lazy("ยังไม่กำหนด"))],
    )
    region = forms.ChoiceField(
        label=gettext_lazy("ภาค"), required=False, choices=[("", gettext_lazy("ทุกภาค")), *Region.choices]
    )


class RiskGroupSheetForm(forms.Form):
    """One select per province; built from the sheet rows so labels show the previous year."""

    source_document = forms.CharField(
        label=gettext_lazy("เอกสารอ้างอิง (เลขที่หนังสือ/ประกาศ)"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("เช่น หนังสือกองต่อต้านการค้ามนุษย์ ที่ พม 0211/ว 123 ลงวันที่ 1 ตุลาคม 2566"),
    )

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"g_{row.province.code}"] = forms.ChoiceField(
                label=str(row.province),
                required=False,
                choices=[("", "—"), *RiskGroup.choices],
                initial=row.current or "",
            )

    def groups(self) -> dict[str, str]:
        return {name[2:]: value for name, value in self.cleaned_data.items() if name.startswith("g_")}

    def bound_rows(self):
        for row in self.rows:
            yield row, self[f"g_{row.province.code}"]


class RiskGroupImportForm(forms.Form):
    """Paste ``รหัสจังหวัด,กลุ่ม`` lines (e.g. from the national division's spreadsheet)."""

    fiscal_year = FiscalYearField()
    lines = forms.CharField(
        max_length=TEXT_MAX,
        label=gettext_lazy("รายการ (บรรทัดละ: รหัสจังหวัด,กลุ่ม)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("เช่น 11,C"),
    )
    source_document = forms.CharField(label=gettext_lazy("เอกสารอ้างอิง"), max_length=255, required=False)

    def clean_lines(self):
        groups: dict[str, str] = {}
        errors = []
        for n, raw in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            line = raw.strip()
            if not line:
                continue
            parts = [p.strip() for p in line.replace("\t", ",").split(",")]
            if len(parts) != 2:
                errors.append(_("บรรทัดที่ %(n)s: ต้องมีสองค่า คือ รหัสจังหวัด,กลุ่ม") % {"n": n})
                continue
            code, group = parts[0], parts[1].upper()
            if group not in RiskGroup.values:
                errors.append(_("บรรทัดที่ %(n)s: กลุ่ม “%(1)s” ไม่ถูกต้อง ต้องเป็น A, B, C หรือ D") % {"n": n, "1": parts[1]})
            elif code in groups:
                errors.append(_("บรรทัดที่ %(n)s: จังหวัดรหัส %(code)s มีมากกว่าหนึ่งกลุ่มในปีเดียวกัน") % {"n": n, "code": code})
            else:
                groups[code] = group
        if errors:
            raise ValidationError(errors)
        if not groups:
            raise ValidationError(_("ไม่มีรายการให้บันทึก"))
        return groups


class FiscalYearPickForm(forms.Form):
    fiscal_year = forms.IntegerField(label=gettext_lazy("ปีงบประมาณ (พ.ศ.)"))

    def clean_fiscal_year(self):
        value = self.cleaned_data["fiscal_year"]
        check_fiscal_year(value)
        return value


class SubcommitteeForm(forms.ModelForm):
    class Meta:
        model = Subcommittee
        fields = ["name", "short_name", "numbering_basis", "secretariat_office"]


class MemberForm(forms.ModelForm):
    term_start = BEDateField(label=gettext_lazy("เริ่มวาระ"), required=False)
    term_end = BEDateField(label=gettext_lazy("สิ้นสุดวาระ"), required=False)

    class Meta:
        model = Member
        fields = [
            "full_name",
            "position",
            "agency",
            "role",
            "chair_capacity",
            "term_start",
            "term_end",
            "order",
            "email",
        ]

    def clean(self):
        data = super().clean()
        if data.get("role") == MemberRole.CHAIR and not data.get("chair_capacity"):
            self.add_error("chair_capacity", _("กรุณาระบุว่าประธานทำหน้าที่ในฐานะใด"))
        if data.get("role") != MemberRole.CHAIR and data.get("chair_capacity"):
            self.add_error("chair_capacity", _("ระบุฐานะได้เฉพาะประธานอนุกรรมการ"))
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("วันสิ้นสุดวาระต้องไม่ก่อนวันเริ่มวาระ"))
        return data
