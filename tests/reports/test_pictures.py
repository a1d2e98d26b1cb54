"""Picture-level regression of every document, for the fixed demo data (seed_demo), dated FIXED_NOW.

Each page is rendered to PNG (pdftoppm) and compared with the reference kept in
tests/reports/pictures/; past a small pixel tolerance the test fails and writes the
difference picture to var/picture-diffs/. After a deliberate change: ``make pictures``.

Beside the pictures, the text layer (``pdftotext -raw``): form-11 lines in order, the chair's
role, the sign-off lines, bold headings read right, and figures equal to the database's sums.
"""

import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Sum

from reports import demo
from tests.reports.helpers import pdf_text, squeeze
from tests.reports.pictures import compare

pytestmark = [pytest.mark.django_db]

REFRESH = os.environ.get("PICTURES_REFRESH") == "1"
DIFFS = Path(__file__).resolve().parents[2] / "var" / "picture-diffs"


def _fixed_ledger_hash(real):
    """The adopted minutes print their ledger entry's hash, which covers timestamps and so changes
    with every seeding; the pictures fix it (same length) so they compare layout, not the clock.
    ``tests/emeetings`` checks the real hash on the page."""

    def extra(meeting, minutes, **kwargs):
        data = real(meeting, minutes, **kwargs)
        if "ledger_hash" in data:
            data.update(ledger_hash="0" * 64, ledger_seq=1)
        return data

    return extra


@pytest.fixture
def demo_pdfs(settings, monkeypatch):
    from meetings.selectors import minutes_docs  # the module whose ``minutes_document`` calls it

    monkeypatch.setattr(minutes_docs, "minutes_extra", _fixed_ledger_hash(minutes_docs.minutes_extra))
    settings.REPORTS_PACKET_MAX_PAGES = 300
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return {name: demo.render(target) for name, target in demo.demo_documents().items()}


def _money(value) -> str:
    return f"{value or Decimal(0):,.2f}"


def test_every_document_looks_like_its_reference_and_reads_right(demo_pdfs):
    problems = []
    for name, pdf in demo_pdfs.items():
        problems += compare(name, pdf, refresh=REFRESH, diff_dir=DIFFS)
    assert not problems, "\n".join(problems)

    minutes = pdf_text(demo_pdfs["minutes"])
    flat = squeeze(minutes)
    order = ["รายงานการประชุม", "ครั้งที่ 1/2564", "เมื่อวันที่ 27 มกราคม 2564", "ณ ห้องประชุม", "ผู้มาประชุม", "ผู้ไม่มาประชุม", "ผู้เข้าร่วมประชุม", "เริ่มประชุมเวลา 13.30 น.", "ระเบียบวาระที่ 1", "ระเบียบวาระที่ 6", "เลิกประชุมเวลา 16.00 น.", "ผู้จดรายงานการประชุม", "ผู้ตรวจรายงานการประชุม", "รับรองในการประชุมครั้งที่ 2/2564 เมื่อวันที่ 26 พฤษภาคม 2564 (ระเบียบวาระที่ 2)"]  # fmt: skip
    positions = [flat.find(squeeze(w)) for w in order]
    assert -1 not in positions, dict(zip(order, positions, strict=True))
    assert positions == sorted(positions)
    # the chair and the member-secretary, with their roles, on their own rows
    assert "1. นายประสิทธิ์ วงศ์ใหญ่ ผู้ว่าราชการจังหวัด" in minutes
    assert squeeze("สมุทรปราการ ประธานอนุกรรมการ 2. นายสมชาย") in flat
    assert squeeze("(ลงชื่อ) ................................ ผู้จดรายงานการประชุม (นางสาวจิราพร ขยันงาน)") in flat
    assert "- ไม่มี -" in minutes
    # bold headings read right in raw mode (tone marks, ำ)
    for heading in ("ผู้มาประชุม", "ผู้ไม่มาประชุม", "ระเบียบวาระที่ 1 เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ"):
        assert heading in minutes, heading
    for text in demo_pdfs.values():
        raw = pdf_text(text)
        assert "·" not in raw and "—" not in raw

    # the annual report: sign-off for the governor, figures equal to the database's sums
    from fundproposals.choices import ProposalState
    from fundproposals.models import Proposal

    annual = squeeze(pdf_text(demo_pdfs["annual"]))
    assert squeeze("จึงเรียนมาเพื่อโปรดทราบ") in annual
    assert squeeze("(นายประสิทธิ์ วงศ์ใหญ่) ผู้ว่าราชการจังหวัดสมุทรปราการ ประธานอนุกรรมการ") in annual
    sums = (
        Proposal.objects.filter(province__code="11", fiscal_year=2564)
        .exclude(state=ProposalState.DRAFT)
        .aggregate(requested=Sum("requested_amount"), approved=Sum("fund_approved_amount"))
    )
    count = Proposal.objects.filter(province__code="11", fiscal_year=2564).exclude(state=ProposalState.DRAFT).count()
    assert squeeze(f"รวมทั้งสิ้น {count} {_money(sums['requested'])}") in annual
    assert squeeze(f"รวม {count} โครงการ ขอรับการสนับสนุน {_money(sums['requested'])} บาท") in annual
    assert squeeze(f"กองทุนอนุมัติ {_money(sums['approved'])} บาท") in annual

    # the plan: its total budget is the sum of its activities
    from actionplans.models import Activity

    plan = squeeze(pdf_text(demo_pdfs["plan"]))
    budget = Activity.objects.filter(plan=demo.demo_documents()["plan"].obj).aggregate(b=Sum("budget"))["b"]
    assert squeeze(f"งบประมาณรวม {_money(budget)} บาท") in plan
    assert "%" not in plan and "ร้อยละ" in plan


def test_the_comparison_catches_a_moved_line_and_writes_the_difference(tmp_path, monkeypatch):
    from tests.reports import pictures
    from tests.reports.packet_helpers import text_pdf

    monkeypatch.setattr(pictures, "REFERENCES", tmp_path)
    original, changed = text_pdf(1, "หัวเรื่องเดิม"), text_pdf(1, "หัวเรื่องที่เปลี่ยนไปมากแล้ว")
    assert pictures.compare("doc", original, refresh=True, diff_dir=tmp_path / "diffs") == []
    assert pictures.compare("doc", original, refresh=False, diff_dir=tmp_path / "diffs") == []
    problems = pictures.compare("doc", changed, refresh=False, diff_dir=tmp_path / "diffs")
    assert problems and "pixels differ" in problems[0]
    assert (tmp_path / "diffs" / "doc-01-diff.png").exists()
