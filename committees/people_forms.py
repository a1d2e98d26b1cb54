from django import forms

from committees.choices import GrantRole
from committees.models import Province


class GrantForm(forms.Form):
    email = forms.EmailField(label="อีเมลของผู้ใช้", help_text="ผู้ที่ยังไม่มีบัญชีจะได้รับอีเมลเชิญตั้งรหัสผ่าน")
    full_name = forms.CharField(label="ชื่อ-นามสกุล (สำหรับผู้ใช้ใหม่)", max_length=200, required=False)
    role = forms.ChoiceField(
        label="บทบาท",
        choices=[
            (GrantRole.SECRETARIAT.value, GrantRole.SECRETARIAT.label),
            (GrantRole.VIEWER.value, GrantRole.VIEWER.label),
            (GrantRole.NATIONAL.value, GrantRole.NATIONAL.label),
        ],
    )
    province = forms.ModelChoiceField(
        label="จังหวัด",
        queryset=Province.objects.order_by("code"),
        required=False,
        help_text="ไม่ต้องเลือกสำหรับเจ้าหน้าที่ส่วนกลาง",
    )


class RoleFilterForm(forms.Form):
    province = forms.ModelChoiceField(label="จังหวัด", queryset=Province.objects.order_by("code"), required=False)
    q = forms.CharField(
        label="ค้นหาผู้ใช้",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"aria-label": "ค้นหาผู้ใช้"}),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(label="เหตุผล", max_length=500, required=False)


class ProposerRequestForm(forms.Form):
    province = forms.ModelChoiceField(label="จังหวัดที่จะเสนอโครงการ", queryset=Province.objects.order_by("code"))
    organisation = forms.CharField(label="หน่วยงาน/องค์กร/เครือข่าย", max_length=300)
    note = forms.CharField(label="ข้อความถึงฝ่ายเลขานุการ", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label="ผลการพิจารณา", choices=[("accept", "อนุญาต"), ("refuse", "ไม่อนุญาต")])
    reason = forms.CharField(label="เหตุผล (จำเป็นเมื่อไม่อนุญาต)", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class InviteProposerForm(forms.Form):
    email = forms.EmailField(label="อีเมล")
    full_name = forms.CharField(label="ชื่อ-นามสกุล", max_length=200)
    organisation = forms.CharField(label="หน่วยงาน/องค์กร", max_length=300, required=False)
