import datetime as dt

from committees.choices import MemberRole, Role
from committees.models import Member
from core.models import AuditEvent


def _member_form(**over):
    data = {
        "full_name": "นายทดสอบ ระบบงาน",
        "position": "ประมงจังหวัด",
        "agency": "สำนักงานประมงจังหวัด",
        "role": MemberRole.MEMBER,
        "chair_capacity": "",
        "term_start": "01/10/2566",
        "term_end": "",
        "order": "30",
        "email": "",
    }
    return {**data, **over}


def test_secretariat_adds_a_member_with_a_be_term(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])
    resp = c.post(f"/provinces/{world.own.code}/members/add/", _member_form())
    assert resp.status_code == 302
    m = Member.objects.get(full_name="นายทดสอบ ระบบงาน")
    assert m.term_start == dt.date(2023, 10, 1)
    assert AuditEvent.objects.filter(action="member.add", province=world.own).exists()


def test_a_chair_needs_a_capacity(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])
    resp = c.post(f"/provinces/{world.own.code}/members/add/", _member_form(role=MemberRole.CHAIR))
    assert resp.status_code == 200
    assert "ฐานะใด" in resp.content.decode()
    assert not Member.objects.filter(full_name="นายทดสอบ ระบบงาน").exists()


def test_a_term_that_ends_before_it_starts_is_refused(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])
    resp = c.post(
        f"/provinces/{world.own.code}/members/add/", _member_form(term_start="01/10/2566", term_end="30/09/2565")
    )
    assert "วันสิ้นสุดวาระต้องไม่ก่อนวันเริ่มวาระ" in resp.content.decode()


def test_a_ce_year_in_a_term_gets_a_thai_message(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])
    resp = c.post(f"/provinces/{world.own.code}/members/add/", _member_form(term_start="01/10/2023"))
    assert "คริสต์ศักราช" in resp.content.decode()


def test_ending_a_term_keeps_the_member_and_audits_the_change(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])
    seat = world.seats["own"]["others"][0]
    data = _member_form(
        full_name=seat.full_name, position=seat.position, term_start="01/10/2563", term_end="30/09/2566"
    )
    assert c.post(f"/members/{seat.pk}/edit/", data).status_code == 302
    seat.refresh_from_db()
    assert seat.term_end == dt.date(2023, 9, 30)
    event = AuditEvent.objects.get(action="member.update")
    assert event.changes["term_end"] == [None, "2023-09-30"]
    # no longer listed as a current member: listed with the former members and their terms, still stored
    current, _, former = (
        c.get(f"/provinces/{world.own.code}/").content.decode().partition('data-testid="former-members"')
    )
    assert seat.full_name not in current
    assert seat.full_name in former and "1 ต.ค. 2563 – 30 ก.ย. 2566" in former
    assert Member.objects.filter(pk=seat.pk).exists()


def test_secretariat_corrects_an_ended_term_and_the_change_is_audited(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])
    seat = world.seats["own"]["others"][1]
    seat.term_end = dt.date(2023, 9, 30)
    seat.save()
    data = _member_form(
        full_name=seat.full_name, position=seat.position, term_start="01/10/2563", term_end="31/12/2566"
    )
    assert c.post(f"/members/{seat.pk}/edit/", data).status_code == 302
    seat.refresh_from_db()
    assert seat.term_end == dt.date(2023, 12, 31)
    event = AuditEvent.objects.get(action="member.update", target_id=str(seat.pk))
    assert event.changes["term_end"] == ["2023-09-30", "2023-12-31"]
    # another province's secretariat cannot
    other = client_for(world.other_users[Role.SECRETARIAT])
    assert other.post(f"/members/{seat.pk}/edit/", data).status_code == 404


def test_secretariat_sees_the_audit_of_its_province_only(world, client_for):
    own = client_for(world.users[Role.SECRETARIAT])
    other = client_for(world.other_users[Role.SECRETARIAT])
    own.post(f"/provinces/{world.own.code}/members/add/", _member_form())
    assert "นายทดสอบ ระบบงาน" in own.get("/audit/").content.decode()
    assert "นายทดสอบ ระบบงาน" not in other.get("/audit/").content.decode()


def test_the_audit_trail_reads_in_thai_with_be_dates(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])
    seat = world.seats["own"]["others"][0]
    data = _member_form(
        full_name=seat.full_name, position=seat.position, term_start="01/10/2563", term_end="30/09/2566"
    )
    c.post(f"/members/{seat.pk}/edit/", {**data, "role": MemberRole.VICE_CHAIR})
    text = c.get("/audit/").content.decode()
    assert "สิ้นสุดวาระ</strong>: – → 30 กันยายน 2566" in text
    assert "บทบาทในคณะ</strong>: อนุกรรมการ → รองประธานอนุกรรมการ" in text
    assert "<strong>term_end" not in text


def test_the_home_page_names_roles_in_thai(world, client_for):
    text = client_for(world.users[Role.CHAIR]).get("/").content.decode()
    assert "ประธานอนุกรรมการ" in text and ", chair" not in text
