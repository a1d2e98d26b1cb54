"""The e-meeting page, the evidence list and the ledger check cost the same queries at 5 and 50 rows."""

from django.utils import timezone

from committees.choices import Role
from emeetings.choices import Event, Location, Method, Mode
from emeetings.models import CheckIn, EvidenceBundle, FaultReport, Recording, Setup, TrafficEvent
from ledger import services as ledger_services
from tests.factories import MemberFactory, UserFactory
from tests.harness import assert_constant_queries
from tests.meetings.helpers import held


def test_room_page_cost_does_not_grow_with_participants_and_logs(world, client_for):
    meeting = held(world)
    Setup.objects.create(meeting=meeting, mode=Mode.HYBRID, join_instructions="Zoom")
    chair = world.users[Role.CHAIR]

    def grow(n):
        while CheckIn.objects.filter(meeting=meeting).count() < n:
            member = MemberFactory(subcommittee=world.own_sc, user=UserFactory())
            now = timezone.now()
            CheckIn.objects.create(
                meeting=meeting,
                member=member,
                method=Method.VOUCHED,
                vouched_by=chair,
                verified_at=now,
                location=Location.REMOTE,
            )
            TrafficEvent.objects.create(
                meeting=meeting, member=member, event=Event.JOIN, location=Location.REMOTE, at=now, ip="192.0.2.1"
            )
            FaultReport.objects.create(meeting=meeting, reported_by=member.user, at=now, text="เสียงขาด")
            Recording.objects.create(
                meeting=meeting, kind="location", location="คลาวด์", sha256="c" * 64, uploaded_by=chair
            )

    for role in (Role.SECRETARIAT, Role.MEMBER):
        assert_constant_queries(client_for(world.users[role]), f"/emeetings/{meeting.pk}/", grow)


def test_evidence_list_cost_does_not_grow_with_bundles(world, client_for):
    meeting = held(world)

    def grow(n):
        while EvidenceBundle.objects.filter(meeting=meeting).count() < n:
            EvidenceBundle.objects.create(meeting=meeting, requested_by=world.users[Role.CHAIR])

    assert_constant_queries(client_for(world.users[Role.CHAIR]), f"/emeetings/{meeting.pk}/evidence/", grow)


def test_ledger_check_cost_does_not_grow_with_entries(world, client_for):
    from django.db import transaction

    from committees.models import RiskGroupAssignment

    def grow(n):
        from ledger.models import Entry

        year = 2500
        while Entry.objects.count() < n:
            with transaction.atomic():
                row = RiskGroupAssignment.objects.create(
                    province=world.own, fiscal_year=year + Entry.objects.count(), group="B"
                )
                ledger_services.append(kind="risk_group", record=row)

    assert_constant_queries(client_for(world.users[Role.MEMBER]), "/ledger/verify/?all=1", grow)
