"""Accounts without the Django admin: invitations, printed codes, roles, proposers, passwords."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import OneTimeToken, User
from committees.choices import GrantRole, Role
from committees.models import ProposerRequest, RoleGrant
from core.models import AuditEvent
from tests.factories import MemberFactory

pytestmark = pytest.mark.usefixtures("transactional_db")

PASSWORD = "Kh0ngYaak-Dao-2567"


def _login(client, username, password) -> bool:
    """Sign in through the login page (axes needs the request)."""
    resp = client.post("/accounts/login/", {"username": username, "password": password})
    return resp.status_code == 302 and client.get("/").status_code == 200


def _link(message) -> str:
    return re.search(r"http://\S+", message.body).group(0).replace("http://127.0.0.1:8000", "")


@pytest.fixture
def new_seat(world):
    return MemberFactory(subcommittee=world.own_sc, user=None, email="labour@example.go.th", order=50)


def test_secretariat_invites_a_member_by_email_who_sets_a_password_and_signs_in(world, client_for, new_seat):
    secretariat = client_for(world.users[Role.SECRETARIAT])
    resp = secretariat.post(f"/members/{new_seat.pk}/account/", {"channel": "email"})
    assert resp.status_code == 302
    new_seat.refresh_from_db()
    user = new_seat.user
    assert user is not None and not user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["labour@example.go.th"]
    link = _link(mail.outbox[0])
    anon = Client()
    page = anon.get(link)
    assert page.status_code == 200 and user.username in page.content.decode()
    done = anon.post(link, {"password1": PASSWORD, "password2": PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/accounts/login/"
    assert _login(anon, user.username, PASSWORD)
    # the seat gives the member role in its province
    assert Role.MEMBER in User.objects.get(pk=user.pk).access.roles_in(world.own.pk)
    # single use: the link now says nothing about the account
    again = Client().get(link)
    assert again.status_code == 404 and user.username not in again.content.decode()
    assert "ใช้ไม่ได้" in again.content.decode()
    assert AuditEvent.objects.filter(action="member.invite", target_id=str(new_seat.pk)).exists()


def test_resend_replaces_the_earlier_link_and_links_expire(world, client_for, new_seat):
    secretariat = client_for(world.users[Role.SECRETARIAT])
    secretariat.post(f"/members/{new_seat.pk}/account/", {"channel": "email"})
    secretariat.post(f"/members/{new_seat.pk}/account/", {"channel": "email"})
    first, second = _link(mail.outbox[0]), _link(mail.outbox[1])
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    OneTimeToken.objects.filter(used_at__isnull=True, revoked_at__isnull=True).update(
        created_at=timezone.now() - dt.timedelta(days=8), expires_at=timezone.now() - dt.timedelta(days=1)
    )
    resp = Client().post(second, {"password1": PASSWORD, "password2": PASSWORD})
    assert resp.status_code == 404
    new_seat.refresh_from_db()
    assert not new_seat.user.has_usable_password()


def test_printed_code_for_a_member_without_email(world, client_for):
    seat = MemberFactory(subcommittee=world.own_sc, user=None, email="", order=51)
    secretariat = client_for(world.users[Role.SECRETARIAT])
    resp = secretariat.post(f"/members/{seat.pk}/account/", {"channel": "code"})
    assert resp.status_code == 200
    code = re.search(r'data-testid="code">([A-Z0-9-]+)<', resp.content.decode()).group(1)
    assert len(mail.outbox) == 0
    stored = OneTimeToken.objects.get(user__memberships=seat)
    assert code.replace("-", "")[4:] not in stored.verifier_hash  # only a hash is kept
    anon = Client()
    wrong = anon.post("/accounts/code/", {"code": "AAAA-BBBB-CCCC", "password1": PASSWORD, "password2": PASSWORD})
    assert wrong.status_code == 200 and "ใช้ไม่ได้" in wrong.content.decode()
    ok = anon.post("/accounts/code/", {"code": code.lower(), "password1": PASSWORD, "password2": PASSWORD})
    assert ok.status_code == 302
    seat.refresh_from_db()
    assert seat.user.check_password(PASSWORD)
    reuse = anon.post("/accounts/code/", {"code": code, "password1": PASSWORD, "password2": PASSWORD})
    assert "ใช้ไม่ได้" in reuse.content.decode()


def test_code_guesses_are_rate_limited(world):
    anon = Client()
    statuses = [
        anon.post("/accounts/code/", {"code": f"AAAA-BBBB-CC{i:02d}", "password1": "x", "password2": "x"}).status_code
        for i in range(12)
    ]
    assert statuses[:10] == [200] * 10 and statuses[10:] == [429, 429]


def test_another_province_secretariat_cannot_invite_and_ended_terms_get_no_account(world, client_for, new_seat):
    other = client_for(world.other_users[Role.SECRETARIAT])
    assert other.post(f"/members/{new_seat.pk}/account/", {"channel": "email"}).status_code == 404
    new_seat.term_end = dt.date(2021, 1, 1)
    new_seat.save()
    resp = client_for(world.users[Role.SECRETARIAT]).post(f"/members/{new_seat.pk}/account/", {"channel": "email"})
    assert "สิ้นสุดแล้ว" in resp.content.decode()
    new_seat.refresh_from_db()
    assert new_seat.user is None and not mail.outbox


def test_term_end_ends_the_seat_rights_history_stays(world):
    seat = world.seats["own"]["member"]
    user = seat.user
    assert Role.MEMBER in user.access.roles_in(world.own.pk)
    seat.term_end = timezone.localdate() - dt.timedelta(days=1)
    seat.save()
    fresh = User.objects.get(pk=user.pk)
    assert fresh.access.roles_in(world.own.pk) == frozenset()
    assert fresh.memberships.filter(pk=seat.pk).exists()


def test_national_grants_and_revokes_roles(world, client_for):
    national = client_for(world.users[Role.NATIONAL])
    resp = national.post(
        "/people/roles/",
        {
            "email": "new.staff@example.go.th",
            "full_name": "นางสาวใหม่ ใจดี",
            "role": "secretariat",
            "province": world.own.pk,
        },
    )
    assert resp.status_code == 302
    user = User.objects.get(email="new.staff@example.go.th")
    grant = RoleGrant.objects.get(user=user, role=GrantRole.SECRETARIAT, province=world.own)
    assert len(mail.outbox) == 1  # a new person is invited to set a password
    page = national.get("/people/roles/")
    assert "นางสาวใหม่ ใจดี" in page.content.decode()
    assert national.post(f"/people/roles/{grant.pk}/revoke/", {"reason": "ย้ายหน่วยงาน"}).status_code == 302
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    event = AuditEvent.objects.get(action="role.revoke")
    assert event.reason == "ย้ายหน่วยงาน" and event.province == world.own
    # nobody else may
    assert (
        client_for(world.users[Role.SECRETARIAT])
        .post("/people/roles/", {"email": "x@example.go.th", "full_name": "x", "role": "national"})
        .status_code
        == 404
    )


def test_proposer_registers_verifies_requests_and_is_accepted(world, client_for):
    anon = Client()
    resp = anon.post(
        "/accounts/register/",
        {
            "username": "ngo-rak",
            "full_name": "นายรักษ์ ชุมชน",
            "organisation": "เครือข่าย อพม. ตำบลบางพลี",
            "phone": "0812345678",
            "email": "rak@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert resp.status_code == 200
    user = User.objects.get(username="ngo-rak")
    assert not user.is_active
    assert not _login(anon, "ngo-rak", PASSWORD)
    link = _link(mail.outbox[0])
    assert anon.get(link).status_code == 200
    assert anon.post(link).status_code == 302
    assert _login(anon, "ngo-rak", PASSWORD)
    home = anon.get("/")
    assert "/people/request/" in home.content.decode()
    assert (
        anon.post(
            "/people/request/", {"province": world.own.pk, "organisation": "เครือข่าย อพม.", "note": "ขอเสนอโครงการ"}
        ).status_code
        == 302
    )
    req = ProposerRequest.objects.get(user=user)
    other_sec = client_for(world.other_users[Role.SECRETARIAT])
    assert other_sec.get(f"/people/requests/{req.pk}/").status_code == 404
    sec = client_for(world.users[Role.SECRETARIAT])
    assert "นายรักษ์ ชุมชน" in sec.get(f"/provinces/{world.own.code}/proposers/").content.decode()
    assert sec.post(f"/people/requests/{req.pk}/", {"decision": "accept"}).status_code == 302
    assert Role.PROPOSER in User.objects.get(pk=user.pk).access.roles_in(world.own.pk)


def test_registration_with_a_known_email_reveals_nothing(world):
    known = world.users[Role.MEMBER]
    resp = Client().post(
        "/accounts/register/",
        {
            "username": "someone-new",
            "full_name": "x",
            "organisation": "y",
            "email": known.email,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert resp.status_code == 200 and 'data-testid="sent"' in resp.content.decode()
    assert not User.objects.filter(username="someone-new").exists()
    assert mail.outbox[0].to == [known.email] and "มีบัญชีผู้ใช้อยู่แล้ว" in mail.outbox[0].body


def test_refusal_needs_a_reason(world, client_for):
    applicant = world.users[Role.VIEWER]
    req = ProposerRequest.objects.create(user=applicant, province=world.own, organisation="x")
    sec = client_for(world.users[Role.SECRETARIAT])
    resp = sec.post(f"/people/requests/{req.pk}/", {"decision": "refuse", "reason": ""})
    assert resp.status_code == 200 and "เหตุผล" in resp.content.decode()
    req.refresh_from_db()
    assert req.state == "pending"


def test_password_reset_in_thai_and_change_ends_every_session(world, client_for):
    user = world.users[Role.MEMBER]
    anon = Client()
    assert anon.post("/accounts/password/reset/", {"email": user.email}).status_code == 302
    assert anon.post("/accounts/password/reset/", {"email": "nobody@example.org"}).status_code == 302
    assert len(mail.outbox) == 1 and "ตั้งรหัสผ่านใหม่" in mail.outbox[0].subject
    link = _link(mail.outbox[0])
    form_page = anon.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    assert anon.post(set_url, {"new_password1": PASSWORD, "new_password2": PASSWORD}).status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

    phone, laptop = Client(), Client()
    assert _login(phone, user.username, PASSWORD)
    assert _login(laptop, user.username, PASSWORD)
    new = PASSWORD + "-x"
    resp = laptop.post(
        "/accounts/password/change/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert resp.status_code == 302 and resp["Location"] == "/accounts/login/"
    assert laptop.get("/").status_code == 302
    assert phone.get("/").status_code == 302  # the other device is signed out too


def test_lockout_still_applies_after_an_invitation(world):
    anon = Client()
    user = world.users[Role.MEMBER]
    for _ in range(5):
        anon.post("/accounts/login/", {"username": user.username, "password": "wrong"})
    resp = anon.post("/accounts/login/", {"username": user.username, "password": "pw"})
    assert resp.status_code in (403, 429)
