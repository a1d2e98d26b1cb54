from django import forms


class TokenForm(forms.Form):
    name = forms.CharField(label="ชื่อโทเคน (ระบบที่จะใช้)", max_length=100)
    days = forms.IntegerField(label="อายุ (วัน)", min_value=1, initial=90)
