from django import forms
from django.utils.translation import gettext_lazy

from committees.choices import GrantRole
from committees.models import Province


class GrantForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("อีเมลของผู้ใช้"), help_text=gettext_lazy("ผู้ที่ยังไม่มีบัญชีจะได้รับอีเมลเชิญตั้งรหัสผ่าน")
    )
    full_name = forms.CharField(label=gettext_lazy("ชื่อ-นามสกุล (สำหรับผู้ใช้ใหม่)"), max_length=200, required=False)
    role = forms.ChoiceField(
        label=gettext_lazy("บทบาท"),
        choices=[
            (GrantRole.SECRETARIAT.value, GrantRole.SECRETARIAT.label),
            (GrantRole.VIEWER.value, GrantRole.VIEWER.label),
            (GrantRole.NATIONAL.value, GrantRole.NATIONAL.label),
        ],
    )
    province = forms.ModelChoiceField(
        label=gettext_lazy("จังหวัด"),
        queryset=Province.objects.order_by("code"),
        required=False,
        help_text=gettext_lazy("ไม่ต้องเลือกสำหรับเจ้าหน้าที่ส่วนกลาง"),
    )


class RoleFilterForm(forms.Form):
    province = forms.ModelChoiceField(
        label=gettext_lazy("จังหวัด"), queryset=Province.objects.order_by("code"), required=False
    )
    q = forms.CharField(
        label=gettext_lazy("ค้นหาผู้ใช้"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"aria-label": gettext_lazy("ค้นหาผู้ใช้")}),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("เหตุผล"), max_length=500, required=False)


class ProposerRequestForm(forms.Form):
    province = forms.ModelChoiceField(
        label=gettext_lazy("จังหวัดที่จะเสนอโครงการ"), queryset=Province.objects.order_by("code")
    )
    organisation = forms.CharField(label=gettext_lazy("หน่วยงาน/องค์กร/เครือข่าย"), max_length=300)
    note = forms.CharField(
        label=gettext_lazy("ข้อความถึงฝ่ายเลขานุการ"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("ผลการพิจารณา"),
        choices=[("accept", gettext_lazy("อนุญาต")), ("refuse", gettext_lazy("ไม่อนุญาต"))],
    )
    reason = forms.CharField(
        label=gettext_lazy("เหตุผล (จำเป็นเมื่อไม่อนุญาต)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class InviteProposerForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("อีเมล"))
    full_name = forms.CharField(label=gettext_lazy("ชื่อ-นามสกุล"), max_length=200)
    organisation = forms.CharField(label=gettext_lazy("หน่วยงาน/องค์กร"), max_length=300, required=False)
