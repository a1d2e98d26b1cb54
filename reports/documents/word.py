"""Word copies (.docx) of the minutes and the agenda, in the same form as the PDF, Sarabun 16 pt.

For provinces that file through their own e-document system; the PDF stays the record.
Written with python-docx from the same ``meetings.selectors`` objects the PDFs print.
"""

from __future__ import annotations

import io

from reports.choices import ReportKind
from reports.documents.base import Target
from reports.documents.meeting import _MeetingDocument

FONT = "Sarabun"
SIZE_PT = 16


def _document():
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(SIZE_PT)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)  # Thai is a complex script: w:cs names its font
    size_cs = rpr.find(qn("w:szCs"))
    if size_cs is None:
        size_cs = rpr.makeelement(qn("w:szCs"), {})
        rpr.append(size_cs)
    size_cs.set(qn("w:val"), str(SIZE_PT * 2))
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    return doc


def _para(doc, text="", *, bold=False, center=False, indent_cm=0.0, hanging_cm=0.0, first_line_cm=0.0, keep=False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    p = doc.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
        _cs_bold(run, bold)
    fmt = p.paragraph_format
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if indent_cm or hanging_cm:
        fmt.left_indent = Cm(indent_cm + hanging_cm)
    if hanging_cm:
        fmt.first_line_indent = Cm(-hanging_cm)
    if first_line_cm:
        fmt.first_line_indent = Cm(first_line_cm)
    if keep:
        fmt.keep_with_next = True
    return p


def _cs_bold(run, bold: bool) -> None:
    """Bold for Thai too (complex-script bold, w:bCs)."""
    if not bold:
        return
    from docx.oxml.ns import qn

    rpr = run._element.get_or_add_rPr()
    rpr.append(rpr.makeelement(qn("w:bCs"), {}))


PEOPLE_WIDTHS_CM = (1.1, 5.5, 5.0, 4.4)  # number, name, position, role: 16 cm, the text width
PEOPLE_SIZE_PT = 14  # the attendee lists are set at 14 pt, as in the PDF


def _fixed_table(table, widths_cm) -> None:
    """Column widths that Word and LibreOffice both keep: fixed layout, the grid and every cell."""
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None:
        layout = tbl_pr.makeelement(qn("w:tblLayout"), {})
        tbl_pr.append(layout)
    layout.set(qn("w:type"), "fixed")
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))


def _keep_row_whole(row) -> None:
    """A row is never split across pages (w:cantSplit)."""
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:cantSplit"), {}))


def _people(doc, people, *, bracket=False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    table = doc.add_table(rows=0, cols=4)
    _fixed_table(table, PEOPLE_WIDTHS_CM)
    for i, person in enumerate(people, start=1):
        row = table.add_row()
        _keep_row_whole(row)
        position = person["position"]
        if person["note"]:
            position += f"\n({person['note']})" if bracket else f"\n{person['note']}"
        # a name is never broken between the given name and the surname
        name = (person["name"] or "").replace(" ", "\u00a0")
        texts = (f"{i}.", name, position, person["role"])
        for col, (cell, text, width) in enumerate(zip(row.cells, texts, PEOPLE_WIDTHS_CM, strict=True)):
            cell.width = Cm(width)
            cell.text = ""
            paragraph = cell.paragraphs[0]
            if col == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(text)
            run.font.size = Pt(PEOPLE_SIZE_PT)
            _cs_size(run, PEOPLE_SIZE_PT)
            if col == 3 and text:
                run.bold = True
                _cs_bold(run, True)
    return table


def _cs_size(run, size_pt: int) -> None:
    """The size for Thai too (complex-script size, w:szCs)."""
    from docx.oxml.ns import qn

    rpr = run._element.get_or_add_rPr()
    size = rpr.makeelement(qn("w:szCs"), {qn("w:val"): str(size_pt * 2)})
    rpr.append(size)


def _signature(doc, what: str, name: str, position: str) -> None:
    """ "(ลงชื่อ) ……… ผู้จดรายงานการประชุม" on one line (the block is as wide as the line needs), the name, the position."""
    _para(doc)
    _para(doc, f"(ลงชื่อ) ................................ {what}", center=True, indent_cm=3.0, keep=True)
    _para(doc, f"({name or '................................'})", center=True, indent_cm=3.0, keep=True)
    if position:
        _para(doc, position, center=True, indent_cm=3.0)


def minutes_docx(report: dict) -> bytes:
    doc_ = report["doc"]
    d = _document()
    if not doc_.is_adopted:
        _para(d, f"ร่าง ({doc_.state_label})")
    _para(d, f"{doc_.title}{doc_.body_name}", bold=True, center=True)
    _para(d, doc_.number_label, bold=True, center=True)
    _para(d, doc_.date_text, center=True)
    _para(d, doc_.place, center=True)
    _para(d, "------------------------------", center=True)
    _para(d, "ผู้มาประชุม", bold=True, keep=True)
    if report["present"]:
        _people(d, report["present"])
    else:
        _para(d, "- ไม่มี -", indent_cm=2.5)
    if report["absent"]:
        _para(d, "ผู้ไม่มาประชุม", bold=True, keep=True)
        _people(d, report["absent"], bracket=True)
    if report["guests"]:
        _para(d, "ผู้เข้าร่วมประชุม", bold=True, keep=True)
        _people(d, report["guests"])
    if doc_.extra.get("electronic"):  # e-meeting (issue 15): held under the decree, members in the room and online
        _para(d, doc_.extra["electronic"], first_line_cm=2.5)
    _para(d, f"เริ่มประชุมเวลา {doc_.start_time}", bold=True, keep=True)
    if doc_.opening:
        _para(d, doc_.opening, first_line_cm=2.5)
    for row in report["items"]:
        it = row["item"]
        if it.is_section:
            _para(d, f"{it.number} {it.title}", bold=True, keep=True)
        else:
            _para(d, f"{it.number} {it.title}", bold=True, indent_cm=1.5, hanging_cm=1.0, keep=True)
        if it.discussion:
            _para(d, it.discussion, first_line_cm=2.5)
        if it.resolution:
            p = _para(d, first_line_cm=2.5)
            run = p.add_run("มติที่ประชุม ")
            run.bold = True
            _cs_bold(run, True)
            p.add_run(it.resolution)
        if row["empty"]:
            _para(d, "- ไม่มี -", indent_cm=2.5)
    _para(d, f"เลิกประชุมเวลา {doc_.end_time}", bold=True)
    _signature(d, "ผู้จดรายงานการประชุม", report["recorder"]["name"], report["recorder"]["position"])
    _signature(d, "ผู้ตรวจรายงานการประชุม", report["checker"]["name"], report["checker"]["position"])
    if report["adoption_note"]:
        _para(d)
        _para(d, report["adoption_note"])
    for r in doc_.extra.get("recordings", ()):  # e-meeting (issue 15): the recordings are part of the minutes
        _para(d, f"บันทึกภาพและเสียงการประชุม: {r['name']} SHA-256 {r['sha256']}")
    if doc_.extra.get("ledger_hash"):
        _para(d, f"ตรวจสอบความถูกต้องของบันทึก รายการที่ {doc_.extra['ledger_seq']} ค่าแฮช {doc_.extra['ledger_hash']}")
    return _save(d)


def agenda_docx(report: dict) -> bytes:
    doc_ = report["doc"]
    d = _document()
    if doc_.cancelled:
        _para(d, "การประชุมนี้ยกเลิกแล้ว", bold=True)
    _para(d, doc_.title, bold=True, center=True)
    _para(d, doc_.body_name, bold=True, center=True)
    _para(d, doc_.number_label, bold=True, center=True)
    _para(d, f"{doc_.date_text} {doc_.time_text}", center=True)
    _para(d, doc_.place, center=True)
    _para(d, "------------------------------", center=True)
    for e in doc_.entries:
        if e.is_section:
            _para(d, f"{e.number} {e.title}", bold=True, keep=True)
            if e.minutes_to_adopt:
                _para(d, f"รับรองรายงานการประชุม{e.minutes_to_adopt}", indent_cm=1.5)
            indent = 1.5
        else:
            text = f"{e.number} {e.title}" + (f" (ผู้นำเสนอ {e.presenter})" if e.presenter else "")
            _para(d, text, indent_cm=1.5, hanging_cm=1.0)
            indent = 2.5
        for paper in e.papers:
            _para(d, f"เอกสารประกอบ {paper.name}", indent_cm=indent)
    return _save(d)


def _save(d) -> bytes:
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


class _WordDocument(_MeetingDocument):
    extension = "docx"
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    template = ""

    def file_stem(self, target: Target) -> str:
        label = target.obj.label.replace("/", "-")
        return f"{self.stem_words} {label}"

    def render(self, target: Target, *, title: str, generated_at):
        from reports.pdf import Rendered

        return Rendered(pdf=self.build(target.obj), pages=None)


class MinutesWord(_WordDocument):
    kind = ReportKind.MINUTES_DOCX
    stem_words = "รายงานการประชุม"

    def title(self, target: Target) -> str:
        return f"รายงานการประชุม (Word) {target.obj.subcommittee.short_name}{target.province.name_th} {target.obj.label}"

    def context(self, target: Target) -> dict:
        from meetings.selectors import minutes_for_report

        return minutes_for_report(target.obj)

    def build(self, meeting) -> bytes:
        from meetings.selectors import minutes_for_report

        return minutes_docx(minutes_for_report(meeting))


class AgendaWord(_WordDocument):
    kind = ReportKind.AGENDA_DOCX
    stem_words = "ระเบียบวาระการประชุม"

    def title(self, target: Target) -> str:
        return f"ระเบียบวาระการประชุม (Word) {target.obj.subcommittee.short_name}{target.province.name_th} {target.obj.label}"

    def context(self, target: Target) -> dict:
        from meetings.selectors import agenda_for_report

        return agenda_for_report(target.obj)

    def build(self, meeting) -> bytes:
        from meetings.selectors import agenda_for_report

        return agenda_docx(agenda_for_report(meeting))
