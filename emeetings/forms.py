from django import forms
from django.utils.translation import gettext_lazy

from committees.models import Member
from core.forms import choose_among
from emeetings.choices import Location, Mode


class ModeForm(forms.Form):
    mode = forms.ChoiceField(label=gettext_lazy("รูปแบบการประชุม"), choices=Mode.choices)
    join_instructions = forms.CharField(
        label=gettext_lazy("วิธีเข้าร่วมประชุมผ่านสื่ออิเล็กทรอนิกส์"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("เช่น โปรแกรมที่ใช้ รหัสห้องประชุม รหัสผ่าน และเบอร์ติดต่อเมื่อเข้าร่วมไม่ได้ (พิมพ์ในหนังสือเชิญประชุม)"),
    )


class VouchForm(forms.Form):
    member = forms.ModelChoiceField(label=gettext_lazy("อนุกรรมการ"), queryset=None)
    location = forms.ChoiceField(label=gettext_lazy("เข้าร่วม"), choices=Location.choices)
    note = forms.CharField(label=gettext_lazy("หมายเหตุ (ตรวจสอบตัวตนอย่างไร)"), max_length=300, required=False)

    def __init__(self, *args, members=None, **kwargs):
        """``members``: a queryset, or the members the page has already read (a list: no query)."""
        super().__init__(*args, **kwargs)
        if isinstance(members, list):
            choose_among(self.fields["member"], members, Member)
        else:
            self.fields["member"].queryset = members


class FaultForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("ปัญหาที่พบ"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class RegisterRecordingForm(forms.Form):
    location = forms.CharField(label=gettext_lazy("สถานที่จัดเก็บไฟล์บันทึกภาพและเสียง"), max_length=500)
    sha256 = forms.CharField(label=gettext_lazy("ค่าแฮช SHA-256 ของไฟล์"), max_length=64, min_length=64)
