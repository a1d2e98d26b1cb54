from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=gettext_lazy("รหัสผ่านใหม่"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("อย่างน้อย 8 ตัวอักษร ไม่ใช่ตัวเลขล้วน และไม่คล้ายชื่อผู้ใช้"),
    )
    password2 = forms.CharField(
        label=gettext_lazy("ยืนยันรหัสผ่านใหม่"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )


class CodeForm(SetPasswordForm):
    code = forms.CharField(
        label=gettext_lazy("รหัสใช้ครั้งเดียว"),
        max_length=20,
        help_text=gettext_lazy("12 ตัวอักษรตามที่พิมพ์บนเอกสารที่ได้รับ เช่น ABCD-EFGH-JKMN"),
    )
    field_order = ["code", "password1", "password2"]


class RegisterForm(forms.Form):
    username = forms.CharField(
        label=gettext_lazy("ชื่อผู้ใช้"), max_length=150, help_text=gettext_lazy("ตัวอักษรภาษาอังกฤษ ตัวเลข และ . _ - เท่านั้น")
    )
    full_name = forms.CharField(label=gettext_lazy("ชื่อ-นามสกุล"), max_length=200)
    organisation = forms.CharField(label=gettext_lazy("หน่วยงาน/องค์กร/เครือข่าย"), max_length=300)
    phone = forms.CharField(label=gettext_lazy("โทรศัพท์"), max_length=40, required=False)
    email = forms.EmailField(label=gettext_lazy("อีเมล"))
    password1 = forms.CharField(
        label=gettext_lazy("รหัสผ่าน"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=gettext_lazy("ยืนยันรหัสผ่าน"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        try:
            User.username_validator(name)
        except ValidationError:
            raise ValidationError(_("ชื่อผู้ใช้ใช้ได้เฉพาะตัวอักษรภาษาอังกฤษ ตัวเลข และ . _ - @ +")) from None
        if User.objects.filter(username__iexact=name).exists():
            raise ValidationError(_("ชื่อผู้ใช้นี้มีผู้ใช้แล้ว กรุณาเลือกชื่ออื่น"))
        return name

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("รหัสผ่านทั้งสองช่องไม่ตรงกัน"))
        elif p1:
            probe = User(
                username=data.get("username", ""), email=data.get("email", ""), full_name=data.get("full_name", "")
            )
            try:
                password_validation.validate_password(p1, probe)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data
