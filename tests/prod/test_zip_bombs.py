"""Office files are zip containers: a bomb is refused before anything big is unpacked."""

import io
import resource
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core import uploads

WORD_TYPES = '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'


def _docx(extra: dict[str, bytes], types: bytes | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", types if types is not None else WORD_TYPES)
        zf.writestr("word/document.xml", "<x/>")
        for name, data in extra.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_a_docx_that_unpacks_to_512_mb_is_refused_in_thai_without_unpacking_it():
    bomb = _docx({"word/media/blob.bin": b"\0" * (512 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024  # about 500 KB on disk
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ValidationError) as err:
        uploads.validate_upload(SimpleUploadedFile("ระเบียบ.docx", bomb))
    assert err.value.code == "zip_bomb"
    assert "ขนาดใหญ่ผิดปกติ" in err.value.message
    # refused from the declared sizes: the check itself grew the process by far less than the payload
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 64 * 1024  # KB


def test_an_oversized_content_types_part_is_read_with_a_limit():
    huge_types = WORD_TYPES.encode() + b" " * (uploads.ZIP_PART_READ_MAX + 10)
    data = _docx({}, types=huge_types)
    with pytest.raises(ValidationError) as err:
        uploads.validate_upload(SimpleUploadedFile("a.docx", data))
    assert err.value.code == "zip_bomb"


def test_an_ordinary_docx_still_passes():
    info = uploads.validate_upload(SimpleUploadedFile("a.docx", _docx({"word/media/p.png": b"x" * 5000})))
    assert info.kind == "docx"


def test_a_proposal_attachment_bomb_is_refused_through_the_page(world, client_for):
    from committees.choices import Role
    from tests.fundproposals.helpers import complete_proposal

    p = complete_proposal(world)
    bomb = _docx({"word/media/blob.bin": b"\0" * (300 * 1024 * 1024)})
    c = client_for(world.users[Role.PROPOSER])
    resp = c.post(f"/proposals/{p.pk}/edit/attachments/", {"file": SimpleUploadedFile("แนบ.docx", bomb)})
    assert "ขนาดใหญ่ผิดปกติ" in resp.content.decode()
    assert p.attachments.count() == 0
