"""The national-scale database the load benchmark and the page-cost tool run against.

Reuses the PDF benchmark's data builder (``reports_benchmark._generate``: 77 provinces x
5 fiscal years, 1,232 meetings, 17,556 agenda items, 11,704 proposals), adds the audit
trail such a database accumulates (about 143,000 events: 8 per proposal, 40 per meeting)
and the demo accounts (``seed_demo``, which must work on a database that holds data).
Idempotent: a database already built is reused (``--fresh`` rebuilds it).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import reports_benchmark  # noqa: E402 - after the path is set

DEFAULT_DB = "ctip_load_bench"
EVENTS_PER_PROPOSAL = 8
EVENTS_PER_MEETING = 40


def database_url(name: str = DEFAULT_DB) -> str:
    """The scratch database's URL: DATABASE_URL's server and role, another database name."""
    return reports_benchmark._scratch_url(name)


def _audit_events() -> dict:
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from core.models import AuditEvent
    from fundproposals.models import Proposal
    from meetings.models import Meeting

    if AuditEvent.objects.count() > 100_000:
        return {"audit_events": "already there"}
    started = time.perf_counter()
    proposal_type = ContentType.objects.get_for_model(Proposal)
    meeting_type = ContentType.objects.get_for_model(Meeting)
    proposal_steps = ["proposal.create", "transition:submit", "proposal.update", "transition:accept"]
    meeting_steps = ["meeting.create", "agenda.add", "attendance.record", "resolution.record", "minutes.save"]
    batch: list[AuditEvent] = []
    made = 0
    with transaction.atomic():
        rows = Proposal.objects.values_list("pk", "province_id", "code", "title")
        for pk, province_id, code, title in rows.iterator(chunk_size=2000):
            for k in range(EVENTS_PER_PROPOSAL):
                batch.append(
                    AuditEvent(
                        action=proposal_steps[k % len(proposal_steps)],
                        target_type=proposal_type,
                        target_id=str(pk),
                        target_repr=f"{code} {title}"[:255],
                        province_id=province_id,
                        changes={"state": ["draft", "submitted"]} if k % 4 == 1 else {},
                    )
                )
            if len(batch) >= 20_000:
                made += len(AuditEvent.objects.bulk_create(batch))
                batch = []
        rows = Meeting.objects.values_list("pk", "subcommittee__province_id", "number", "number_year")
        for pk, province_id, number, year in rows.iterator(chunk_size=2000):
            for k in range(EVENTS_PER_MEETING):
                batch.append(
                    AuditEvent(
                        action=meeting_steps[k % len(meeting_steps)],
                        target_type=meeting_type,
                        target_id=str(pk),
                        target_repr=f"ครั้งที่ {number}/{year}",
                        province_id=province_id,
                        changes={"title": ["", f"เรื่องที่ {k}"]},
                    )
                )
            if len(batch) >= 20_000:
                made += len(AuditEvent.objects.bulk_create(batch))
                batch = []
        made += len(AuditEvent.objects.bulk_create(batch))
    return {"audit_events": made, "seconds": round(time.perf_counter() - started, 1)}


def ensure(name: str = DEFAULT_DB, *, fresh: bool = False, settings: str = "config.settings.local") -> str:
    """Build (or reuse) the database and set Django up on it; returns its URL."""
    url = database_url(name)
    reports_benchmark._create_database(url, fresh)
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    reports_benchmark._setup(url)  # migrate (new index migrations land on a reused database too)
    print("data:", reports_benchmark._generate(), flush=True)
    print("audit:", _audit_events(), flush=True)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    if not get_user_model().objects.filter(username="sp-secretariat").exists():
        with open(os.devnull, "w") as quiet:
            call_command("seed_demo", stdout=quiet)
        print("demo: loaded", flush=True)
    print("fixtures:", _load_fixtures(), flush=True)
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return url


LOAD_PLACE = "ห้องประชุมทดสอบภาระ ศาลากลางจังหวัดสมุทรปราการ"
LOAD_MEETINGS = 16  # one held meeting with drafted minutes per simulated user, so autosaves never collide


def _load_meeting(k: int):
    """A held Samut Prakan meeting of 15 agenda items with attendance and drafted minutes."""
    import datetime as dt

    from django.utils import timezone

    from accounts.models import User
    from committees.models import Member, Subcommittee
    from meetings import selectors, services
    from meetings.models import Meeting

    place = f"{LOAD_PLACE} ห้อง {k + 1}"
    meeting = Meeting.objects.filter(place=place).first()
    if meeting is not None:
        return meeting
    sec = User.objects.get(username="sp-secretariat")
    sc = Subcommittee.objects.get(province__code="11")
    seats = list(Member.objects.current().filter(subcommittee=sc).order_by("order", "pk"))
    meeting = services.schedule_meeting(
        actor=sec,
        subcommittee=sc,
        starts_at=timezone.make_aware(dt.datetime(2026, 1, 20, 9, 30) + dt.timedelta(days=k)),
        place=place,
        chair_member=next(m for m in seats if m.role == "chair"),
        chair_capacity="governor",
    )
    meeting = services.fire_transition(actor=sec, meeting=meeting, name="hold")
    services.record_attendance(
        actor=sec,
        meeting=meeting,
        rows=[{"member": m, "status": "absent" if i % 7 == 3 else "present"} for i, m in enumerate(seats)],
    )
    for i in range(9):
        services.add_agenda_item(
            actor=sec,
            meeting=meeting,
            section_type="for_consideration",
            title=f"พิจารณาโครงการป้องกันและปราบปรามการค้ามนุษย์ เรื่องที่ {i + 1}",
        )
    content = selectors.initial_minutes_content(meeting)
    content["end_time"] = "12.00"
    services.save_minutes(actor=sec, meeting=meeting, content=content, base_version=0)
    return meeting


def _load_fixtures() -> dict:
    """What the write traffic needs: held meetings with drafted minutes (autosaves)."""
    return {"meetings": [_load_meeting(k).pk for k in range(LOAD_MEETINGS)]}


def load_plan() -> dict:
    """Everything the load generator needs, as JSON: pages per role, the autosave forms, the ballot."""
    from django.urls import reverse

    from fundproposals.models import Ballot
    from meetings import selectors

    minutes = []
    for k in range(LOAD_MEETINGS):
        meeting = _load_meeting(k)
        record = selectors.minutes_of(meeting)
        fields = {
            "start_time": "09.30",
            "opening": record.content.get("opening", ""),
            "end_time": "12.00",
            "recorder_name": record.content.get("recorder_name", ""),
            "recorder_position": record.content.get("recorder_position", ""),
            "checker_name": record.content.get("checker_name", ""),
            "checker_position": record.content.get("checker_position", ""),
        }
        for it in selectors.agenda_items_flat(meeting):
            fields[f"i{it.pk}_discussion"] = "ที่ประชุมพิจารณารายละเอียดโครงการและงบประมาณ"
            fields[f"i{it.pk}_resolution"] = "ที่ประชุมมีมติเห็นชอบ"
        minutes.append({"url": reverse("meetings:minutes-edit", args=[meeting.pk]), "fields": fields})
    ballot = Ballot.objects.filter(state="open", proposal__province__code="11").order_by("pk").first()
    return {
        "pages": page_urls(),
        "minutes": minutes,
        "vote_url": reverse("fundproposals:vote", args=[ballot.pk]),
        "report_url": reverse("reports:request", args=["annual_province"]),
        "report_data": {"province": "11", "fiscal_year": "2567"},
    }


def page_urls() -> dict[str, dict[str, str]]:
    """Every main page each demo role reads, by name (the same names in every report)."""
    from django.urls import reverse

    from actionplans.models import ActionPlan
    from fundproposals.models import Ballot, Proposal
    from meetings.models import Meeting

    load_meeting = _load_meeting(0)
    sp_plan = ActionPlan.objects.filter(subcommittee__province__code="11", fiscal_year=2567).first()
    sp_meeting = Meeting.objects.filter(subcommittee__province__code="11", number_year=2567).order_by("pk").first()
    ballot = Ballot.objects.filter(state="open", proposal__province__code="11").order_by("pk").first()
    sp_proposal = ballot.proposal
    bench_proposal = Proposal.objects.filter(province__code="11", fiscal_year=2567).order_by("pk").first()
    common = {
        "home": reverse("home"),
        "provinces": reverse("committees:provinces"),
        "province": reverse("committees:province", args=["11"]),
        "plans": reverse("actionplans:list"),
        "meetings": reverse("meetings:list"),
        "proposals": reverse("fundproposals:list"),
        "reports": reverse("reports:list"),
    }
    return {
        "national": {
            **common,
            "status": reverse("actionplans:status"),
            "risk_groups": reverse("committees:risk-groups", args=[2567]),
            "audit": reverse("committees:audit"),
            "situation": reverse("actionplans:report-list"),
        },
        "sp-secretariat": {
            **common,
            "plan": reverse("actionplans:plan", args=[sp_plan.pk]),
            "meeting": reverse("meetings:detail", args=[sp_meeting.pk]),
            "meeting_held": reverse("meetings:detail", args=[load_meeting.pk]),
            "minutes_editor": reverse("meetings:minutes-edit", args=[load_meeting.pk]),
            "proposal": reverse("fundproposals:detail", args=[sp_proposal.pk]),
            "proposal_bench": reverse("fundproposals:detail", args=[bench_proposal.pk]),
            "audit": reverse("committees:audit"),
        },
        "sp-chair": {**common, "proposal": reverse("fundproposals:detail", args=[sp_proposal.pk])},
        "sp-member": {
            **common,
            "proposal": reverse("fundproposals:detail", args=[sp_proposal.pk]),
            "meeting": reverse("meetings:detail", args=[sp_meeting.pk]),
        },
        "proposer": {"home": reverse("home"), "proposals": reverse("fundproposals:list")},
    }


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    ensure(args.db, fresh=args.fresh)
