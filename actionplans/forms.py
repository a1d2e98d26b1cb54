from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionplans.choices import Nationality
from actionplans.models import Activity, SituationReport
from core.forms import FiscalYearField
from core.i18n import lazy_text
from core.limits import TEXT_MAX
from core.uploads import UploadField


class WholeNumberField(forms.IntegerField):
    """A count: a whole number, not negative; the Thai message names the field and what was typed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("initial", 0)
        super().__init__(**kwargs)
        self.widget.attrs.update({"step": "1", "min": "0"})
        label = self.label
        self.error_messages["required"] = lazy_text(lambda: _("กรุณากรอก%(label)s (ไม่มีให้กรอก 0)") % {"label": label})

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                _("%(label)s ต้องเป็นจำนวนเต็ม (ได้รับ “%(value)s”)") % {"label": self.label, "value": value}, code="invalid"
            ) from None

    def validate(self, value):
        if value is not None and value < 0:
            raise forms.ValidationError(
                _("%(label)s ต้องไม่ติดลบ (ได้รับ %(value)s)") % {"label": self.label, "value": value}, code="min_value"
            )
        super().validate(value)


class PlanCreateForm(forms.Form):
    fiscal_year = FiscalYearField()
    copy_last_year = forms.BooleanField(
        label=gettext_lazy("เริ่มจากแผนของปีที่แล้ว (คัดลอกกิจกรรมมาแก้ไข)"), required=False, initial=True
    )
    title = forms.CharField(label=gettext_lazy("ชื่อแผน (เว้นว่างเพื่อใช้ชื่อมาตรฐาน)"), max_length=300, required=False)


class ActivityForm(forms.ModelForm):
    budget = forms.DecimalField(
        label=gettext_lazy("งบประมาณ (บาท)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        initial=0,
        error_messages={
            "invalid": gettext_lazy("งบประมาณต้องเป็นตัวเลข"),
            "min_value": gettext_lazy("งบประมาณต้องไม่ติดลบ"),
            "max_decimal_places": gettext_lazy("งบประมาณมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง"),
        },
    )

    class Meta:
        model = Activity
        fields = [
            "pillar",
            "strategy",
            "name",
            "target_quantity",
            "target_unit",
            "q1",
            "q2",
            "q3",
            "q4",
            "budget",
            "budget_source",
            "responsible_agency",
            "order",
        ]
        error_messages = {
            "target_quantity": {
                "invalid": gettext_lazy("เป้าหมายต้องเป็นจำนวนเต็ม"),
                "min_value": gettext_lazy("เป้าหมายต้องไม่ติดลบ"),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False


class ProgressForm(forms.Form):
    done = forms.CharField(
        max_length=TEXT_MAX, label=gettext_lazy("ผลการดำเนินงาน"), widget=forms.Textarea(attrs={"rows": 3})
    )
    quantity_achieved = WholeNumberField(label=gettext_lazy("ผลที่ได้ (จำนวน)"))
    budget_spent = forms.DecimalField(
        label=gettext_lazy("งบประมาณที่ใช้ (บาท)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        initial=0,
        error_messages={
            "invalid": gettext_lazy("งบประมาณที่ใช้ต้องเป็นตัวเลข"),
            "min_value": gettext_lazy("งบประมาณที่ใช้ต้องไม่ติดลบ"),
        },
    )
    note = forms.CharField(
        max_length=TEXT_MAX, label=gettext_lazy("หมายเหตุ"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    file = UploadField(label=gettext_lazy("รูปภาพหรือเอกสารประกอบ"), required=False)


class TransitionForm(forms.Form):
    meeting = forms.ModelChoiceField(label=gettext_lazy("การประชุม"), queryset=None, required=False)
    resolution = forms.ModelChoiceField(label=gettext_lazy("มติที่ประชุม"), queryset=None, required=False)
    reason = forms.CharField(
        max_length=TEXT_MAX, label=gettext_lazy("เหตุผล"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, transition, meetings, resolutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{m.label} ({m.starts_at:%d/%m}/{m.starts_at.year + 543})"
        )
        self.fields["resolution"].queryset = resolutions
        self.fields["resolution"].label_from_instance = lambda r: (
            _("%(label)s วาระที่ %(number)s %(title)s: %(outcome)s")
            % {
                "label": r.agenda_item.meeting.label,
                "number": r.agenda_item.number,
                "title": r.agenda_item.title,
                "outcome": r.get_outcome_display(),
            }
        )
        if transition.name != "propose":
            del self.fields["meeting"]
        if transition.name != "approve":
            del self.fields["resolution"]
        if not transition.needs_reason:
            del self.fields["reason"]


class SituationReportForm(forms.Form):
    year = FiscalYearField(label=gettext_lazy("ปี พ.ศ. ที่รายงาน"))

    def __init__(self, *args, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        for f in SituationReport.FIGURES:
            label = SituationReport._meta.get_field(f).verbose_name
            self.fields[f] = WholeNumberField(label=label, initial=getattr(report, f) if report else 0)
        values = {r.nationality: r.victims for r in report.nationalities.all()} if report else {}
        for code, label in Nationality.choices:
            self.fields[f"nat_{code}"] = WholeNumberField(
                label=_("ผู้เสียหายสัญชาติ%(label)s") % {"label": label}, initial=values.get(code, 0)
            )
        for f in SituationReport.NARRATIVE:
            label = SituationReport._meta.get_field(f).verbose_name
            self.fields[f] = forms.CharField(
                max_length=TEXT_MAX,
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=getattr(report, f) if report else "",
            )
        if report is not None:
            del self.fields["year"]

    def figures(self) -> dict:
        return {f: self.cleaned_data[f] for f in SituationReport.FIGURES}

    def nationalities(self) -> dict:
        return {code: self.cleaned_data[f"nat_{code}"] for code in Nationality.values}

    def narrative(self) -> dict:
        return {f: self.cleaned_data[f] for f in SituationReport.NARRATIVE}

    def case_fields(self):
        return [self[f] for f in SituationReport.CASE_FORMS] + [self["cases_prosecuted"]]

    def victim_fields(self):
        return [
            self[f]
            for f in (
                "victims_total",
                "victims_male",
                "victims_female",
                "victims_child",
                "victims_adult",
                "victims_assisted",
            )
        ]

    def nationality_fields(self):
        return [self[f"nat_{code}"] for code in Nationality.values]

    def narrative_fields(self):
        return [self[f] for f in SituationReport.NARRATIVE]
