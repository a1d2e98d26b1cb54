"""Benchmark of the PDF reports at national scale (not a test).

Generates, in a scratch PostgreSQL database, 77 provinces x 5 fiscal years (2564-2568) with
3 meetings a year of 15 agenda items (each resolved, 20 members' attendance), an action plan of
12 activities with two quarters of progress, a situation report, and 30 fund proposals a
province a year (with pillars, activities and budget lines). FY 2563 gets a small year
(1 meeting of 3 items, 2 proposals, a plan of 2 activities) to show that query counts do not
grow with the rows.

Then builds the provincial annual report (Samut Prakan) and the national summary and prints,
for each: total time, peak memory (child process max RSS), pages, WeasyPrint's own time on
the same HTML, the app's share (queries + template), and query counts.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ctip_reports \\
        .venv/bin/python benchmarks/reports_benchmark.py [--db ctip_reports_bench] [--fresh]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

YEARS = range(2564, 2569)
SMALL_YEAR = 2563
MEETINGS_A_YEAR = 3
ITEMS_A_MEETING = 15  # 6 sections + 9 sub-items under section 5
MEMBERS = 20
PROPOSALS = 30
ACTIVITIES = 12
RUNS = 5  # interleaved builds per document; medians are reported


def _scratch_url(name: str) -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _create_database(url: str, fresh: bool) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "True"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _generate() -> dict:
    """Bulk-create the national data set (idempotent: skipped when already there)."""
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from actionplans.choices import BudgetSource, DocState
    from actionplans.models import ActionPlan, Progress, SituationReport
    from actionplans.models import Activity as PlanActivity
    from committees.choices import MemberRole
    from committees.models import Member, Province, RiskGroupAssignment, Subcommittee
    from core.pillars import Pillar
    from fundproposals.choices import Decision, FundDecision, ProposalState
    from fundproposals.models import Activity, BudgetLine, Proposal, ProposalPillar
    from meetings.choices import AttendanceStatus, MeetingState, ResolutionOutcome, SectionType
    from meetings.models import AgendaItem, Attendance, Meeting, Resolution

    if Meeting.objects.exists():
        return {"generated": False}
    started = time.perf_counter()
    pillars = list(Pillar)
    sections = list(SectionType)
    states = [
        ProposalState.SUBMITTED,
        ProposalState.UNDER_REVIEW,
        ProposalState.RESOLVED,
        ProposalState.FORWARDED,
        ProposalState.FUND_DECIDED,
        ProposalState.CONTRACTED,
    ]
    proposer, _ = User.objects.get_or_create(username="bench-proposer")
    with transaction.atomic():
        provinces = list(Province.objects.order_by("code"))
        subs = Subcommittee.objects.bulk_create(
            [Subcommittee(province=p, name=f"คณะอนุกรรมการ ศปคม.จ. {p.name_th}") for p in provinces]
        )
        members = Member.objects.bulk_create(
            [
                Member(
                    subcommittee=sc,
                    full_name=f"อนุกรรมการ {i + 1} {sc.province.name_th}",
                    position=f"หัวหน้าส่วนราชการลำดับที่ {i + 1} จังหวัด{sc.province.name_th}",
                    agency="ส่วนราชการประจำจังหวัด",
                    role=MemberRole.CHAIR if i == 0 else MemberRole.SECRETARY if i == 1 else MemberRole.MEMBER,
                    chair_capacity="governor" if i == 0 else "",
                    order=i + 1,
                    term_start=dt.date(2019, 10, 1),
                )
                for sc in subs
                for i in range(MEMBERS)
            ]
        )
        by_sc: dict[int, list] = {}
        for m in members:
            by_sc.setdefault(m.subcommittee_id, []).append(m)
        RiskGroupAssignment.objects.bulk_create(
            [
                RiskGroupAssignment(province=p, fiscal_year=fy, group="ABCD"[(int(p.code) + fy) % 4])
                for p in provinces
                for fy in [SMALL_YEAR, *YEARS]
            ]
        )
        plan_year = dict.fromkeys(YEARS, (MEETINGS_A_YEAR, ITEMS_A_MEETING, PROPOSALS, ACTIVITIES))
        plan_year[SMALL_YEAR] = (1, 3, 2, 2)
        for fy, (n_meetings, n_items, n_proposals, n_activities) in plan_year.items():
            meetings = Meeting.objects.bulk_create(
                [
                    Meeting(
                        subcommittee=sc,
                        number=n + 1,
                        number_year=fy,
                        numbering_basis="calendar",
                        fiscal_year=fy,
                        starts_at=timezone.make_aware(dt.datetime(fy - 543 - 1, 11 + n, 15, 13, 30))
                        if n < 2
                        else timezone.make_aware(dt.datetime(fy - 543, 5, 20, 9, 30)),
                        place="ห้องประชุมศาลากลางจังหวัด",
                        state=MeetingState.ADOPTED,
                        chair_name=by_sc[sc.pk][0].full_name,
                        chair_position=by_sc[sc.pk][0].position,
                    )
                    for sc in subs
                    for n in range(n_meetings)
                ]
            )
            n_sections = min(6, n_items)
            tops = AgendaItem.objects.bulk_create(
                [
                    AgendaItem(meeting=m, section_type=sections[s], order=s + 1, title=sections[s].label)
                    for m in meetings
                    for s in range(n_sections)
                ]
            )
            fifth = {t.meeting_id: t for t in tops if t.order == min(5, n_sections)}
            subs_items = AgendaItem.objects.bulk_create(
                [
                    AgendaItem(
                        meeting=m,
                        parent=fifth[m.pk],
                        section_type=SectionType.FOR_CONSIDERATION,
                        order=k + 1,
                        title=f"พิจารณาโครงการและกิจกรรมป้องกันและปราบปรามการค้ามนุษย์ เรื่องที่ {k + 1}",
                    )
                    for m in meetings
                    for k in range(n_items - n_sections)
                ]
            )
            resolutions = Resolution.objects.bulk_create(
                [
                    Resolution(
                        agenda_item=it,
                        outcome=ResolutionOutcome.APPROVED,
                        text="ที่ประชุมมีมติเห็นชอบตามที่ฝ่ายเลขานุการเสนอ และมอบหมายหน่วยงานที่เกี่ยวข้องดำเนินการต่อไป",
                    )
                    for it in [*tops, *subs_items]
                ]
            )
            first_resolution = {}
            for r, it in zip(resolutions, [*tops, *subs_items], strict=True):
                first_resolution.setdefault(it.meeting.subcommittee_id, r)
            Attendance.objects.bulk_create(
                [
                    Attendance(
                        meeting=m,
                        member=mem,
                        status=AttendanceStatus.ABSENT if k % 7 == 3 else AttendanceStatus.PRESENT,
                        order=k,
                    )
                    for m in meetings
                    for k, mem in enumerate(by_sc[m.subcommittee_id])
                ]
            )
            plans = ActionPlan.objects.bulk_create(
                [
                    ActionPlan(
                        subcommittee=sc,
                        fiscal_year=fy,
                        title=f"แผนปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์จังหวัด{sc.province.name_th} ปีงบประมาณ {fy}",
                        state=DocState.APPROVED,
                        resolution=first_resolution[sc.pk],
                    )
                    for sc in subs
                ]
            )
            acts = PlanActivity.objects.bulk_create(
                [
                    PlanActivity(
                        plan=plan,
                        order=k + 1,
                        pillar=pillars[k % 4],
                        name=f"กิจกรรมอบรมให้ความรู้และเฝ้าระวังการค้ามนุษย์ในพื้นที่ รุ่นที่ {k + 1}",
                        target_quantity=10 + k,
                        target_unit="คน",
                        q1=True,
                        q2=True,
                        q3=k % 2 == 0,
                        budget=Decimal(20000 + 1000 * k),
                        budget_source=BudgetSource.PROVINCE,
                        responsible_agency="สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด",
                    )
                    for plan in plans
                    for k in range(n_activities)
                ]
            )
            Progress.objects.bulk_create(
                [
                    Progress(
                        activity=a,
                        quarter=q,
                        done="ดำเนินการตามแผน",
                        quantity_achieved=a.target_quantity // 3,
                        budget_spent=Decimal(5000),
                    )
                    for a in acts
                    for q in (1, 2)
                ]
            )
            SituationReport.objects.bulk_create(
                [
                    SituationReport(
                        subcommittee=sc,
                        year=fy - 1,
                        state=DocState.APPROVED,
                        resolution=first_resolution[sc.pk],
                        cases_sexual=3,
                        cases_forced_labour=5,
                        victims_total=14,
                        victims_assisted=12,
                        situation="พบการแสวงประโยชน์จากแรงงานข้ามชาติในสถานประกอบการ",
                    )
                    for sc in subs
                ]
            )
            proposals = Proposal.objects.bulk_create(
                [
                    Proposal(
                        province=p,
                        fiscal_year=fy,
                        code=f"ปคม/{fy}/{p.code}/{k + 1:04d}",
                        state=states[k % len(states)],
                        proposer=proposer,
                        title=f"โครงการเสริมสร้างเครือข่ายเฝ้าระวังการค้ามนุษย์ในชุมชน ลำดับที่ {k + 1}",
                        organisation="เครือข่ายอาสาสมัครพัฒนาสังคมและความมั่นคงของมนุษย์",
                        requested_amount=Decimal(50000 + 5000 * k),
                        total_budget=Decimal(60000 + 5000 * k),
                        recommended_amount=Decimal(45000 + 5000 * k) if k % 6 >= 2 else None,
                        decision=Decision.APPROVE if k % 6 >= 2 else "",
                        fund_decision=FundDecision.APPROVED if k % 6 >= 4 else "",
                        fund_approved_amount=Decimal(40000 + 5000 * k) if k % 6 >= 4 else None,
                        revision=1,
                    )
                    for p in provinces
                    for k in range(n_proposals)
                ]
            )
            ProposalPillar.objects.bulk_create(
                [
                    ProposalPillar(proposal=pr, pillar=pillars[j])
                    for i, pr in enumerate(proposals)
                    for j in sorted({i % 4, (i + 1) % 4} if i % 3 == 0 else {i % 4})
                ]
            )
            Activity.objects.bulk_create(
                [
                    Activity(proposal=pr, order=j + 1, name=f"กิจกรรมที่ {j + 1}", cost=Decimal(10000))
                    for pr in proposals
                    for j in range(2)
                ]
            )
            BudgetLine.objects.bulk_create(
                [
                    BudgetLine(proposal=pr, order=j + 1, item=f"รายการค่าใช้จ่ายที่ {j + 1}", amount=Decimal(10000))
                    for pr in proposals
                    for j in range(3)
                ]
            )
    return {"generated": True, "seconds": round(time.perf_counter() - started, 1)}


def _measure(kind: str, province_code: str | None, fiscal_year: int) -> dict:
    """Build one document the way a worker does, timing its parts."""
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from committees.models import Province
    from reports.documents import Target, document_for
    from reports.pdf import base_context, html_to_pdf

    province = Province.objects.get(code=province_code) if province_code else None
    target = Target(kind, province=province, fiscal_year=fiscal_year)
    doc = document_for(kind)
    with CaptureQueriesContext(connection) as fp_queries:
        fp_start = time.perf_counter()
        fingerprint = doc.fingerprint(target)  # taken when the report is asked for (reuse check)
        fp_seconds = time.perf_counter() - fp_start
    # Interleaved, median of RUNS: the whole build (queries, template, WeasyPrint), then WeasyPrint
    # alone on the very same HTML, so a busy machine slows both alike.
    totals, weasys, apps = [], [], []
    for _ in range(RUNS):
        total_start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            app_start = time.perf_counter()
            context = doc.context(target)
            html = render_to_string(
                doc.template,
                {**base_context(), **context, "title": doc.title(target), "job": None, "generated_at": timezone.now()},
            )
            apps.append(time.perf_counter() - app_start)
        rendered = html_to_pdf(html)
        totals.append(time.perf_counter() - total_start)
        wp_start = time.perf_counter()
        html_to_pdf(html)
        weasys.append(time.perf_counter() - wp_start)
    total, weasy, app_seconds = statistics.median(totals), statistics.median(weasys), statistics.median(apps)
    return {
        "total_s": round(total, 2),
        "weasyprint_s": round(weasy, 2),
        "app_s": round(app_seconds, 3),
        "ratio": round(total / weasy, 3),
        "share_ratio": round((weasy + app_seconds) / weasy, 3),
        "queries": len(queries.captured_queries),
        "pages": rendered.pages,
        "html_kb": round(len(html) / 1024),
        "fingerprint": fingerprint[:8],
        "fingerprint_ms": round(fp_seconds * 1000),
        "fingerprint_queries": len(fp_queries.captured_queries),
    }


def _child(kind, province_code, fiscal_year, out):
    from django.db import connections

    connections.close_all()
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = _measure(kind, province_code, fiscal_year)
    result["baseline_rss_mb"] = round(baseline / 1024)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    out.put(result)


def _in_child(kind, province_code, fiscal_year) -> dict:
    """Run in a fresh (forked, already warm) process so its max RSS is this build's peak."""
    from django.db import connections

    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    proc = ctx.Process(target=_child, args=(kind, province_code, fiscal_year, out))
    proc.start()
    result = out.get()
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="ctip_reports_bench")
    parser.add_argument("--fresh", action="store_true", help="drop and regenerate the scratch database")
    args = parser.parse_args()
    url = _scratch_url(args.db)
    _create_database(url, args.fresh)
    _setup(url)
    print("data:", _generate())
    from django.db.models import Count  # noqa: F401 - Django is set up now

    from fundproposals.models import Proposal
    from meetings.models import AgendaItem, Meeting

    print(
        f"rows: meetings={Meeting.objects.count()} agenda_items={AgendaItem.objects.count()} proposals={Proposal.objects.count()}"
    )
    from reports import fonts, pdf  # noqa: F401 - warm, as a worker is

    fonts.prepared_fonts()
    _measure("annual_province", "11", SMALL_YEAR)  # warm caches (templates, fonts)
    runs = [
        ("annual_province", "11", SMALL_YEAR, "provincial annual report, small year"),
        ("annual_province", "11", 2567, "provincial annual report, FY 2567 (3 meetings x 15 items, 30 proposals)"),
        ("national_summary", None, SMALL_YEAR, "national summary, small year"),
        ("national_summary", None, 2567, "national summary, FY 2567 (77 provinces)"),
    ]
    for kind, code, fy, label in runs:
        r = _in_child(kind, code, fy)
        print(
            f"{label}: total {r['total_s']} s, WeasyPrint alone {r['weasyprint_s']} s, "
            f"app (queries+template) {r['app_s']} s, total/WeasyPrint {r['ratio']}x "
            f"((WeasyPrint+app)/WeasyPrint {r['share_ratio']}x), "
            f"{r['queries']} queries, {r['pages']} pages, HTML {r['html_kb']} KB, "
            f"peak RSS {r['peak_rss_mb']} MB (process at start {r['baseline_rss_mb']} MB); "
            f"fingerprint at request {r['fingerprint_ms']} ms, {r['fingerprint_queries']} queries"
        )


if __name__ == "__main__":
    main()
