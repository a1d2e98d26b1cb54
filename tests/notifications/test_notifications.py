"""Notifications: in the app, by e-mail (single or digest) and LINE (a fake LINE API on 127.0.0.1)."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import User
from committees.choices import Role
from fundproposals import services as proposal_services
from fundproposals.choices import ProposalState
from notifications import services
from notifications.choices import Channel, DeliveryState, EmailMode, Kind
from notifications.models import Delivery, Notification, NotifySettings, Preference
from reports.models import ReportJob
from tests.fundproposals.helpers import circulating_proposal, complete_proposal, make_meeting
from tests.notifications.fake_line import sign, webhook_body

pytestmark = pytest.mark.django_db


def _objects(world) -> dict[str, tuple[int, str]]:
    """One own-province object for every kind, with the variant to emit."""
    meeting = make_meeting(world)
    proposal = complete_proposal(world, state=ProposalState.SUBMITTED)
    _p, ballot = circulating_proposal(world)
    job = ReportJob.objects.create(
        kind="annual_province",
        province=world.own,
        fiscal_year=2567,
        title="รายงานประจำปี",
        requested_by=world.users[Role.CHAIR],
        state="ready",
        file="reports/x.pdf",
        fingerprint="f" * 64,
    )
    meeting_kinds = [
        Kind.MEETING_SCHEDULED,
        Kind.MEETING_MOVED,
        Kind.MEETING_CANCELLED,
        Kind.PAPERS_ADDED,
        Kind.MINUTES_CIRCULATED,
        Kind.MINUTES_DUE,
        Kind.MINUTES_ADOPTED,
    ]
    out = dict.fromkeys(meeting_kinds, (meeting.pk, "t"))
    out |= dict.fromkeys((Kind.VOTE_OPENED, Kind.VOTE_DUE, Kind.VOTE_CLOSED), (ballot.pk, "t"))
    proposal_kinds = (Kind.PROPOSAL_SUBMITTED, Kind.PROPOSAL_RETURNED, Kind.PROPOSAL_DECIDED, Kind.PROPOSAL_FUNDED)
    out |= dict.fromkeys(proposal_kinds, (proposal.pk, "t"))
    out[Kind.REPORT_READY] = (job.pk, "")
    out |= dict.fromkeys(
        (Kind.PLAN_DUE, Kind.PLAN_LATE, Kind.SITUATION_DUE, Kind.SITUATION_LATE), (world.own_sc.pk, "2568:30")
    )
    return out


def test_every_kind_reaches_only_people_of_the_province(world):
    objects = _objects(world)
    assert set(objects) == set(Kind.values)
    outsiders = {u.pk for u in world.other_users.values() if u != world.users[Role.NATIONAL]}
    for kind, (object_id, variant) in objects.items():
        services.emit(kind=kind, object_id=object_id, variant=variant)
        got = set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))
        assert got, f"{kind}: nobody told"
        assert not got & outsiders, f"{kind}: another province's user was told"
        for uid in got:
            user = User.objects.get(pk=uid)
            assert user.access.roles_in(world.own.pk), f"{kind}: {user} holds no role in the province"
    # messages never carry a proposal's content: the title of a proposal appears nowhere
    from fundproposals.models import Proposal

    titles = list(Proposal.objects.values_list("title", flat=True))
    texts = list(Notification.objects.values_list("text", flat=True))
    assert titles and not any(title in text for title in titles for text in texts)
    assert all(n.url.startswith("/") for n in Notification.objects.all())


def test_circulated_vote_tells_members_in_app_by_email_and_line_once(
    world, client_for, fake_line, django_capture_on_commit_callbacks
):
    member = world.users[Role.MEMBER]
    NotifySettings.objects.create(user=member, line_user_id="Umember0001", line_linked_at=timezone.now())
    proposal = complete_proposal(world, state=ProposalState.UNDER_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        ballot = proposal_services.circulate(
            actor=world.users[Role.SECRETARIAT], proposal=proposal, deadline=timezone.now() + dt.timedelta(days=3)
        )
    note = Notification.objects.get(recipient=member, kind=Kind.VOTE_OPENED)
    assert note.url == f"/proposals/ballots/{ballot.pk}/"
    assert member.email in [m.to[0] for m in mail.outbox]
    texts = fake_line.texts_to("Umember0001")
    assert len(texts) == 1 and "/accounts/login/" not in texts[0] and note.url in texts[0]
    assert proposal.title not in texts[0]
    # nobody of the other province hears of it
    assert not Notification.objects.filter(
        recipient__in=[u for u in world.other_users.values() if u.username != "t-national"]
    ).exists()
    # emitting the same event again (a retried task) tells nobody twice
    assert services.emit(kind=Kind.VOTE_OPENED, object_id=ballot.pk) == []
    assert Notification.objects.filter(recipient=member, kind=Kind.VOTE_OPENED).count() == 1
    assert len(fake_line.accepted) == 1
    # in the app: unread mark, then read when opened
    c = client_for(member)
    page = c.get("/notifications/").content.decode()
    assert 'data-unread="1"' in page
    assert c.post(f"/notifications/{note.pk}/open/")["Location"] == note.url
    note.refresh_from_db()
    assert note.read_at is not None
    # another user cannot open it
    assert client_for(world.users[Role.CHAIR]).post(f"/notifications/{note.pk}/open/").status_code == 404


def test_line_push_is_retried_with_the_same_key_then_failures_show_to_national(world, client_for, fake_line, settings):
    member = world.users[Role.MEMBER]
    NotifySettings.objects.create(user=member, line_user_id="Umember0002")
    Preference.objects.create(user=member, kind=Kind.VOTE_OPENED, channel=Channel.EMAIL, enabled=False)
    _p, ballot = circulating_proposal(world)
    fake_line.fail_remaining = 2
    from notifications import tasks

    tasks.emit(Kind.VOTE_OPENED, ballot.pk, "")  # eager: attempt, retry, retry
    d = Delivery.objects.get(notification__recipient=member, channel=Channel.LINE)
    assert d.state == DeliveryState.SENT and d.attempts == 3
    assert len(set(fake_line.attempt_keys)) == 1 and len(fake_line.accepted) == 1
    assert not Delivery.objects.filter(notification__recipient=member, channel=Channel.EMAIL).exists()
    # a delivery LINE already accepted (worker died before saving): the retry key makes LINE refuse a copy
    d.state = DeliveryState.PENDING
    d.save()
    assert services.deliver(delivery_id=d.pk) == DeliveryState.SENT
    assert len(fake_line.accepted) == 1

    settings.NOTIFY_MAX_ATTEMPTS = 3
    fake_line.fail_remaining = 99
    _p2, ballot2 = circulating_proposal(world)
    tasks.emit(Kind.VOTE_OPENED, ballot2.pk, "")
    failed = Delivery.objects.get(
        notification__recipient=member, notification__event_key__startswith=f"vote_opened:{ballot2.pk}:"
    )
    assert failed.state == DeliveryState.FAILED and failed.attempts == 3 and "500" in failed.last_error
    page = client_for(world.users[Role.NATIONAL]).get("/notifications/failures/").content.decode()
    assert member.full_name in page
    assert client_for(world.users[Role.SECRETARIAT]).get("/notifications/failures/").status_code == 404


def test_linking_line_with_the_one_time_code_and_a_signed_webhook(world, client_for, fake_line):
    member = world.users[Role.MEMBER]
    c = client_for(member)
    page = c.post("/notifications/settings/", {"action": "line-code"}).content.decode()
    code = page.split('data-testid="line-code">')[1].split("<")[0]
    body = webhook_body("Ulinked0001", code)
    anon = Client()
    forged = anon.post(
        "/notifications/line/webhook/", body, content_type="application/json", HTTP_X_LINE_SIGNATURE=sign(body, "wrong")
    )
    assert forged.status_code == 400
    assert not NotifySettings.objects.filter(line_user_id="Ulinked0001").exists()
    ok = anon.post(
        "/notifications/line/webhook/", body, content_type="application/json", HTTP_X_LINE_SIGNATURE=sign(body)
    )
    assert ok.status_code == 200
    assert NotifySettings.objects.get(user=member).line_user_id == "Ulinked0001"
    # the code is single use: another LINE account sending it links nothing
    again = webhook_body("Uthief0001", code)
    anon.post("/notifications/line/webhook/", again, content_type="application/json", HTTP_X_LINE_SIGNATURE=sign(again))
    assert not NotifySettings.objects.filter(line_user_id="Uthief0001").exists()
    assert 'data-testid="line-linked"' in c.get("/notifications/settings/").content.decode()


def test_line_off_when_not_configured(world, settings):
    settings.LINE_CHANNEL_SECRET = ""
    resp = Client().post("/notifications/line/webhook/", b"{}", content_type="application/json")
    assert resp.status_code == 404
    NotifySettings.objects.create(user=world.users[Role.MEMBER], line_user_id="Uoff")
    _p, ballot = circulating_proposal(world)
    services.emit(kind=Kind.VOTE_OPENED, object_id=ballot.pk)
    assert not Delivery.objects.filter(channel=Channel.LINE).exists()


def test_daily_digest_gathers_the_day_in_one_email(world, settings):
    settings.NOTIFY_DIGEST_HOUR = 7
    member = world.users[Role.MEMBER]
    NotifySettings.objects.create(user=member, email_mode=EmailMode.DIGEST)
    _p, b1 = circulating_proposal(world)
    _p, b2 = circulating_proposal(world)
    for b in (b1, b2):
        for pk in services.emit(kind=Kind.VOTE_OPENED, object_id=b.pk):
            services.deliver(delivery_id=pk)
    assert member.email not in [m.to[0] for m in mail.outbox]
    not_yet = timezone.localtime().replace(hour=6)
    assert services.send_digests(now=not_yet) == 0
    at_seven = timezone.localtime().replace(hour=7)
    assert services.send_digests(now=at_seven) >= 1
    mine = [m for m in mail.outbox if m.to == [member.email]]
    assert len(mine) == 1 and "2 เรื่อง" in mine[0].subject
    assert services.send_digests(now=at_seven) == 0  # nothing twice


def test_preferences_page_turns_a_kind_off_per_channel(world, client_for):
    member = world.users[Role.MEMBER]
    c = client_for(member)
    data = {f"{k}__{ch}": "on" for k in Kind.values for ch in Channel.values}
    data.pop(f"{Kind.VOTE_OPENED}__{Channel.APP}")
    data["email_mode"] = "digest"
    assert c.post("/notifications/settings/", data).status_code == 302
    assert NotifySettings.objects.get(user=member).email_mode == EmailMode.DIGEST
    _p, ballot = circulating_proposal(world)
    services.emit(kind=Kind.VOTE_OPENED, object_id=ballot.pk)
    note = Notification.objects.get(recipient=member, kind=Kind.VOTE_OPENED)
    assert note.read_at is not None  # not shown as unread in the app
    assert Delivery.objects.get(notification=note, channel=Channel.EMAIL).digest


def test_reminders_vote_due_and_plan_due_once(world, settings):
    from notifications import tasks

    circulating_proposal(world, deadline=timezone.now() + dt.timedelta(hours=5))
    tasks.send_reminders()
    tasks.send_reminders()
    assert Notification.objects.filter(kind=Kind.VOTE_DUE, recipient=world.users[Role.MEMBER]).count() == 1
    from actionplans.selectors import due_date
    from core.thaidate import current_fiscal_year

    today, fy = timezone.localdate(), current_fiscal_year()
    # a due day within the week that falls in this fiscal year
    day = next(
        today + dt.timedelta(days=n)
        for n in range(1, 8)
        if due_date(fy, (today + dt.timedelta(days=n)).strftime("%m-%d")) == today + dt.timedelta(days=n)
    )
    settings.PLAN_DUE_MONTH_DAY = day.strftime("%m-%d")
    tasks.send_reminders()
    tasks.send_reminders()
    due = Notification.objects.filter(kind=Kind.PLAN_DUE, recipient=world.users[Role.SECRETARIAT])
    assert due.count() == 1 and "7 วัน" in due.get().text
    assert not Notification.objects.filter(kind=Kind.PLAN_DUE, recipient=world.users[Role.MEMBER]).exists()
