"""The evidence bundle: built by the worker, every file listed with its SHA-256, scoped like the meeting."""

import csv
import hashlib
import io
import zipfile

import pytest
from django.utils import timezone

from committees.choices import Role
from emeetings import services
from emeetings.choices import BundleState, Location, Mode
from emeetings.models import EvidenceBundle
from fundproposals import services as fund_services
from tests.fundproposals.helpers import voting_proposal
from tests.meetings.helpers import held

pytestmark = pytest.mark.django_db


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_chair_gets_a_bundle_whose_manifest_matches_every_file(
    world, client_for, django_capture_on_commit_callbacks
):
    meeting = held(world, present=6)
    services.set_mode(
        actor=world.users[Role.SECRETARIAT], meeting=meeting, mode=Mode.HYBRID, join_instructions="Zoom 1"
    )
    member = client_for(world.users[Role.MEMBER])
    member.post(
        f"/emeetings/{meeting.pk}/",
        {"action": "check_in", "location": Location.REMOTE},
        REMOTE_ADDR="203.0.113.5",
        HTTP_USER_AGENT="ทดสอบ",
    )
    member.post(f"/emeetings/{meeting.pk}/", {"action": "fault", "text": "เสียงขาดหาย"})
    services.register_recording(
        actor=world.users[Role.SECRETARIAT], meeting=meeting, location="คลาวด์จังหวัด", sha256="b" * 64
    )
    _, ballot = voting_proposal(world, meeting=meeting)
    fund_services.cast_vote(actor=world.users[Role.MEMBER], ballot_id=ballot.pk, choice="approve")
    chair = client_for(world.users[Role.CHAIR])
    with django_capture_on_commit_callbacks(execute=True):
        assert chair.post(f"/emeetings/{meeting.pk}/evidence/").status_code == 302
    bundle = EvidenceBundle.objects.get(meeting=meeting)
    assert bundle.state == BundleState.READY and bundle.requested_by == world.users[Role.CHAIR]
    resp = chair.get(f"/emeetings/evidence/{bundle.pk}/")
    data = b"".join(resp.streaming_content)
    assert hashlib.sha256(data).hexdigest() == bundle.sha256
    zf = zipfile.ZipFile(io.BytesIO(data))
    names = set(zf.namelist())
    assert {"minutes.pdf", "attendance.csv", "traffic-log.csv", "check-ins-and-vouching.csv", "votes.csv"} <= names
    assert {"fault-reports.csv", "recordings.csv", "ledger-entries.csv", "manifest.csv"} <= names
    manifest = _rows(zf.read("manifest.csv"))[1:]
    assert {row[0] for row in manifest} == names - {"manifest.csv"}
    for name, size, digest in manifest:
        content = zf.read(name)
        assert (len(content), hashlib.sha256(content).hexdigest()) == (int(size), digest)
    assert zf.read("minutes.pdf").startswith(b"%PDF")
    traffic = zf.read("traffic-log.csv").decode("utf-8-sig")
    assert "203.0.113.5" in traffic and "ผ่านสื่ออิเล็กทรอนิกส์" in traffic
    assert "เสียงขาดหาย" in zf.read("fault-reports.csv").decode("utf-8-sig")
    assert "b" * 64 in zf.read("recordings.csv").decode("utf-8-sig")
    votes = zf.read("votes.csv").decode("utf-8-sig")
    assert world.seats["own"]["member"].full_name in votes
    assert "การลงคะแนน" in zf.read("ledger-entries.csv").decode("utf-8-sig")
    assert bundle.finished_at <= timezone.now()


def test_members_and_other_provinces_cannot_ask_for_or_download_a_bundle(world, client_for):
    meeting = held(world)
    from emeetings import evidence

    bundle = evidence.build(services.request_evidence(actor=world.users[Role.SECRETARIAT], meeting=meeting).pk)
    for user in (world.users[Role.MEMBER], world.users[Role.VIEWER], world.other_users[Role.SECRETARIAT]):
        c = client_for(user)
        assert c.post(f"/emeetings/{meeting.pk}/evidence/").status_code == 404
        assert c.get(f"/emeetings/evidence/{bundle.pk}/").status_code == 404
    assert EvidenceBundle.objects.count() == 1
    national = client_for(world.users[Role.NATIONAL])
    assert national.get(f"/emeetings/evidence/{bundle.pk}/").status_code == 200
