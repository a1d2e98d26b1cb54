from django import forms

from emeetings.choices import Location, Mode


class ModeForm(forms.Form):
    mode = forms.ChoiceField(label="รูปแบบการประชุม", choices=Mode.choices)
    join_instructions = forms.CharField(
        label="วิธีเข้าร่วมประชุมผ่านสื่ออิเล็กทรอนิกส์",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="เช่น โปรแกรมที่ใช้ รหัสห้องประชุม รหัสผ่าน และเบอร์ติดต่อเมื่อเข้าร่วมไม่ได้ (พิมพ์ในหนังสือเชิญประชุม)",
    )


class VouchForm(forms.Form):
    member = forms.ModelChoiceField(label="อนุกรรมการ", queryset=None)
    location = forms.ChoiceField(label="เข้าร่วม", choices=Location.choices)
    note = forms.CharField(label="หมายเหตุ (ตรวจสอบตัวตนอย่างไร)", max_length=300, required=False)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members


class FaultForm(forms.Form):
    text = forms.CharField(label="ปัญหาที่พบ", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class RegisterRecordingForm(forms.Form):
    location = forms.CharField(label="สถานที่จัดเก็บไฟล์บันทึกภาพและเสียง", max_length=500)
    sha256 = forms.CharField(label="ค่าแฮช SHA-256 ของไฟล์", max_length=64, min_length=64)
