"""People, in Chromium: the secretariat invites a member; the member sets a password, turns on
two-factor sign-in, sees the open vote in the inbox, votes, and finds the in-app notification."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from committees.choices import ChairCapacity, GrantRole, MemberRole
from fundproposals import services as proposal_services
from fundproposals.choices import ProposalState
from tests.factories import MemberFactory, RoleGrantFactory, SubcommitteeFactory, UserFactory, province

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Samut-Prakan-2567!"


def _world():
    sp = province("11")
    sc = SubcommitteeFactory(province=sp)
    MemberFactory(
        subcommittee=sc,
        user=UserFactory(username="sp-chair"),
        role=MemberRole.CHAIR,
        chair_capacity=ChairCapacity.GOVERNOR,
        order=1,
    )
    seat = MemberFactory(
        subcommittee=sc, user=None, full_name="นางสาวกนกวรรณ ศรีสุข", email="kanok@example.go.th", order=2
    )
    for i in range(2):
        MemberFactory(subcommittee=sc, order=3 + i)
    secretariat = UserFactory(username="sp-secretariat")
    RoleGrantFactory(user=secretariat, role=GrantRole.SECRETARIAT, province=sp)
    RoleGrantFactory(user=UserFactory(username="proposer"), role=GrantRole.PROPOSER, province=sp)
    return sp, seat, secretariat


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_invited_member_sets_a_password_turns_on_2fa_votes_and_reads_the_notification(page, live_server, login):
    from tests.fundproposals.helpers import complete_proposal

    sp, seat, secretariat = _world()
    url = live_server.url

    # the secretariat gives the member a login from the member list
    login(page, "sp-secretariat")
    page.goto(f"{url}/provinces/{sp.code}/")
    page.locator("tr", has_text=seat.full_name).get_by_role("link", name="บัญชีผู้ใช้").click()
    page.get_by_role("button", name=re.compile("ส่งอีเมลเชิญ")).click()
    expect(page.locator(".alert-success")).to_contain_text("kanok@example.go.th")
    page.get_by_role("button", name="ออกจากระบบ").click()
    link = re.search(r"http://\S+", mail.outbox[-1].body).group(0).replace("http://127.0.0.1:8000", url)

    # the member sets a password from the e-mail and signs in
    page.goto(link)
    username = page.get_by_test_id("username").inner_text()
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.get_by_role("button", name="ตั้งรหัสผ่าน").click()
    page.wait_for_url(f"{url}/accounts/login/")
    login(page, username, PASSWORD)

    # turns on two-factor sign-in with an authenticator app
    page.goto(f"{url}/accounts/two-factor/")
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    page.fill("#token", _code(device))
    page.get_by_role("button", name="เปิดใช้").click()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)

    # a circulated vote opens (the secretariat, between meetings)
    class _W:  # what the helper reads of a world
        own = sp

    owner = UserFactory(username="proposer")
    proposal = complete_proposal(_W, owner=owner, province=sp, state=ProposalState.UNDER_REVIEW)
    proposal_services.circulate(actor=secretariat, proposal=proposal, deadline=timezone.now() + dt.timedelta(days=2))

    # the inbox shows it with its deadline; the member votes from there
    page.goto(f"{url}/")
    item = page.locator("[data-inbox=votes_open]")
    expect(item).to_contain_text("การลงมติที่รอท่าน")
    expect(item).to_contain_text("กำหนด")
    item.get_by_role("link").click()
    page.get_by_role("button", name="เห็นชอบ", exact=True).click()
    expect(page.get_by_test_id("my-vote")).to_contain_text("เห็นชอบ")

    # and finds the notification in the app, marked unread
    page.get_by_test_id("nav-notifications").click()
    unread = page.locator("[data-unread='1']")
    expect(unread).to_contain_text("เปิดให้ลงมติ")
    unread.get_by_role("button", name="เปิด").click()
    page.wait_for_url(re.compile(r"/proposals/ballots/\d+/"))
