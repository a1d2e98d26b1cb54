"""Electronic meetings through HTTP: mode and invitation, check-in and traffic log, quorum, vouching, faults, IPs."""

import pytest
from django.core import mail
from django.db import DatabaseError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from committees.choices import Role
from emeetings import services
from emeetings.choices import Location, Method, Mode
from emeetings.models import CheckIn, FaultReport, TrafficEvent
from meetings import selectors as meeting_selectors
from meetings import services as meeting_services
from meetings.choices import AdoptionMethod, AttendanceStatus
from meetings.tasks import send_invitations
from tests.meetings.helpers import held, schedule

pytestmark = pytest.mark.django_db

UA = "Mozilla/5.0 (Linux; Android 14) ทดสอบ"


def _hybrid(world, meeting):
    services.set_mode(
        actor=world.users[Role.SECRETARIAT],
        meeting=meeting,
        mode=Mode.HYBRID,
        join_instructions="Zoom ห้อง 123 456 7890 รหัสผ่าน 2563",
    )


def _post(client, meeting, ip="203.0.113.7", **data):
    return client.post(f"/emeetings/{meeting.pk}/", data, REMOTE_ADDR=ip, HTTP_USER_AGENT=UA)


def _absent_everyone(world, meeting):
    seats = world.seats["own"]
    rows = [
        {"member": m, "status": AttendanceStatus.ABSENT} for m in [seats["chair"], seats["member"], *seats["others"]]
    ]
    meeting_services.record_attendance(actor=world.users[Role.SECRETARIAT], meeting=meeting, rows=rows)


def test_the_secretariat_sets_hybrid_and_the_invitation_says_how_to_join(world, client_for):
    meeting = schedule(world, days=5, online_link="https://meet.example.go.th/abc")
    sec = client_for(world.users[Role.SECRETARIAT])
    resp = sec.post(
        f"/emeetings/{meeting.pk}/",
        {"action": "mode", "mode": Mode.HYBRID, "join_instructions": "ห้องประชุม Zoom 123 456 7890"},
    )
    assert resp.status_code == 302
    assert services.setup_of(meeting).mode == Mode.HYBRID
    send_invitations(meeting.pk)
    body = mail.outbox[0].body
    assert "ประชุม ณ ห้องประชุมและผ่านสื่ออิเล็กทรอนิกส์" in body and "พ.ศ. 2563" in body
    assert "ห้องประชุม Zoom 123 456 7890" in body and "ลงชื่อเข้าประชุม" in body
    # a member may not change it
    member = client_for(world.users[Role.MEMBER])
    resp = member.post(f"/emeetings/{meeting.pk}/", {"action": "mode", "mode": Mode.IN_ROOM})
    assert resp.status_code == 403 and "เฉพาะฝ่ายเลขานุการ" in resp.content.decode()
    assert services.setup_of(meeting).mode == Mode.HYBRID


def test_a_remote_member_checks_in_counts_for_quorum_and_leaves_with_each_step_logged(world, client_for):
    meeting = held(world)
    _hybrid(world, meeting)
    _absent_everyone(world, meeting)
    seat = world.seats["own"]["member"]
    before = meeting_selectors.meeting_quorum(meeting).present
    member = client_for(world.users[Role.MEMBER])
    assert _post(member, meeting, action="check_in", location=Location.REMOTE).status_code == 302
    checkin = CheckIn.objects.get(meeting=meeting, member=seat)
    assert checkin.method == Method.LOGIN and checkin.user == world.users[Role.MEMBER] and checkin.present
    join = TrafficEvent.objects.get(meeting=meeting, member=seat)
    assert (join.event, join.location, join.ip, join.user_agent) == ("join", "remote", "203.0.113.7", UA)
    assert abs((timezone.now() - join.at).total_seconds()) < 60
    assert seat.pk in meeting_selectors.present_member_ids(meeting)
    assert meeting_selectors.meeting_quorum(meeting).present == before + 1
    # a second check-in while in is refused, nothing added
    resp = _post(member, meeting, action="check_in", location=Location.REMOTE)
    assert resp.status_code == 400 and services.ALREADY_IN in resp.content.decode()
    assert TrafficEvent.objects.filter(meeting=meeting).count() == 1
    assert _post(member, meeting, ip="198.51.100.9", action="leave").status_code == 302
    assert list(TrafficEvent.objects.filter(meeting=meeting).values_list("event", "ip")) == [
        ("join", "203.0.113.7"),
        ("leave", "198.51.100.9"),
    ]
    assert seat.pk not in meeting_selectors.present_member_ids(meeting)
    # the minutes say it was electronic, with the counts
    doc = meeting_selectors.minutes_document(meeting)
    assert "พระราชกำหนดว่าด้วยการประชุมผ่านสื่ออิเล็กทรอนิกส์ พ.ศ. 2563" in doc.extra["electronic"]
    assert "ณ ห้องประชุม 0 คน และผ่านสื่ออิเล็กทรอนิกส์ 1 คน" in doc.extra["electronic"]


def test_remote_check_in_to_an_in_room_meeting_is_refused(world, client_for):
    meeting = held(world)
    resp = _post(client_for(world.users[Role.MEMBER]), meeting, action="check_in", location=Location.REMOTE)
    assert resp.status_code == 400 and "ประชุม ณ ห้องประชุมเท่านั้น" in resp.content.decode()
    assert not CheckIn.objects.exists() and not TrafficEvent.objects.exists()


def test_another_provinces_meeting_is_a_404_and_nothing_is_written(world, client_for):
    meeting = held(world, province="other")
    client = client_for(world.users[Role.MEMBER])
    assert _post(client, meeting, action="check_in", location=Location.ROOM).status_code == 404
    assert _post(client, meeting, action="fault", text="เสียงขาด").status_code == 404
    assert client.get(f"/emeetings/{meeting.pk}/").status_code == 404
    assert not CheckIn.objects.exists() and not TrafficEvent.objects.exists() and not FaultReport.objects.exists()


def test_check_in_after_the_meeting_closed_is_refused(world, client_for):
    meeting = held(world)
    meeting_services.save_minutes(
        actor=world.users[Role.SECRETARIAT], meeting=meeting, content={"start_time": "13.30"}, base_version=0
    )
    meeting.refresh_from_db()
    assert meeting.state == "minutes_drafted"
    resp = _post(client_for(world.users[Role.MEMBER]), meeting, action="check_in", location=Location.ROOM)
    assert resp.status_code == 403 and "การประชุมนี้ปิดแล้ว" in resp.content.decode()
    resp = _post(
        client_for(world.users[Role.CHAIR]),
        meeting,
        action="vouch",
        member=world.seats["own"]["others"][0].pk,
        location=Location.ROOM,
    )
    assert resp.status_code == 403 and "ปิดแล้ว" in resp.content.decode()
    assert not CheckIn.objects.exists() and not TrafficEvent.objects.exists()


def test_only_the_chair_or_the_secretariat_may_vouch_and_the_vouch_is_recorded(world, client_for):
    meeting = held(world)
    _hybrid(world, meeting)
    other = world.seats["own"]["others"][0]
    data = {"action": "vouch", "member": other.pk, "location": Location.REMOTE, "note": "เห็นหน้าทางวิดีโอ"}
    for role in (Role.MEMBER, Role.VIEWER):
        resp = _post(client_for(world.users[role]), meeting, **data)
        assert resp.status_code == 403
        assert "เฉพาะประธานหรือฝ่ายเลขานุการ" in resp.content.decode()
    assert not CheckIn.objects.exists() and not TrafficEvent.objects.exists()
    assert _post(client_for(world.users[Role.CHAIR]), meeting, **data).status_code == 302
    checkin = CheckIn.objects.get(member=other)
    assert checkin.method == Method.VOUCHED and checkin.vouched_by == world.users[Role.CHAIR]
    assert checkin.vouch_note == "เห็นหน้าทางวิดีโอ" and checkin.user is None
    assert TrafficEvent.objects.get(member=other).recorded_by == world.users[Role.CHAIR]
    assert other.pk in meeting_selectors.present_member_ids(meeting)
    page = client_for(world.users[Role.MEMBER]).get(f"/emeetings/{meeting.pk}/").content.decode()
    assert "ประธานหรือฝ่ายเลขานุการรับรองตัวตน" in page and "เห็นหน้าทางวิดีโอ" in page


def test_ip_addresses_are_shown_only_to_the_chair_the_secretariat_and_the_national_officer(world, client_for):
    meeting = held(world)
    _hybrid(world, meeting)
    _post(client_for(world.users[Role.MEMBER]), meeting, ip="203.0.113.77", action="check_in", location=Location.REMOTE)
    for role in (Role.CHAIR, Role.SECRETARIAT, Role.NATIONAL):
        assert "203.0.113.77" in client_for(world.users[role]).get(f"/emeetings/{meeting.pk}/").content.decode()
    for role in (Role.MEMBER, Role.VIEWER):
        html = client_for(world.users[role]).get(f"/emeetings/{meeting.pk}/").content.decode()
        assert "203.0.113.77" not in html and "หมายเลขไอพี" not in html
    csv = client_for(world.users[Role.SECRETARIAT]).get(f"/emeetings/{meeting.pk}/traffic.csv")
    text = b"".join(csv.streaming_content if csv.streaming else [csv.content]).decode("utf-8-sig")
    assert "203.0.113.77" in text and "เข้าร่วม" in text
    assert client_for(world.users[Role.MEMBER]).get(f"/emeetings/{meeting.pk}/traffic.csv").status_code == 404


def test_a_fault_report_is_logged_with_the_meeting(world, client_for):
    meeting = held(world)
    member = client_for(world.users[Role.MEMBER])
    assert _post(member, meeting, action="fault", text="ภาพค้าง ได้ยินเสียงไม่ชัด").status_code == 302
    fault = FaultReport.objects.get(meeting=meeting)
    assert fault.reported_by == world.users[Role.MEMBER] and fault.ip == "203.0.113.7"
    assert "ภาพค้าง" in member.get(f"/emeetings/{meeting.pk}/").content.decode()
    resp = _post(member, meeting, action="fault", text="  ")
    assert resp.status_code == 400 and "กรุณาระบุปัญหาที่พบ" in resp.content.decode()
    assert FaultReport.objects.count() == 1


def test_the_log_is_kept_the_database_refuses_changes(world, client_for):
    meeting = held(world)
    _post(client_for(world.users[Role.MEMBER]), meeting, action="check_in", location=Location.ROOM)
    _post(client_for(world.users[Role.MEMBER]), meeting, action="fault", text="ไมค์ไม่ทำงาน")
    with pytest.raises(DatabaseError), transaction.atomic():
        TrafficEvent.objects.update(ip="10.0.0.1")
    with pytest.raises(DatabaseError), transaction.atomic():
        FaultReport.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        CheckIn.objects.all().delete()


def test_adopted_minutes_print_the_electronic_statement_and_the_ledger_hash(world, client_for):
    meeting = held(world)
    _hybrid(world, meeting)
    _post(client_for(world.users[Role.MEMBER]), meeting, action="check_in", location=Location.REMOTE)
    services.register_recording(
        actor=world.users[Role.SECRETARIAT], meeting=meeting, location="ระบบคลาวด์ของจังหวัด", sha256="a" * 64
    )
    sec = world.users[Role.SECRETARIAT]
    meeting_services.save_minutes(actor=sec, meeting=meeting, content={"start_time": "13.30"}, base_version=0)
    meeting_services.fire_transition(actor=sec, meeting=meeting, name="circulate")
    meeting_services.adopt_minutes(
        actor=sec, meeting=meeting, method=AdoptionMethod.CIRCULATION, adopted_on=timezone.localdate()
    )
    from ledger.models import Entry

    entry = Entry.objects.get(kind="minutes")
    doc = meeting_selectors.minutes_document(meeting)
    html = render_to_string("pdf/minutes.html", {"doc": doc})
    assert f"ค่าแฮช {entry.hash}" in html and f"รายการที่ {entry.seq}" in html
    assert "ผ่านสื่ออิเล็กทรอนิกส์ 1 คน" in html and "a" * 64 in html
    minutes_page = client_for(world.users[Role.MEMBER]).get(f"/meetings/{meeting.pk}/minutes/").content.decode()
    assert entry.hash in minutes_page and "ผ่านสื่ออิเล็กทรอนิกส์ 1 คน" in minutes_page
    # and the hash finds the entry on the verification page
    page = client_for(world.users[Role.MEMBER]).get(f"/ledger/verify/?entry={entry.hash}").content.decode()
    assert "ถูกต้อง" in page and "ไม่ถูกต้อง" not in page


def test_online_a_login_alone_is_refused_when_the_second_factor_is_required(world, settings):
    """The decree's standard: identity online is a login plus a second factor (or a vouch)."""
    from django.test import Client
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from meetings.models import Attendance

    settings.EMEETING_REMOTE_SECOND_FACTOR = True
    meeting = held(world)
    _hybrid(world, meeting)
    _absent_everyone(world, meeting)
    user, seat = world.users[Role.MEMBER], world.seats["own"]["member"]
    password_only = Client()
    assert password_only.post("/accounts/login/", {"username": user.username, "password": "pw"}).status_code == 302
    page = password_only.get(f"/emeetings/{meeting.pk}/").content.decode()
    assert 'data-testid="needs-second-factor"' in page and 'value="remote"' not in page
    resp = _post(password_only, meeting, action="check_in", location=Location.REMOTE)
    assert resp.status_code == 400 and services.NEEDS_SECOND_FACTOR in resp.content.decode()
    assert not CheckIn.objects.exists() and not TrafficEvent.objects.exists()
    assert Attendance.objects.get(meeting=meeting, member=seat).status == AttendanceStatus.ABSENT
    # signed in with the authenticator's code: accepted online, and recorded as login + second factor
    device = TOTPDevice.objects.create(user=user, name="แอป", confirmed=True)
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    verified = Client()
    verified.post("/accounts/login/", {"username": user.username, "password": "pw"})
    assert verified.post("/accounts/two-factor/verify/", {"token": code}).status_code == 302
    assert _post(verified, meeting, action="check_in", location=Location.REMOTE).status_code == 302
    assert CheckIn.objects.get(meeting=meeting, member=seat).method == Method.LOGIN_2FA
    assert Attendance.objects.get(meeting=meeting, member=seat).status == AttendanceStatus.PRESENT
