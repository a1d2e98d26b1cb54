"""The province's annual report for the governor (รายงานผลการดำเนินงานประจำปี)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from committees.choices import MemberRole
from committees.models import Member, RiskGroupAssignment, Subcommittee
from core.thaidate import fiscal_year_bounds
from meetings.choices import AttendanceStatus, MeetingState
from meetings.models import AgendaItem, Attendance, Meeting, Resolution
from reports import charts
from reports.choices import ReportKind
from reports.documents import sections
from reports.documents.base import Target, fingerprint


def _members_on(fiscal_year: int) -> dt.date:
    return min(timezone.localdate(), fiscal_year_bounds(fiscal_year)[1])


def meetings_of(subcommittee: Subcommittee | None, fiscal_year: int) -> list[Meeting]:
    """The year's meetings (not cancelled) with attendance counts and their resolutions (three queries)."""
    if subcommittee is None:
        return []
    items = AgendaItem.objects.filter(resolution__isnull=False).select_related("resolution", "parent").order_by("id")
    meetings = list(
        Meeting.objects.filter(subcommittee=subcommittee, fiscal_year=fiscal_year)
        .exclude(state=MeetingState.CANCELLED)
        .annotate(
            n_present=Count("attendance", filter=Q(attendance__status=AttendanceStatus.PRESENT)),
            n_stand_in=Count("attendance", filter=Q(attendance__status=AttendanceStatus.STAND_IN)),
            n_absent=Count("attendance", filter=Q(attendance__status=AttendanceStatus.ABSENT)),
            n_guest=Count("attendance", filter=Q(attendance__status=AttendanceStatus.GUEST)),
        )
        .prefetch_related(Prefetch("agenda_items", queryset=items, to_attr="resolved_items"))
        .order_by("starts_at")
    )
    members = Member.objects.current(on=_members_on(fiscal_year)).filter(subcommittee=subcommittee).count()
    for m in meetings:
        m.n_attending = m.n_present + m.n_stand_in
        m.has_quorum = bool(members) and m.n_attending * 2 >= members
        m.resolved_items.sort(key=lambda i: (i.parent.order if i.parent_id else i.order, i.order if i.parent_id else 0))
    return meetings


def _position(member, province) -> str:
    """A member's position with the office when the position alone does not say where."""
    position, agency = member.position.strip(), (member.agency or "").strip()
    if agency and agency not in position and province.name_th not in position and province.name_th in agency:
        return f"{position} {agency}"
    return position


class AnnualProvince:
    kind = ReportKind.ANNUAL_PROVINCE
    template = "pdf/annual_province.html"

    def title(self, target: Target) -> str:
        return f"รายงานผลการดำเนินงานประจำปีงบประมาณ {target.fiscal_year} จังหวัด{target.province.name_th}"

    def file_stem(self, target: Target) -> str:
        return f"รายงานประจำปี ปีงบประมาณ {target.fiscal_year} จังหวัด{target.province.name_th}"

    def fingerprint(self, target: Target) -> str:
        province, fy = target.province, target.fiscal_year
        meetings = Meeting.objects.filter(subcommittee__province=province, fiscal_year=fy)
        return fingerprint(
            self.kind,
            province.pk,
            fy,
            querysets=(
                RiskGroupAssignment.objects.filter(province=province),
                Subcommittee.objects.filter(province=province),
                Member.objects.filter(subcommittee__province=province),
                meetings,
                AgendaItem.objects.filter(meeting__in=meetings),
                Attendance.objects.filter(meeting__in=meetings),
                Resolution.objects.filter(agenda_item__meeting__in=meetings),
                *sections.plan_querysets(province, fy),
                *sections.proposal_querysets(province, fy),
                *sections.situation_querysets(province, fy),
            ),
        )

    def context(self, target: Target) -> dict:
        province, fy = target.province, target.fiscal_year
        subcommittee = Subcommittee.objects.filter(province=province).first()
        members = (
            list(Member.objects.current(on=_members_on(fy)).filter(subcommittee=subcommittee).order_by("order", "id"))
            if subcommittee
            else []
        )
        # The history as the report's year saw it: never a year after the report's own.
        history = list(
            RiskGroupAssignment.objects.filter(province=province, fiscal_year__lte=fy).order_by("-fiscal_year")
        )
        for m in members:
            m.report_position = _position(m, province)
        chair = next((m for m in members if m.role == MemberRole.CHAIR), None)
        secretary = next((m for m in members if m.role == MemberRole.SECRETARY), None)
        group = next((h for h in history if h.fiscal_year == fy), None)
        meetings = meetings_of(subcommittee, fy)
        plan = sections.plan_section(province, fy)
        proposals = sections.proposal_section(province, fy)
        situation = sections.situation_section(province, fy)
        has_data = bool(meetings or plan.get("plan") or proposals.get("rows") or situation.get("report"))
        return {
            "province": province,
            "fiscal_year": fy,
            "fy_start": fiscal_year_bounds(fy)[0],
            "fy_end": fiscal_year_bounds(fy)[1],
            "subcommittee": subcommittee,
            "members": members,
            "group": group,
            "history": history,
            "chair": chair,
            "secretary": secretary,
            "meetings": meetings,
            "plan": plan,
            "proposals": proposals,
            "situation": situation,
            "has_data": has_data,
            "chart_meetings": charts.hbar([(m.label, m.n_attending) for m in meetings], unit="คน") if meetings else "",
        }
