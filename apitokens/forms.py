from django import forms
from django.utils.translation import gettext_lazy


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("ชื่อโทเคน (ระบบที่จะใช้)"), max_length=100)
    days = forms.IntegerField(label=gettext_lazy("อายุ (วัน)"), min_value=1, initial=90)
