"""The evidence bundle built end to end by a real Celery worker (prefork) on the real Redis broker.

The chair asks for it on the page; the worker process builds the zip from the
test database; the manifest's SHA-256 of every file matches the file; only the
chair, the secretariat and the national officer may download it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from committees.choices import Role
from emeetings import services
from emeetings.choices import BundleState, Location, Mode
from emeetings.models import EvidenceBundle, Recording
from tests.fundproposals.helpers import voting_proposal
from tests.meetings.helpers import held
from tests.reports.test_worker import live_celery  # noqa: F401 - the shared worker fixture

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

RECORDING = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 64


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _wait_ready(bundle_pk: int, timeout: float = 90) -> EvidenceBundle:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        bundle = EvidenceBundle.objects.get(pk=bundle_pk)
        if bundle.state != BundleState.QUEUED:
            return bundle
        time.sleep(0.2)
    raise AssertionError("the worker did not build the bundle in time")


def _meeting_with_evidence(world, client_for):
    """A hybrid meeting: an online check-in, a vouched member, a fault, an uploaded recording, a secret vote."""
    meeting = held(world, present=3)
    sec = world.users[Role.SECRETARIAT]
    services.set_mode(actor=sec, meeting=meeting, mode=Mode.HYBRID, join_instructions="Zoom 123 456 7890")
    member = client_for(world.users[Role.MEMBER])
    room = f"/emeetings/{meeting.pk}/"
    meta = {"REMOTE_ADDR": "203.0.113.21", "HTTP_USER_AGENT": "เบราว์เซอร์ทดสอบ"}
    assert member.post(room, {"action": "check_in", "location": Location.REMOTE}, **meta).status_code == 302
    vouched = world.seats["own"]["others"][2]
    chair = client_for(world.users[Role.CHAIR])
    data = {"action": "vouch", "member": vouched.pk, "location": Location.REMOTE, "note": "เห็นหน้าทางวิดีโอ"}
    assert chair.post(room, data).status_code == 302
    assert member.post(room, {"action": "fault", "text": "เสียงขาดหายช่วงวาระที่ 4"}, **meta).status_code == 302
    upload = SimpleUploadedFile("บันทึกการประชุม.mp4", RECORDING, content_type="video/mp4")
    resp = client_for(sec).post(f"{room}recordings/upload/", {"file": upload, "complete": "1"})
    assert resp.status_code == 302
    # a secret ballot: two members vote
    _, ballot = voting_proposal(world, meeting=meeting)
    assert chair.post(room, {"action": "secret", "ballot": ballot.pk}).status_code == 302
    assert member.post(f"/proposals/ballots/{ballot.pk}/", {"choice": "reject"}).status_code == 302
    assert chair.post(f"/proposals/ballots/{ballot.pk}/", {"choice": "approve"}).status_code == 302
    return meeting, vouched, ballot


def test_a_real_worker_builds_the_bundle_whose_manifest_matches_every_file(world, client_for, live_celery):  # noqa: F811
    meeting, vouched, ballot = _meeting_with_evidence(world, client_for)
    chair = client_for(world.users[Role.CHAIR])
    started = time.monotonic()
    assert chair.post(f"/emeetings/{meeting.pk}/evidence/").status_code == 302
    bundle = _wait_ready(EvidenceBundle.objects.get(meeting=meeting).pk)
    built_in = time.monotonic() - started
    assert bundle.state == BundleState.READY, bundle.failure_reason
    assert live_celery.poll() is None  # the worker process built it and is still running
    page = chair.get(f"/emeetings/{meeting.pk}/evidence/").content.decode()
    assert f"/emeetings/evidence/{bundle.pk}/" in page

    resp = chair.get(f"/emeetings/evidence/{bundle.pk}/")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/zip"
    data = b"".join(resp.streaming_content)
    assert hashlib.sha256(data).hexdigest() == bundle.sha256 and len(data) == bundle.size
    zf = zipfile.ZipFile(io.BytesIO(data))
    names = set(zf.namelist())
    assert names == {
        "minutes.pdf",
        "attendance.csv",
        "traffic-log.csv",
        "check-ins-and-vouching.csv",
        "votes.csv",
        "fault-reports.csv",
        "recordings.csv",
        "ledger-entries.csv",
        "manifest.csv",
    }
    # the manifest lists every other file with a size and SHA-256 that match it, and agrees with the row
    manifest = _rows(zf.read("manifest.csv"))
    assert manifest[0] == ["ไฟล์", "ขนาด (ไบต์)", "SHA-256"]
    assert {row[0] for row in manifest[1:]} == names - {"manifest.csv"}
    for name, size, digest in manifest[1:]:
        content = zf.read(name)
        assert (len(content), hashlib.sha256(content).hexdigest()) == (int(size), digest), name
    assert [[m["file"], str(m["size"]), m["sha256"]] for m in bundle.manifest] == manifest[1:]

    assert zf.read("minutes.pdf").startswith(b"%PDF")
    attendance = zf.read("attendance.csv").decode("utf-8-sig")
    assert f"{vouched.full_name},{vouched.position},มาประชุม,,,ผ่านสื่ออิเล็กทรอนิกส์" in attendance
    seat = world.seats["own"]["chair"]
    assert f"{seat.full_name},{seat.position},มาประชุม,,,ในห้องประชุม" in attendance
    traffic = _rows(zf.read("traffic-log.csv"))
    assert [(r[2], r[3], r[4], r[5]) for r in traffic[1:3]] == [
        (world.seats["own"]["member"].full_name, "เข้าร่วม", "ผ่านสื่ออิเล็กทรอนิกส์", "203.0.113.21"),
        (vouched.full_name, "เข้าร่วม", "ผ่านสื่ออิเล็กทรอนิกส์", "127.0.0.1"),
    ]
    assert "+07:00" in traffic[1][1]  # server time against Thailand's standard time
    checkins = zf.read("check-ins-and-vouching.csv").decode("utf-8-sig")
    assert "ประธานหรือฝ่ายเลขานุการรับรองตัวตน" in checkins and "เห็นหน้าทางวิดีโอ" in checkins
    assert "ยืนยันตัวตนด้วยการเข้าสู่ระบบ" in checkins
    votes = _rows(zf.read("votes.csv"))
    secret_rows = [r for r in votes[1:] if r[0] == str(ballot.pk)]
    assert len(secret_rows) == 1 and secret_rows[0][4] == "ผลรวม"  # a secret ballot: its tally only
    voters = {world.seats["own"]["member"].full_name, world.seats["own"]["chair"].full_name}
    assert not any(name in ",".join(r) for r in votes for name in voters)
    assert "เสียงขาดหายช่วงวาระที่ 4" in zf.read("fault-reports.csv").decode("utf-8-sig")
    rec = Recording.objects.get(meeting=meeting)
    assert rec.sha256 == hashlib.sha256(RECORDING).hexdigest()
    assert rec.sha256 in zf.read("recordings.csv").decode("utf-8-sig")
    print(f"evidence bundle built by the worker in {built_in:.1f} s, {bundle.size:,} bytes")

    # the secretariat and the national officer may download it too; nobody else, and another province gets a 404
    for role in (Role.SECRETARIAT, Role.NATIONAL):
        again = client_for(world.users[role]).get(f"/emeetings/evidence/{bundle.pk}/")
        assert again.status_code == 200
        assert hashlib.sha256(b"".join(again.streaming_content)).hexdigest() == bundle.sha256
    for user in (world.users[Role.MEMBER], world.users[Role.VIEWER], world.other_users[Role.SECRETARIAT]):
        assert client_for(user).get(f"/emeetings/evidence/{bundle.pk}/").status_code == 404
        assert client_for(user).post(f"/emeetings/{meeting.pk}/evidence/").status_code == 404
    assert EvidenceBundle.objects.filter(meeting=meeting).count() == 1
