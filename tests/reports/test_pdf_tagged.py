"""The PDFs are tagged for screen readers (PDF/UA-1) and Thai text still comes out right."""

from reports.pdf import base_context, html_to_pdf
from tests.reports.helpers import pdf_text

THAI = "มติที่ประชุม ที่ประชุมพิจารณาแล้วมีมติเห็นชอบ วงเงิน 45,000.00 บาท (สี่หมื่นห้าพันบาทถ้วน) น้ำใจ ผู้ใหญ่"


def _html():
    faces = "".join(
        f'@font-face {{ font-family: "Sarabun PDF"; font-weight: {f["weight"]}; src: url("{f["url"]}"); }}'
        for f in base_context()["pdf_fonts"]
    )
    return (
        f'<html lang="th"><head><title>รายงานการประชุม</title><style>{faces} '
        f'body {{ font-family: "Sarabun PDF"; font-size: 16pt; }}</style></head>'
        f"<body><h1>รายงานการประชุม</h1><p>{THAI}</p></body></html>"
    )


def test_pdfs_are_tagged_with_thai_as_their_language():
    pdf = html_to_pdf(_html(), uncompressed_pdf=True).pdf
    assert b"/StructTreeRoot" in pdf
    assert b"/MarkInfo" in pdf
    assert b"/Lang (th)" in pdf
    assert b"pdfuaid" in pdf


def test_tagging_keeps_thai_text_extraction():
    tagged = pdf_text(html_to_pdf(_html()).pdf)
    plain = pdf_text(html_to_pdf(_html(), pdf_variant=None).pdf)
    assert " ".join(tagged.split()) == " ".join(plain.split())
    assert THAI in " ".join(tagged.split())
