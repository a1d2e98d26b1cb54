"""What a proposal must hold before it can be submitted (the form's rules, in Thai)."""

from __future__ import annotations

from decimal import Decimal

import geothai
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.templatetags.thai import baht, bahttext
from fundproposals.choices import ProjectKind

REQUIRED = (
    ("title", gettext_lazy("ชื่อโครงการ")),
    ("organisation", gettext_lazy("หน่วยงาน/องค์กรที่เสนอ")),
    ("organisation_type", gettext_lazy("ประเภทหน่วยงาน")),
    ("responsible_name", gettext_lazy("ผู้รับผิดชอบโครงการ")),
    ("responsible_position", gettext_lazy("ตำแหน่งผู้รับผิดชอบโครงการ")),
    ("responsible_phone", gettext_lazy("โทรศัพท์ผู้รับผิดชอบโครงการ")),
    ("rationale", gettext_lazy("หลักการและเหตุผล")),
    ("objectives", gettext_lazy("วัตถุประสงค์")),
    ("targets", gettext_lazy("เป้าหมาย")),
    ("target_group", gettext_lazy("กลุ่มเป้าหมาย")),
    ("target_count", gettext_lazy("จำนวนกลุ่มเป้าหมาย")),
    ("district_code", gettext_lazy("อำเภอที่ดำเนินโครงการ")),
    ("start_date", gettext_lazy("วันเริ่มโครงการ")),
    ("end_date", gettext_lazy("วันสิ้นสุดโครงการ")),
    ("total_budget", gettext_lazy("งบประมาณทั้งโครงการ")),
    ("requested_amount", gettext_lazy("เงินที่ขอรับการสนับสนุนจากกองทุน")),
    ("fund_need", gettext_lazy("เหตุผลความจำเป็นที่ขอรับการสนับสนุนจากกองทุน")),
    ("indicators", gettext_lazy("ตัวชี้วัดความสำเร็จ")),
    ("expected_results", gettext_lazy("ผลที่คาดว่าจะได้รับ")),
)


def money(value) -> str:
    """``150,000.00 บาท (หนึ่งแสนห้าหมื่นบาทถ้วน)``: figures and Thai words, as the form shows money."""
    return _("%(baht)s บาท (%(bahttext)s)") % {"baht": baht(value), "bahttext": bahttext(value)}


def dates_problem(start, end) -> str | None:
    if start and end and end < start:
        return _("วันสิ้นสุดโครงการต้องไม่ก่อนวันเริ่มโครงการ")
    return None


def ceiling_problem(requested) -> str | None:
    ceiling = Decimal(settings.FUND_BUDGET_CEILING)
    if requested is not None and requested > ceiling:
        return _("ขอรับการสนับสนุนจากกองทุนได้ไม่เกิน %(money)s แต่ขอไว้ %(money2)s") % {
            "money": money(ceiling),
            "money2": money(requested),
        }
    return None


def location_problem(province_code: str, district_code: str, subdistrict_code: str) -> str | None:
    """District and subdistrict must exist (GeoThai) and lie in the proposal's province."""
    if district_code:
        district = geothai.district(district_code)
        if district is None or district.province_code != province_code:
            return _("อำเภอที่ระบุไม่อยู่ในจังหวัดของโครงการ")
    if subdistrict_code:
        sub = geothai.subdistrict(subdistrict_code)
        if sub is None or sub.district_code != district_code:
            return _("ตำบลที่ระบุไม่อยู่ในอำเภอที่เลือก")
    return None


def budget_problem(lines_total: Decimal, requested, cofunding) -> str | None:
    expected = (requested or Decimal(0)) + (cofunding or Decimal(0))
    if lines_total != expected:
        return _("ผลรวมรายการงบประมาณ %(money)s ไม่เท่ากับเงินที่ขอรับการสนับสนุนรวมกับงบสมทบ %(money2)s") % {
            "money": money(lines_total),
            "money2": money(expected),
        }
    return None


def submission_problems(proposal) -> list[str]:
    """Every reason the proposal cannot be submitted yet (empty when it can)."""
    problems = [
        _("กรุณากรอก%(label)s") % {"label": label} for field, label in REQUIRED if getattr(proposal, field) in (None, "")
    ]
    if not proposal.pillars:
        problems.append(_("ต้องเลือกด้านยุทธศาสตร์อย่างน้อย 1 ด้าน"))
    if p := dates_problem(proposal.start_date, proposal.end_date):
        problems.append(p)
    if proposal.kind == ProjectKind.CONTINUING and not proposal.previous_project_id:
        problems.append(_("โครงการต่อเนื่องต้องระบุโครงการเดิม"))
    if proposal.cofunding_amount and not proposal.cofunding_source:
        problems.append(_("กรุณาระบุแหล่งงบสมทบ"))
    if not proposal.activities.exists():
        problems.append(_("ต้องมีกิจกรรมอย่างน้อย 1 กิจกรรม"))
    # summed from the rows (prefetched on the detail page: no query of its own)
    lines_total = sum((b.amount for b in proposal.budget_lines.all()), Decimal("0.00"))
    if not proposal.budget_lines.exists():
        problems.append(_("ต้องมีรายการงบประมาณอย่างน้อย 1 รายการ"))
    elif p := budget_problem(lines_total, proposal.requested_amount, proposal.cofunding_amount):
        problems.append(p)
    if proposal.total_budget is not None and proposal.requested_amount is not None:
        whole = proposal.requested_amount + (proposal.cofunding_amount or 0)
        if proposal.total_budget != whole:
            problems.append(
                _("งบประมาณทั้งโครงการ %(money)s ต้องเท่ากับเงินที่ขอรับการสนับสนุนรวมกับงบสมทบ %(money2)s")
                % {"money": money(proposal.total_budget), "money2": money(whole)}
            )
    if p := ceiling_problem(proposal.requested_amount):
        problems.append(p)
    if p := location_problem(proposal.province.code, proposal.district_code, proposal.subdistrict_code):
        problems.append(p)
    return problems
