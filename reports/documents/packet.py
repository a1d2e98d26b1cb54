"""The meeting packet (แฟ้มเอกสารประกอบการประชุม): one bookmarked PDF of the cover, the agenda, the
minutes to adopt under item 2 and every paper in agenda order, numbered "หน้า n จาก N" throughout.

PDF papers are merged with pypdf; a paper that cannot be merged (another file type, not a readable
PDF, locked by a password, too many pages) is listed on the cover with a Thai note, and the packet
still builds.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from django.conf import settings

from reports.choices import ReportKind
from reports.documents.base import Target, fingerprint
from reports.documents.meeting import Minutes, _MeetingDocument

logger = logging.getLogger(__name__)


def max_pages() -> int:
    """The largest paper merged into a packet; a longer one is listed with a note instead."""
    return getattr(settings, "REPORTS_PACKET_MAX_PAGES", 300)


@dataclass
class PaperPart:
    number: str
    item_title: str
    name: str
    kind: str
    reader: object = None
    pages: int = 0
    note: str = ""


def inspect_paper(paper) -> tuple[object | None, int, str]:
    """``(reader, pages, note)``: a pypdf reader to merge, or ``None`` and the Thai note saying why not."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    name = paper.display_name or ""
    if paper.content_type != "application/pdf" and not name.lower().endswith(".pdf"):
        return None, 0, f"ไฟล์ชนิด {paper.kind_label} ไม่ได้รวมไว้ในแฟ้มนี้ เปิดได้จากหน้าระเบียบวาระในระบบ"
    try:
        with paper.file.open("rb") as f:
            data = f.read()
    except OSError:
        return None, 0, "ไม่พบไฟล์นี้ในระบบ"
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (PyPdfError, NotImplementedError, ValueError):
                opened = 0
            if not opened:
                return None, 0, "ไฟล์ PDF นี้ตั้งรหัสผ่านไว้ จึงรวมไว้ในแฟ้มไม่ได้ เปิดได้จากหน้าระเบียบวาระในระบบ"
        pages = len(reader.pages)
    except Exception:  # any damage pypdf meets: the paper is listed, the packet still builds
        logger.info("paper %s is not a readable PDF", paper.pk, exc_info=True)
        return None, 0, "ไฟล์นี้ไม่ใช่ PDF ที่อ่านได้ จึงรวมไว้ในแฟ้มไม่ได้ เปิดได้จากหน้าระเบียบวาระในระบบ"
    if pages > max_pages():
        return None, pages, (f"ไฟล์นี้มี {pages:,} หน้า เกิน {max_pages():,} หน้าที่รวมในแฟ้มได้ เปิดได้จากหน้าระเบียบวาระในระบบ")
    if pages == 0:
        return None, 0, "ไฟล์ PDF นี้ไม่มีหน้าเอกสาร"
    return reader, pages, ""


@dataclass
class AdoptPart:
    """Minutes this meeting adopts (under item 2): printed whole in the packet."""

    section: object
    meeting: object
    title: str
    minutes: dict

    @property
    def ledger(self) -> dict | None:
        """``{"seq", "hash"}`` of the adopted version's ledger entry, printed on the cover so a printed
        packet can be checked on the page "ตรวจสอบความถูกต้องของบันทึก"; ``None`` while still a draft."""
        extra = self.minutes["doc"].extra or {}
        if not extra.get("ledger_hash"):
            return None
        return {"seq": extra["ledger_seq"], "hash": extra["ledger_hash"]}


class Packet(_MeetingDocument):
    kind = ReportKind.PACKET
    template = "pdf/packet_front.html"

    def title(self, target: Target) -> str:
        return (
            f"แฟ้มเอกสารประกอบการประชุม {target.obj.subcommittee.short_name}{target.province.name_th} {target.obj.label}"
        )

    def fingerprint(self, target: Target) -> str:
        from meetings.selectors import meeting_report_querysets, packet_report_meeting_ids

        querysets = list(meeting_report_querysets(target.object_id))
        for other in packet_report_meeting_ids(target.object_id):
            querysets += meeting_report_querysets(other)
        return fingerprint(self.kind, target.object_id, querysets=tuple(querysets))

    def context(self, target: Target) -> dict:
        from meetings.selectors import packet_for_report

        packet = packet_for_report(target.obj)
        papers = []
        for entry in packet["entries"]:
            for paper in entry["papers"]:
                reader, pages, note = inspect_paper(paper)
                papers.append(
                    PaperPart(
                        entry["number"], entry["title"], paper.display_name, paper.kind_label, reader, pages, note
                    )
                )
        minutes_doc = Minutes()
        to_adopt = []
        for section, earlier in packet["minutes_to_adopt"]:
            earlier_target = minutes_doc.target(earlier)
            to_adopt.append(
                AdoptPart(
                    section=section,
                    meeting=earlier,
                    title=minutes_doc.title(earlier_target),
                    minutes=minutes_doc.context(earlier_target),
                )
            )
        return {
            **packet["agenda"],
            "meeting": target.obj,
            "province": target.province,
            "papers": papers,
            "minutes_to_adopt": to_adopt,
            "unnumbered": True,
        }

    def render(self, target: Target, *, title: str, generated_at):
        """Cover and agenda, the minutes to adopt, the papers; bookmarks; one page numbering."""
        from pypdf import PdfReader, PdfWriter

        from reports.documents.stamps import number_pages
        from reports.pdf import Rendered, render_template_to_pdf

        context = self.context(target)
        writer = PdfWriter()

        def append(pdf_bytes_or_reader, outline: str, parent=None):
            reader = (
                PdfReader(io.BytesIO(pdf_bytes_or_reader))
                if isinstance(pdf_bytes_or_reader, bytes)
                else pdf_bytes_or_reader
            )
            start = len(writer.pages)
            writer.append(reader, import_outline=False)
            return writer.add_outline_item(title=outline, page_number=start, parent=parent)

        # The packet is not a tagged PDF (pypdf does not merge structure trees), so its own parts are
        # rendered untagged: PDF/UA tagging would cost time and bytes for a tree the merge drops.
        plain = {"pdf_variant": None}
        front = render_template_to_pdf(
            self.template, {**context, "title": title, "generated_at": generated_at}, **plain
        ).pdf
        append(front, "ปกและระเบียบวาระการประชุม")
        for part in context["minutes_to_adopt"]:
            pdf = render_template_to_pdf(
                Minutes.template,
                {**part.minutes, "title": part.title, "generated_at": generated_at, "unnumbered": True},
                **plain,
            ).pdf
            append(pdf, f"ระเบียบวาระที่ {part.section.number} รายงานการประชุม{part.meeting.label}")
        parents: dict[str, object] = {}
        for part in context["papers"]:
            if part.reader is None:
                continue
            if part.number not in parents:
                parents[part.number] = writer.add_outline_item(
                    title=f"ระเบียบวาระที่ {part.number} {part.item_title}"[:200], page_number=len(writer.pages)
                )
            append(part.reader, part.name, parent=parents[part.number])

        total = len(writer.pages)
        number_pages(writer)
        # Papers made by the same program often carry identical objects (fonts, images): written once.
        writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
        writer.add_metadata({"/Title": title})
        writer.page_mode = "/UseOutlines"
        out = io.BytesIO()
        writer.write(out)
        return Rendered(pdf=out.getvalue(), pages=total)
