"""Papers for meeting-packet tests and the packet benchmark: real PDFs made with pypdf/WeasyPrint."""

from __future__ import annotations

import hashlib
import io

from django.core.files.base import ContentFile

from meetings.models import AgendaPaper


def text_pdf(pages: int, label: str = "เอกสารประกอบ") -> bytes:
    """A PDF of ``pages`` pages of Thai text (rendered by WeasyPrint like a paper an agency sends)."""
    from reports.pdf import html_to_pdf

    body = "".join(
        f'<div style="break-after: page"><h2>{label} หน้า {n}</h2>'
        + "<p>"
        + "ที่ประชุมรับทราบความก้าวหน้าการดำเนินงานป้องกันและปราบปรามการค้ามนุษย์ " * 30
        + "</p></div>"
        for n in range(1, pages + 1)
    )
    return html_to_pdf(f'<html><body style="font-family: sans-serif">{body}</body></html>').pdf


def blank_pdf(pages: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(blank_pdf(2))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def add_paper(item, name: str, data: bytes, content_type: str = "application/pdf") -> AgendaPaper:
    paper = AgendaPaper(
        agenda_item=item,
        display_name=name,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    paper.file.save(name.encode("ascii", "ignore").decode() or "paper.bin", ContentFile(data), save=False)
    paper.save()
    return paper
