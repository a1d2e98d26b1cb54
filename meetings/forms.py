import datetime as dt
import re

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committees.choices import ChairCapacity
from committees.models import Member
from core.forms import BEDateField, FiscalYearField, choose_among
from core.limits import TEXT_MAX
from core.uploads import UploadField
from meetings.choices import AdoptionMethod, AttendanceStatus, MeetingState, ResolutionOutcome, SectionType

_TIME = re.compile(r"^\s*(\d{1,2})\s*[.:]\s*(\d{2})\s*(น\.)?\s*$")


class ThaiTimeField(forms.CharField):
    """``13.30`` or ``13:30`` (Thai documents write 13.30 น.)."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        m = _TIME.match(value)
        if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
            raise forms.ValidationError(_("กรุณากรอกเวลาเป็น ชช.นน เช่น 13.30"))
        return dt.time(int(m.group(1)), int(m.group(2)))


class MeetingForm(forms.Form):
    date = BEDateField(label=gettext_lazy("วันที่ประชุม"))
    time = ThaiTimeField(
        label=gettext_lazy("เวลาเริ่มประชุม"), initial="09.30", widget=forms.TextInput(attrs={"placeholder": "09.30"})
    )
    place = forms.CharField(label=gettext_lazy("สถานที่"), max_length=300)
    online_link = forms.URLField(label=gettext_lazy("ลิงก์ประชุมออนไลน์ (ถ้ามี)"), required=False, assume_scheme="https")
    chair_member = forms.ModelChoiceField(
        label=gettext_lazy("ประธานในที่ประชุม"), queryset=Member.objects.none(), required=False
    )
    chair_capacity = forms.ChoiceField(
        label=gettext_lazy("ในฐานะ"), choices=[("", "—"), *ChairCapacity.choices], required=False
    )
    number = forms.IntegerField(
        label=gettext_lazy("ครั้งที่ (เว้นว่างให้ระบบกำหนด)"),
        required=False,
        min_value=1,
        help_text=gettext_lazy("ระบุเฉพาะเมื่อบันทึกการประชุมย้อนหลัง"),
    )
    swap_follow_up = forms.BooleanField(
        label=gettext_lazy("เรียงเรื่องเพื่อทราบเป็นวาระที่ 3 และเรื่องสืบเนื่องเป็นวาระที่ 4"), required=False
    )

    def __init__(self, *args, subcommittee, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair_member"].queryset = Member.objects.current().filter(subcommittee=subcommittee)
        if editing:
            del self.fields["number"]
            del self.fields["swap_follow_up"]

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            data["starts_at"] = timezone.make_aware(dt.datetime.combine(data["date"], data["time"]))
        if data.get("chair_capacity") and not data.get("chair_member"):
            self.add_error("chair_member", _("กรุณาเลือกประธานในที่ประชุม"))
        return data


class MeetingFilterForm(forms.Form):
    province = forms.ChoiceField(label=gettext_lazy("จังหวัด"), required=False)
    fiscal_year = FiscalYearField(required=False)
    state = forms.ChoiceField(
        label=gettext_lazy("สถานะ"), required=False, choices=[("", gettext_lazy("ทุกสถานะ")), *MeetingState.choices]
    )

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("ทุกจังหวัด")), *((p.code, p.name_th) for p in provinces)]


class AgendaItemForm(forms.Form):
    section_type = forms.ChoiceField(label=gettext_lazy("อยู่ในระเบียบวาระ"), choices=SectionType.choices)
    title = forms.CharField(label=gettext_lazy("เรื่อง"), max_length=500)
    description = forms.CharField(
        max_length=TEXT_MAX, label=gettext_lazy("รายละเอียด"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    presenter = forms.CharField(label=gettext_lazy("ผู้นำเสนอ"), max_length=200, required=False)


class AgendaItemEditForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("เรื่อง"), max_length=500)
    description = forms.CharField(
        max_length=TEXT_MAX, label=gettext_lazy("รายละเอียด"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    presenter = forms.CharField(label=gettext_lazy("ผู้นำเสนอ"), max_length=200, required=False)
    minutes_to_adopt = forms.ModelChoiceField(
        label=gettext_lazy("รายงานการประชุมที่เสนอให้รับรอง"), queryset=None, required=False
    )

    def __init__(self, *args, item, previous, **kwargs):
        super().__init__(*args, **kwargs)
        if item.parent_id is None and item.section_type == SectionType.ADOPT_MINUTES:
            self.fields["minutes_to_adopt"].queryset = previous
            self.fields["minutes_to_adopt"].label_from_instance = lambda m: m.label
        else:
            del self.fields["minutes_to_adopt"]


class PaperForm(forms.Form):
    file = UploadField(label=gettext_lazy("เอกสารประกอบวาระ"))


class AttendanceForm(forms.Form):
    """One row per current member, built from the member list."""

    STATUS_CHOICES = [
        ("", gettext_lazy("— ยังไม่บันทึก —")),
        (AttendanceStatus.PRESENT, AttendanceStatus.PRESENT.label),
        (AttendanceStatus.ABSENT, AttendanceStatus.ABSENT.label),
        (AttendanceStatus.STAND_IN, gettext_lazy("มีผู้มาประชุมแทน")),
    ]

    def __init__(self, *args, members, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for m in members:
            att = existing.get(m.pk)
            p = f"m{m.pk}_"
            self.fields[p + "status"] = forms.ChoiceField(
                label=m.full_name, choices=self.STATUS_CHOICES, required=False, initial=att.status if att else ""
            )
            self.fields[p + "reason"] = forms.CharField(
                label=_("เหตุที่ไม่มา"), required=False, max_length=300, initial=att.absence_reason if att else ""
            )
            self.fields[p + "name"] = forms.CharField(
                label=_("ชื่อผู้มาประชุมแทน"), required=False, max_length=200, initial=att.person_name if att else ""
            )
            self.fields[p + "position"] = forms.CharField(
                label=_("ตำแหน่งผู้มาประชุมแทน"), required=False, max_length=200, initial=att.person_position if att else ""
            )

    def rows(self):
        out = []
        for m in self.members:
            p = f"m{m.pk}_"
            out.append(
                {
                    "member": m,
                    "status": self.cleaned_data.get(p + "status", ""),
                    "absence_reason": self.cleaned_data.get(p + "reason", ""),
                    "person_name": self.cleaned_data.get(p + "name", ""),
                    "person_position": self.cleaned_data.get(p + "position", ""),
                }
            )
        return out

    def bound_rows(self):
        for m in self.members:
            p = f"m{m.pk}_"
            yield m, self[p + "status"], self[p + "reason"], self[p + "name"], self[p + "position"]

    def add_member_errors(self, by_member):
        names = {"status": "status", "absence_reason": "reason", "person_name": "name", "member": "status"}
        for member_id, errors in by_member.items():
            for field, message in errors.items():
                self.add_error(f"m{member_id}_{names.get(field, 'status')}", message)


class GuestForm(forms.Form):
    person_name = forms.CharField(label=gettext_lazy("ชื่อผู้เข้าร่วมประชุม"), max_length=200)
    person_position = forms.CharField(label=gettext_lazy("ตำแหน่ง"), max_length=200, required=False)
    person_agency = forms.CharField(label=gettext_lazy("หน่วยงาน"), max_length=200, required=False)


class ResolutionForm(forms.Form):
    discussion = forms.CharField(
        max_length=TEXT_MAX,
        label=gettext_lazy("สรุปการพิจารณา"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    outcome = forms.ChoiceField(label=gettext_lazy("ผลการพิจารณา"), choices=[("", "—"), *ResolutionOutcome.choices])
    text = forms.CharField(
        max_length=TEXT_MAX, label=gettext_lazy("มติที่ประชุม"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].error_messages["required"] = _("กรุณาเลือกผลการพิจารณา")
        self.fields["text"].error_messages["required"] = _("กรุณาระบุมติที่ประชุม")


class ConflictForm(forms.Form):
    member = forms.ModelChoiceField(label=gettext_lazy("อนุกรรมการ"), queryset=Member.objects.none())
    reason = forms.CharField(
        max_length=TEXT_MAX, label=gettext_lazy("เหตุแห่งการมีส่วนได้เสีย"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, members, **kwargs):
        """``members``: a queryset, or the members already read (a list): their options are drawn from it
        without a query, and a submitted member is looked up among them."""
        super().__init__(*args, **kwargs)
        if isinstance(members, QuerySet):
            self.fields["member"].queryset = members
        else:
            choose_among(self.fields["member"], members, Member)


class MinutesForm(forms.Form):
    """The minutes, item by item; ``version`` is the one the editor started from (optimistic lock)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    start_time = forms.CharField(label=gettext_lazy("เริ่มประชุมเวลา"), max_length=20, required=False)
    opening = forms.CharField(
        max_length=TEXT_MAX,
        label=gettext_lazy("ข้อความก่อนเข้าระเบียบวาระ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    end_time = forms.CharField(label=gettext_lazy("เลิกประชุมเวลา"), max_length=20, required=False)
    recorder_name = forms.CharField(label=gettext_lazy("ผู้จดรายงานการประชุม"), max_length=200, required=False)
    recorder_position = forms.CharField(label=gettext_lazy("ตำแหน่งผู้จดรายงานการประชุม"), max_length=200, required=False)
    checker_name = forms.CharField(label=gettext_lazy("ผู้ตรวจรายงานการประชุม"), max_length=200, required=False)
    checker_position = forms.CharField(label=gettext_lazy("ตำแหน่งผู้ตรวจรายงานการประชุม"), max_length=200, required=False)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for it in items:
            self.fields[f"i{it.pk}_discussion"] = forms.CharField(
                max_length=TEXT_MAX, label=_("สรุปการพิจารณา"), required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.fields[f"i{it.pk}_resolution"] = forms.CharField(
                max_length=TEXT_MAX, label=_("มติที่ประชุม"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def _clean_time(self, name):
        value = self.cleaned_data.get(name, "").strip()
        if value and not _TIME.match(value):
            raise forms.ValidationError(_("กรุณากรอกเวลาเป็น ชช.นน เช่น 13.30"))
        return value.replace(":", ".").removesuffix("น.").strip()

    def clean_start_time(self):
        return self._clean_time("start_time")

    def clean_end_time(self):
        return self._clean_time("end_time")

    @staticmethod
    def initial_from(content, version):
        data = {k: content.get(k, "") for k in ("start_time", "opening", "end_time")}
        for k in ("recorder_name", "recorder_position", "checker_name", "checker_position"):
            data[k] = content.get(k, "")
        for pk, text in (content.get("items") or {}).items():
            data[f"i{pk}_discussion"] = text.get("discussion", "")
            data[f"i{pk}_resolution"] = text.get("resolution", "")
        data["version"] = version
        return data

    def content(self):
        d = self.cleaned_data
        out = {
            k: d.get(k, "")
            for k in (
                "start_time",
                "opening",
                "end_time",
                "recorder_name",
                "recorder_position",
                "checker_name",
                "checker_position",
            )
        }
        out["items"] = {
            str(it.pk): {
                "discussion": d.get(f"i{it.pk}_discussion", ""),
                "resolution": d.get(f"i{it.pk}_resolution", ""),
            }
            for it in self.items
        }
        return out

    def item_rows(self):
        for it in self.items:
            yield it, self[f"i{it.pk}_discussion"], self[f"i{it.pk}_resolution"]


class CommentForm(forms.Form):
    agenda_item = forms.ModelChoiceField(
        label=gettext_lazy("ระเบียบวาระ"), queryset=None, required=False, empty_label=gettext_lazy("— ทั้งฉบับ —")
    )
    text = forms.CharField(
        max_length=TEXT_MAX, label=gettext_lazy("ข้อความที่ขอแก้ไข"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = items
        self.fields["agenda_item"].label_from_instance = lambda it: f"{it.number} {it.title}"[:120]


class AdoptForm(forms.Form):
    method = forms.ChoiceField(label=gettext_lazy("วิธีการรับรอง"), choices=AdoptionMethod.choices)
    adopted_on = BEDateField(label=gettext_lazy("วันที่รับรอง"))
    under_item = forms.ModelChoiceField(
        label=gettext_lazy("ในการประชุมครั้งที่ (ระเบียบวาระที่ 2)"), queryset=None, required=False
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["under_item"].queryset = items
        self.fields["under_item"].label_from_instance = lambda it: (
            _("%(label)s ระเบียบวาระที่ %(number)s") % {"label": it.meeting.label, "number": it.number}
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=TEXT_MAX, label=gettext_lazy("เหตุผล"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ResolutionSearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("ค้นหามติ"), required=False, max_length=200)
