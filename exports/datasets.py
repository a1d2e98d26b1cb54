"""What each export holds: the rows of a list page the user can see, with that page's filters.

Every dataset starts from the same selector as its page, so an export can never hold more than
the page would show. Rows are read with ``iterator()`` in chunks: memory stays flat however many
rows there are. Headers are Thai; dates BE; amounts and counts are numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, QueryDict

from actionplans import selectors as plan_selectors
from actionplans.choices import DocState, Quarter
from actionplans.models import Activity, Progress
from actionplans.permissions import can_list_documents, can_view_national_status
from committees import selectors as committee_selectors
from committees.choices import Region, RiskGroup
from core.forms import check_fiscal_year
from core.permissions import require
from core.pillars import Pillar
from core.thaidate import current_fiscal_year
from dashboards.permissions import can_view_dashboard
from fundproposals import selectors as proposal_selectors
from fundproposals.choices import Decision, FundDecision, OrganisationType, ProposalState
from fundproposals.forms import ProposalFilter
from fundproposals.models import BudgetLine
from meetings import selectors as meeting_selectors
from meetings.choices import MeetingState, ResolutionOutcome

CHUNK = 2000


@dataclass(frozen=True)
class Export:
    title: str
    header: list[str]
    rows: Iterable[list]


def _year(params: QueryDict, name: str = "fiscal_year") -> int | None:
    try:
        value = int(params.get(name, ""))
        check_fiscal_year(value)
    except (TypeError, ValueError, ValidationError):
        return None
    return value


def _province(user, params: QueryDict):
    code = params.get("province")
    return committee_selectors.province_by_code(user, code) if code else None


_LABELS: dict[type, dict] = {}


def _label(enum, value) -> str:
    """The Thai label of a stored code (the dict built once per enum)."""
    labels = _LABELS.get(enum)
    if labels is None:
        labels = _LABELS[enum] = dict(enum.choices)
    return labels.get(value, value or "")


REGIONS = dict(Region.choices)
GROUPS = dict(RiskGroup.choices)


def provinces(user, params: QueryDict) -> Export:
    """The province list: code, names, region, group this fiscal year and last (the provinces the user may read)."""
    fy = _year(params) or current_fiscal_year()
    group = params.get("group") or None
    region = params.get("region") or None
    qs = committee_selectors.province_list(user, fiscal_year=fy, group=group, region=region)
    return Export(
        f"จังหวัดและกลุ่ม ปีงบประมาณ {fy}",
        ["รหัสจังหวัด", "จังหวัด", "ชื่อภาษาอังกฤษ", "ภาค", f"กลุ่มปีงบประมาณ {fy}", f"กลุ่มปีงบประมาณ {fy - 1}"],
        (
            [p.code, p.name_th, p.name_en, REGIONS.get(p.region, p.region), p.risk_group or "", p.previous_group or ""]
            for p in qs.iterator(chunk_size=CHUNK)
        ),
    )


def _meeting_filters(user, params: QueryDict) -> dict:
    province = _province(user, params)
    state = params.get("state") if params.get("state") in MeetingState.values else None
    return {"province_code": province.code if province else None, "fiscal_year": _year(params), "state": state}


def meetings(user, params: QueryDict) -> Export:
    require(can_view_dashboard(user))
    qs = meeting_selectors.annotate_item_counts(meeting_selectors.meetings_for(user, **_meeting_filters(user, params)))
    return Export(
        "การประชุม",
        ["จังหวัด", "ครั้งที่", "ปีงบประมาณ", "วันที่", "เวลาเริ่ม", "เวลาเลิก", "สถานที่", "ประธานในที่ประชุม", "สถานะ",
         "จำนวนระเบียบวาระ"],
        (
            [m.subcommittee.province.name_th, m.label, m.fiscal_year, m.starts_at.date() if m.starts_at else None,
             _time(m.starts_at), _time(m.ended_at), m.place, m.chair_name, _label(MeetingState, m.state),
             m.item_count]
            for m in qs.iterator(chunk_size=CHUNK)
        ),
    )  # fmt: skip


def _time(value) -> str:
    from core.thaidate import format_time

    return format_time(value) if value else ""


def resolutions(user, params: QueryDict) -> Export:
    require(can_view_dashboard(user))
    f = _meeting_filters(user, params)
    qs = meeting_selectors.resolutions_search(user, q=params.get("q", "")[:200], province_code=f["province_code"])
    if f["fiscal_year"]:
        qs = qs.filter(agenda_item__meeting__fiscal_year=f["fiscal_year"])
    return Export(
        "มติที่ประชุม",
        ["จังหวัด", "การประชุม", "วันที่ประชุม", "ระเบียบวาระที่", "เรื่อง", "ผลการพิจารณา", "มติที่ประชุม"],
        (
            [r.agenda_item.meeting.subcommittee.province.name_th, r.agenda_item.meeting.label,
             r.agenda_item.meeting.starts_at.date(), r.agenda_item.number, r.agenda_item.title,
             _label(ResolutionOutcome, r.outcome), r.text]
            for r in qs.iterator(chunk_size=CHUNK)
        ),
    )  # fmt: skip


def _proposals(user, params: QueryDict):
    qs = proposal_selectors.proposal_list(user)
    flt = ProposalFilter(params or None, queryset=qs, provinces=committee_selectors.visible_provinces(user))
    return flt.qs if flt.is_bound and flt.is_valid() else qs


def proposals(user, params: QueryDict) -> Export:
    """Proposals the user can see (proposers: their own), one row each, pillars in one cell."""
    qs = _proposals(user, params)
    return Export(
        "โครงการขอรับการสนับสนุนจากกองทุน",
        ["รหัสโครงการ", "จังหวัด", "ปีงบประมาณ", "ชื่อโครงการ", "หน่วยงานที่เสนอ", "ประเภทหน่วยงาน", "ด้านยุทธศาสตร์",
         "สถานะ", "งบประมาณทั้งโครงการ (บาท)", "ขอรับการสนับสนุน (บาท)", "งบสมทบ (บาท)", "มติคณะอนุกรรมการ",
         "วงเงินที่คณะอนุกรรมการเห็นชอบ (บาท)", "ผลการพิจารณาของกองทุน", "วงเงินที่กองทุนอนุมัติ (บาท)",
         "วันที่ฝ่ายเลขานุการรับเรื่อง", "วันเริ่มโครงการ", "วันสิ้นสุดโครงการ"],
        (
            [p.code or "", p.province.name_th, p.fiscal_year, p.title, p.organisation,
             _label(OrganisationType, p.organisation_type),
             ", ".join(str(Pillar(x).label) for x in p.pillars), _label(ProposalState, p.state),
             p.total_budget, p.requested_amount, p.cofunding_amount, _label(Decision, p.decision),
             p.recommended_amount, _label(FundDecision, p.fund_decision), p.fund_approved_amount,
             p.received_on, p.start_date, p.end_date]
            for p in qs.iterator(chunk_size=CHUNK)
        ),
    )  # fmt: skip


def budget_lines(user, params: QueryDict) -> Export:
    """Every budget line of the proposals the user can see, with the proposal it belongs to."""
    ids = _proposals(user, params).order_by().values("pk")
    qs = (
        BudgetLine.objects.filter(proposal_id__in=ids)
        .select_related("proposal__province")
        .order_by("proposal__fiscal_year", "proposal__province__code", "proposal_id", "order", "id")
    )
    return Export(
        "รายการงบประมาณของโครงการ",
        ["รหัสโครงการ", "จังหวัด", "ปีงบประมาณ", "ชื่อโครงการ", "ลำดับ", "รายการ", "จำนวนเงิน (บาท)"],
        (
            [b.proposal.code or "", b.proposal.province.name_th, b.proposal.fiscal_year, b.proposal.title, b.order,
             b.item, b.amount]
            for b in qs.iterator(chunk_size=CHUNK)
        ),
    )  # fmt: skip


def plans(user, params: QueryDict) -> Export:
    """Every activity of the live plans the user can see, with its progress per quarter."""
    require(can_list_documents(user))
    plan_ids = plan_selectors.plan_list(user, fiscal_year=_year(params), province=_province(user, params)).values("pk")
    qs = (
        Activity.objects.filter(plan_id__in=plan_ids)
        .select_related("plan__subcommittee__province")
        .prefetch_related(Prefetch("progress", queryset=Progress.objects.order_by("quarter", "id")))
        .order_by("plan__fiscal_year", "plan__subcommittee__province__code", "plan_id", "order", "id")
    )
    quarters = list(Quarter)
    header = ["จังหวัด", "ปีงบประมาณ", "แผน", "ฉบับที่", "สถานะแผน", "ลำดับ", "ด้าน", "กิจกรรม/โครงการ",
              "เป้าหมาย", "หน่วยนับ", "งบประมาณ (บาท)", "หน่วยงานรับผิดชอบ"]  # fmt: skip
    for q in quarters:
        header += [f"ผลที่ได้ ไตรมาส {q.value}", f"งบที่ใช้ ไตรมาส {q.value} (บาท)"]

    def rows() -> Iterator[list]:
        for a in qs.iterator(chunk_size=CHUNK):
            by_q = {p.quarter: p for p in a.progress.all()}
            row = [a.plan.subcommittee.province.name_th, a.plan.fiscal_year, a.plan.title, a.plan.revision,
                   _label(DocState, a.plan.state), a.order, _label(Pillar, a.pillar), a.name,
                   a.target_quantity, a.target_unit, a.budget, a.responsible_agency]  # fmt: skip
            for q in quarters:
                p = by_q.get(q.value)
                row += [p.quantity_achieved if p else None, p.budget_spent if p else None]
            yield row

    return Export("แผนปฏิบัติการและผลการดำเนินงาน", header, rows())


REPORT_FIELDS = [
    "cases_sexual", "cases_forced_labour", "cases_begging", "cases_forced_marriage", "cases_other", "cases_prosecuted",
    "victims_total", "victims_male", "victims_female", "victims_child", "victims_adult", "victims_assisted",
]  # fmt: skip


def situation_reports(user, params: QueryDict) -> Export:
    require(can_list_documents(user))
    from actionplans.models import SituationReport

    qs = plan_selectors.report_list(user, year=_year(params, "year"), province=_province(user, params))
    labels = [str(SituationReport._meta.get_field(f).verbose_name) for f in REPORT_FIELDS]
    return Export(
        "รายงานสถานการณ์การค้ามนุษย์",
        ["จังหวัด", "ปี พ.ศ. ที่รายงาน", "ฉบับที่", "สถานะ", *labels],
        (
            [r.subcommittee.province.name_th, r.year, r.revision, _label(DocState, r.state),
             *(getattr(r, f) for f in REPORT_FIELDS)]
            for r in qs.iterator(chunk_size=CHUNK)
        ),
    )  # fmt: skip


def national_status(user, params: QueryDict) -> Export:
    require(can_view_national_status(user))
    fy = _year(params) or current_fiscal_year()
    rows, _ = plan_selectors.national_status(fy)
    return Export(
        f"สถานะแผนและรายงานรายจังหวัด ปีงบประมาณ {fy}",
        ["รหัสจังหวัด", "จังหวัด", "กลุ่ม", "แผนปฏิบัติการ", "แผนเห็นชอบแล้ว", "แผนล่าช้า", "รายงานสถานการณ์",
         "รายงานเห็นชอบแล้ว", "รายงานล่าช้า"],
        (
            [r.province.code, r.province.name_th, r.risk_group or "", _label(DocState, r.plan_state),
             r.plan_approved, r.plan_late, _label(DocState, r.report_state), r.report_approved,
             r.report_late]
            for r in rows
        ),
    )  # fmt: skip


DATASETS: dict[str, Callable[[object, QueryDict], Export]] = {
    "provinces": provinces,
    "meetings": meetings,
    "resolutions": resolutions,
    "proposals": proposals,
    "budget-lines": budget_lines,
    "plans": plans,
    "situation-reports": situation_reports,
    "national-status": national_status,
}


def dataset(user, kind: str, params: QueryDict) -> Export:
    try:
        build = DATASETS[kind]
    except KeyError:
        raise Http404("ไม่พบชุดข้อมูลที่ส่งออก") from None
    return build(user, params)
