"""core.uploads: the type is read from the bytes, the size is limited, names are cleaned."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core import uploads

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
OLE = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def office(part: str, content_type: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", f'<Types><Override ContentType="{content_type}"/></Types>')
        zf.writestr(part, "<x/>")
    return buf.getvalue()


DOCX = office("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
XLSX = office("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("ระเบียบวาระ.pdf", PDF, "pdf"),
        ("รูป.PNG", PNG, "png"),
        ("photo.jpeg", JPG, "jpg"),
        ("แผน.docx", DOCX, "docx"),
        ("งบ.xlsx", XLSX, "xlsx"),
        ("เก่า.doc", OLE, "doc"),
        ("เก่า.xls", OLE, "xls"),
    ],
)
def test_accepts_allowed_kinds_by_content(name, content, kind):
    info = uploads.validate_upload(upload(name, content))
    assert info.kind == kind
    assert info.display_name == name
    assert info.size == len(content)
    assert len(info.sha256) == 64


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("หนังสือ.pdf", EXE, "ไฟล์นี้ไม่ใช่ PDF ตามที่ระบุในชื่อไฟล์"),
        ("หนังสือ.pdf", "แค่ข้อความ ไม่ใช่ PDF".encode(), "ไฟล์นี้ไม่ใช่ PDF ตามที่ระบุในชื่อไฟล์"),
        ("แผน.docx", XLSX, "ไฟล์นี้ไม่ใช่ Word ตามที่ระบุในชื่อไฟล์"),
        ("แผน.docx", b"PK\x03\x04 broken zip", "ไฟล์นี้ไม่ใช่ Word ตามที่ระบุในชื่อไฟล์"),
        ("งบ.xlsx", PDF, "ไฟล์นี้ไม่ใช่ Excel ตามที่ระบุในชื่อไฟล์"),
        ("รูป.png", JPG, "ไฟล์นี้ไม่ใช่ รูปภาพ PNG ตามที่ระบุในชื่อไฟล์"),
        ("setup.exe", EXE, uploads.ALLOWED_MESSAGE),
        ("ไม่มีนามสกุล", PDF, uploads.ALLOWED_MESSAGE),
        ("ว่าง.pdf", b"", "ไฟล์ว่างเปล่า"),
    ],
)
def test_refuses_files_that_lie_or_are_not_allowed(name, content, message):
    with pytest.raises(ValidationError) as exc:
        uploads.validate_upload(upload(name, content))
    assert str(message) in exc.value.messages[0]  # the message may be a lazy translation


def test_size_limit_is_a_setting(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as exc:
        uploads.validate_upload(upload("ใหญ่.pdf", big))
    assert "เกินขนาดที่รับได้ 1 MB" in exc.value.messages[0]
    settings.UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    assert uploads.validate_upload(upload("ใหญ่.pdf", big)).kind == "pdf"


def test_kinds_can_be_narrowed():
    with pytest.raises(ValidationError):
        uploads.validate_upload(upload("a.pdf", PDF), kinds=("jpg", "png"))
    assert uploads.validate_upload(upload("a.png", PNG), kinds=("jpg", "png")).kind == "png"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\me\\หนังสือเชิญ.pdf", "หนังสือเชิญ.pdf"),
        ('a<b>"c|d?.pdf', "a_b_c_d_.pdf"),
        ("\x00\x1f.pdf", "_.pdf"),
        ("", "ไฟล์"),
    ],
)
def test_display_names_are_cleaned(given, expected):
    assert uploads.clean_display_name(given) == expected


def test_stored_name_is_random_and_never_the_given_one():
    to = uploads.UploadTo("papers")
    path = to(None, "../../หนังสือ ลับ.pdf")
    assert path.startswith("papers/")
    assert path.endswith(".pdf")
    assert "หนังสือ" not in path and ".." not in path
    assert to(None, "x.exe").endswith(".bin")
    assert uploads.UploadTo("papers") == to


def test_form_field_gives_thai_messages():
    from django import forms

    class F(forms.Form):
        paper = uploads.UploadField()

    bad = F(files={"paper": upload("หนังสือ.pdf", EXE)}, data={})
    assert not bad.is_valid()
    assert bad.errors["paper"] == ["ไฟล์นี้ไม่ใช่ PDF ตามที่ระบุในชื่อไฟล์"]
    good = F(files={"paper": upload("หนังสือ.pdf", PDF)}, data={})
    assert good.is_valid()
    assert good.cleaned_data["paper"].upload_info.kind == "pdf"
    assert F(data={}).errors["paper"] == ["กรุณาเลือกไฟล์"]


def test_file_response_is_a_download_with_the_display_name(tmp_path, settings):
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT = str(tmp_path)
    name = default_storage.save("papers/2564/x.pdf", io.BytesIO(PDF))
    from django.db.models.fields.files import FieldFile

    class Holder:
        pass

    field = uploads.StoredFile._meta.get_field("file")
    ff = FieldFile(Holder(), field, name)
    resp = uploads.file_response(file=ff, display_name="วาระ ครั้งที่ 1.pdf", content_type="application/pdf")
    assert resp["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in resp["Content-Disposition"]
    assert resp["X-Content-Type-Options"] == "nosniff"
    assert b"".join(resp.streaming_content) == PDF
