"""Forms of กปค.01 (in sections) and of the review steps. Field checks only; the rules live in services."""

from __future__ import annotations

import datetime as dt

import django_filters
import geothai
from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committees.models import Province
from core.forms import BEDateField, FiscalYearField
from core.limits import TEXT_MAX
from core.pillars import Pillar
from core.uploads import UploadField
from fundproposals.choices import (
    CHECKLIST,
    AttachmentKind,
    Decision,
    FundDecision,
    OrganisationType,
    ProposalState,
    VoteChoice,
    VoteMethod,
)
from fundproposals.models import Proposal

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": 0}
MONEY_MSG = {
    "invalid": gettext_lazy("กรุณากรอกจำนวนเงินเป็นตัวเลข"),
    "max_decimal_places": gettext_lazy("จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)"),
    "min_value": gettext_lazy("จำนวนเงินต้องไม่ติดลบ"),
    "max_digits": gettext_lazy("จำนวนเงินมากเกินไป"),
}


def money_field(label: str, *, required: bool = False, **kw) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        error_messages=MONEY_MSG,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        **MONEY,
        **kw,
    )


class NewProposalForm(forms.Form):
    province = forms.ModelChoiceField(label=gettext_lazy("จังหวัด"), queryset=Province.objects.none(), empty_label=None)
    fiscal_year = FiscalYearField()
    title = forms.CharField(label=gettext_lazy("ชื่อโครงการ"), max_length=500)

    def __init__(self, *args, province_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.filter(pk__in=province_ids).order_by("code")


class GeneralSection(forms.ModelForm):
    fiscal_year = FiscalYearField()

    class Meta:
        model = Proposal
        fields = [
            "title",
            "fiscal_year",
            "organisation",
            "organisation_type",
            "responsible_name",
            "responsible_position",
            "responsible_phone",
            "kind",
            "previous_project",
        ]
        widgets = {"organisation_type": forms.RadioSelect, "kind": forms.RadioSelect}

    def __init__(self, *args, previous_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation_type"].choices = OrganisationType.choices
        self.fields["previous_project"].queryset = (
            previous_choices if previous_choices is not None else Proposal.objects.none()
        )
        self.fields["previous_project"].required = False


def _district_choices(province_code: str):
    return [("", _("— เลือกอำเภอ —")), *((d.code, d.name_th) for d in geothai.districts(province_code))]


def _subdistrict_choices(province_code: str):
    out = [("", _("— เลือกตำบล —"))]
    for d in geothai.districts(province_code):
        out.append((d.name_th, [(s.code, s.name_th) for s in geothai.subdistricts(d.code)]))
    return out


class ContentSection(forms.ModelForm):
    pillars = forms.MultipleChoiceField(
        label=gettext_lazy("ด้านยุทธศาสตร์ (เลือกได้มากกว่า 1 ด้าน)"),
        choices=Pillar.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    start_date = BEDateField(label=gettext_lazy("วันเริ่มโครงการ"), required=False)
    end_date = BEDateField(label=gettext_lazy("วันสิ้นสุดโครงการ"), required=False)
    district_code = forms.ChoiceField(label=gettext_lazy("อำเภอ/เขต"), required=False)
    subdistrict_code = forms.ChoiceField(label=gettext_lazy("ตำบล/แขวง"), required=False)

    class Meta:
        model = Proposal
        fields = [
            "rationale",
            "objectives",
            "targets",
            "target_group",
            "target_count",
            "district_code",
            "subdistrict_code",
            "start_date",
            "end_date",
        ]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ("rationale", "objectives", "targets")}

    def __init__(self, *args, province_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district_code"].choices = _district_choices(province_code)
        self.fields["subdistrict_code"].choices = _subdistrict_choices(province_code)
        if self.instance.pk and not self.is_bound:
            self.initial["pillars"] = self.instance.pillars

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("วันสิ้นสุดโครงการต้องไม่ก่อนวันเริ่มโครงการ"))
        return data


class BudgetSection(forms.ModelForm):
    total_budget = money_field(gettext_lazy("งบประมาณทั้งโครงการ (บาท)"))
    requested_amount = money_field(gettext_lazy("ขอรับการสนับสนุนจากกองทุน (บาท)"))
    cofunding_amount = money_field(gettext_lazy("งบสมทบ (บาท)"))

    class Meta:
        model = Proposal
        fields = ["total_budget", "requested_amount", "cofunding_amount", "cofunding_source", "fund_need"]
        widgets = {"fund_need": forms.Textarea(attrs={"rows": 4})}

    def clean_cofunding_amount(self):
        return self.cleaned_data.get("cofunding_amount") or 0


class ManagementSection(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["staffing", "indicators", "evaluation", "expected_results"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in fields}


class BudgetLineForm(forms.Form):
    item = forms.CharField(label=gettext_lazy("รายการ"), max_length=500, required=False)
    amount = money_field(gettext_lazy("จำนวนเงิน (บาท)"))

    def clean(self):
        data = super().clean()
        if data.get("item") and data.get("amount") is None:
            self.add_error("amount", _("กรุณาระบุจำนวนเงิน"))
        if data.get("amount") is not None and not data.get("item"):
            self.add_error("item", _("กรุณาระบุรายการ"))
        return data


class ActivityForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("กิจกรรม"), max_length=500, required=False)
    period = forms.CharField(label=gettext_lazy("ระยะเวลา"), max_length=200, required=False)
    cost = money_field(gettext_lazy("ค่าใช้จ่าย (บาท)"))

    def clean(self):
        data = super().clean()
        if (data.get("period") or data.get("cost") is not None) and not data.get("name"):
            self.add_error("name", _("กรุณาระบุชื่อกิจกรรม"))
        return data


BudgetLineFormSet = forms.formset_factory(BudgetLineForm, extra=3)
ActivityFormSet = forms.formset_factory(ActivityForm, extra=3)

SECTIONS = (
    ("general", gettext_lazy("1 ข้อมูลโครงการและผู้เสนอ")),
    ("content", gettext_lazy("2 หลักการ วัตถุประสงค์ และพื้นที่")),
    ("activities", gettext_lazy("3 กิจกรรม")),
    ("budget", gettext_lazy("4 งบประมาณ")),
    ("management", gettext_lazy("5 การบริหารและการประเมินผล")),
    ("attachments", gettext_lazy("6 เอกสารแนบ")),
)


class AttachmentForm(forms.Form):
    file = UploadField()


class PhotoForm(forms.Form):
    file = UploadField(kinds=("jpg", "png"), label=gettext_lazy("ภาพถ่ายผลการดำเนินงาน"))
    kind = forms.CharField(max_length=TEXT_MAX, widget=forms.HiddenInput, initial=AttachmentKind.PHOTO)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=TEXT_MAX,
        label=gettext_lazy("เหตุผล/หมายเหตุ"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        self.fields["reason"].error_messages["required"] = _("กรุณาระบุเหตุผล")


class ChecklistForm(forms.Form):
    note = forms.CharField(
        max_length=TEXT_MAX,
        label=gettext_lazy("เหตุผลที่ส่งกลับ / หมายเหตุ"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in CHECKLIST:
            self.fields[f"c_{key}"] = forms.BooleanField(label=label, required=False)

    def checklist(self) -> dict[str, bool]:
        return {key: bool(self.cleaned_data.get(f"c_{key}")) for key, _ in CHECKLIST}


class ReviewForm(forms.Form):
    analysis = forms.CharField(
        max_length=TEXT_MAX, label=gettext_lazy("ความเห็นและการวิเคราะห์"), widget=forms.Textarea(attrs={"rows": 5})
    )
    recommendation = forms.ChoiceField(label=gettext_lazy("ข้อเสนอ"), choices=Decision.choices, widget=forms.RadioSelect)
    recommended_amount = money_field(gettext_lazy("วงเงินที่เสนอ (บาท)"))
    has_conflict = forms.BooleanField(label=gettext_lazy("ข้าพเจ้ามีส่วนได้เสียในโครงการนี้"), required=False)
    conflict_reason = forms.CharField(
        max_length=TEXT_MAX,
        label=gettext_lazy("เหตุแห่งส่วนได้เสีย"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class TableForm(forms.Form):
    meeting = forms.ModelChoiceField(label=gettext_lazy("การประชุม"), queryset=None, empty_label=None)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{m.label} ({m.starts_at:%d/%m}/{m.starts_at.year + 543})"
        )


class CirculateForm(forms.Form):
    deadline_date = BEDateField(label=gettext_lazy("ลงมติได้ถึงวันที่"))
    deadline_time = forms.TimeField(
        label=gettext_lazy("เวลา"), initial=dt.time(16, 30), widget=forms.TimeInput(format="%H:%M")
    )

    def clean(self):
        data = super().clean()
        if data.get("deadline_date") and data.get("deadline_time"):
            deadline = timezone.make_aware(dt.datetime.combine(data["deadline_date"], data["deadline_time"]))
            if deadline <= timezone.now():
                self.add_error("deadline_date", _("กำหนดเวลาลงมติต้องเป็นเวลาในอนาคต"))
            data["deadline"] = deadline
        return data


class OpenBallotForm(forms.Form):
    # Left out of a post: members vote on their devices (the product's first and only way before methods).
    method = forms.ChoiceField(
        label=gettext_lazy("วิธีลงมติ"),
        choices=VoteMethod.choices,
        initial=VoteMethod.CONSENSUS,
        required=False,
        widget=forms.RadioSelect,
    )


class HandCountForm(forms.Form):
    """A show of hands as counted in the room; the service refuses totals above the present, eligible members."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in VoteChoice.choices:
            self.fields[value] = forms.IntegerField(label=label, initial=0, required=False)


class CloseBallotForm(forms.Form):
    consensus = forms.ChoiceField(label=gettext_lazy("มติของที่ประชุม"), required=False, widget=forms.RadioSelect)
    casting_vote = forms.ChoiceField(label=gettext_lazy("ประธานออกเสียงชี้ขาด"), required=False, widget=forms.RadioSelect)
    recommended_amount = money_field(gettext_lazy("วงเงินที่เห็นชอบ (บาท)"))

    def __init__(self, *args, leading=(), consensus=False, amount=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not amount:
            del self.fields["recommended_amount"]
        self.fields["casting_vote"].choices = [(d, Decision(d).label) for d in leading]
        if consensus:
            self.fields["consensus"].choices = Decision.choices
            self.fields["consensus"].required = True
        else:
            del self.fields["consensus"]
        if not leading:
            del self.fields["casting_vote"]


class FundDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("ผลการพิจารณาของกองทุน"), choices=FundDecision.choices, widget=forms.RadioSelect
    )
    approved_amount = money_field(gettext_lazy("วงเงินที่อนุมัติ (บาท)"))
    decided_on = BEDateField(label=gettext_lazy("วันที่กองทุนพิจารณา"))
    note = forms.CharField(
        max_length=TEXT_MAX, label=gettext_lazy("หมายเหตุ"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ContractForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("เลขที่สัญญา"), max_length=100)
    signed_on = BEDateField(label=gettext_lazy("วันที่ทำสัญญา"))
    amount = money_field(gettext_lazy("วงเงินตามสัญญา (บาท)"), required=True)
    months = forms.IntegerField(label=gettext_lazy("ระยะเวลาดำเนินการ (เดือน)"), min_value=1, max_value=60)


class ReportForm(forms.Form):
    activities = forms.CharField(
        max_length=TEXT_MAX, label=gettext_lazy("กิจกรรมที่ดำเนินการแล้ว"), widget=forms.Textarea(attrs={"rows": 4})
    )
    people_reached = forms.IntegerField(label=gettext_lazy("จำนวนผู้เข้าร่วม/ผู้ได้รับประโยชน์ (คน)"), min_value=0)
    received = money_field(gettext_lazy("งบประมาณที่ได้รับ (บาท)"), required=True)
    spent = money_field(gettext_lazy("งบประมาณที่ใช้จริง (บาท)"), required=True)
    returned = money_field(gettext_lazy("งบประมาณคงเหลือส่งคืน (บาท)"), required=True)
    problems = forms.CharField(
        max_length=TEXT_MAX,
        label=gettext_lazy("ปัญหาและอุปสรรค"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    suggestions = forms.CharField(
        max_length=TEXT_MAX, label=gettext_lazy("ข้อเสนอแนะ"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ProposalFilter(django_filters.FilterSet):
    province = django_filters.ModelChoiceFilter(
        label=gettext_lazy("จังหวัด"), queryset=Province.objects.all(), empty_label=gettext_lazy("ทุกจังหวัด")
    )
    fiscal_year = django_filters.NumberFilter(label=gettext_lazy("ปีงบประมาณ"))
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("สถานะ"), choices=ProposalState.choices, empty_label=gettext_lazy("ทุกสถานะ")
    )
    pillar = django_filters.ChoiceFilter(
        label=gettext_lazy("ด้านยุทธศาสตร์"),
        choices=Pillar.choices,
        field_name="pillar_rows__pillar",
        empty_label=gettext_lazy("ทุกด้าน"),
        distinct=True,
    )
    organisation_type = django_filters.ChoiceFilter(
        label=gettext_lazy("ประเภทหน่วยงาน"), choices=OrganisationType.choices, empty_label=gettext_lazy("ทุกประเภท")
    )

    class Meta:
        model = Proposal
        fields = ["province", "fiscal_year", "state", "pillar", "organisation_type"]

    def __init__(self, *args, provinces=None, **kwargs):
        super().__init__(*args, **kwargs)
        if provinces is not None:
            self.filters["province"].queryset = provinces
