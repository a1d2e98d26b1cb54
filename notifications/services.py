"""Telling people: emit an event to its recipients, deliver by e-mail and LINE, digests, LINE linking.

Domains call ``notify_on_commit(kind, object_id)`` from their services (one
line); the work runs in Celery after the commit, with ids only.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import tokens
from accounts.models import TokenPurpose
from core import cache  # connection errors cost a recount, never a page
from core.who import per_user_key
from notifications import line
from notifications.choices import DEFAULT_CHANNELS, Channel, DeliveryState, EmailMode, Kind, default_on
from notifications.models import Delivery, Notification, NotifySettings, Preference
from notifications.registry import RESOLVERS

log = logging.getLogger(__name__)

LINK_CODE_MINUTES = 30


def notify_on_commit(kind: str, object_id: int, variant: str = "") -> None:
    """Queue the event after the surrounding transaction commits (never for data that may roll back)."""
    from notifications import tasks

    transaction.on_commit(lambda: tasks.emit.delay(kind, object_id, variant))


@per_user_key  # read with the user, in the request's one cache call
def unread_key(user_id: int) -> str:
    return f"notify:unread:{user_id}"


def _channels_for(user_ids: list[int], kind: str) -> dict[int, set[str]]:
    chosen = {uid: {c for c in DEFAULT_CHANNELS if default_on(kind, c)} for uid in user_ids}
    for uid, channel, enabled in Preference.objects.filter(user_id__in=user_ids, kind=kind).values_list(
        "user_id", "channel", "enabled"
    ):
        (chosen[uid].add if enabled else chosen[uid].discard)(channel)
    return chosen


def emit(*, kind: str, object_id: int, variant: str = "") -> list[int]:
    """Tell every recipient of the event once; returns the ids of deliveries to send now.

    Running it again for the same event creates nothing new (unique keys), so a
    retried task or a second worker is harmless.
    """
    if kind not in Kind.values:
        raise ValueError(kind)
    with translation.override(settings.LANGUAGE_CODE):  # Thai unless the recipient chose otherwise
        event = RESOLVERS[kind](kind, object_id, variant)
    if event is None:
        return []
    key = f"{kind}:{object_id}:{variant}"[:120]
    recipients = {u.pk: u for u in event.recipients if u.is_active}
    if not recipients:
        return []
    channels = _channels_for(list(recipients), kind)
    line_ids = dict(
        NotifySettings.objects.filter(user_id__in=recipients)
        .exclude(line_user_id="")
        .values_list("user_id", "line_user_id")
    )
    digest_users = set(
        NotifySettings.objects.filter(user_id__in=recipients, email_mode=EmailMode.DIGEST).values_list(
            "user_id", flat=True
        )
    )
    send_now: list[int] = []
    texts = {settings.LANGUAGE_CODE: event.text}

    def text_in(language: str) -> str:
        """The event's words in a recipient's language (English throughout, issue #14)."""
        if language not in texts:
            with translation.override(language):
                again = RESOLVERS[kind](kind, object_id, variant)
            texts[language] = again.text if again is not None else event.text
        return texts[language]

    for uid, user in recipients.items():
        with transaction.atomic():
            try:
                with transaction.atomic():
                    note = Notification.objects.create(
                        recipient=user,
                        kind=kind,
                        event_key=key,
                        text=text_in(getattr(user, "language", "") or settings.LANGUAGE_CODE),
                        url=event.url,
                        province_id=event.province_id,
                    )
            except IntegrityError:
                continue  # told before
            cache.delete(unread_key(uid))
            chosen = channels[uid]
            if Channel.EMAIL in chosen and user.email:
                d = Delivery.objects.create(notification=note, channel=Channel.EMAIL, digest=uid in digest_users)
                if not d.digest:
                    send_now.append(d.pk)
            if Channel.LINE in chosen and uid in line_ids and line.enabled():
                send_now.append(Delivery.objects.create(notification=note, channel=Channel.LINE).pk)
            if Channel.APP not in chosen:
                note.read_at = timezone.now()  # not shown as unread in the app
                note.save(update_fields=["read_at"])
    return send_now


def _message(note: Notification) -> str:
    link = settings.SITE_URL.rstrip("/") + note.url
    return _("%(text)s\n%(link)s\n(ต้องเข้าสู่ระบบเพื่อดูรายละเอียด)") % {"text": note.text, "link": link}


def deliver(*, delivery_id: int) -> str:
    """Send one delivery; returns its state. A failure is kept (attempts, error) for a retry or the national officer."""
    with transaction.atomic():
        d = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("notification__recipient")
            .get(pk=delivery_id)
        )
        if d.state != DeliveryState.PENDING:
            return d.state
        note = d.notification
        d.attempts += 1
        language = getattr(note.recipient, "language", "") or settings.LANGUAGE_CODE
        try:
            with translation.override(language):
                if d.channel == Channel.EMAIL:
                    send_mail(
                        _("ศปคม.จ.: %(kind)s") % {"kind": note.get_kind_display()},
                        _message(note),
                        settings.DEFAULT_FROM_EMAIL,
                        [note.recipient.email],
                    )
                else:
                    to = (
                        NotifySettings.objects.filter(user=note.recipient)
                        .values_list("line_user_id", flat=True)
                        .first()
                    )
                    if not to or not line.enabled():
                        raise RuntimeError(_("ผู้รับยังไม่ได้เชื่อม LINE หรือระบบปิด LINE"))
                    line.push(to=to, text=_message(note), delivery_id=d.pk)
        except Exception as exc:
            d.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if d.attempts >= settings.NOTIFY_MAX_ATTEMPTS:
                d.state = DeliveryState.FAILED
                log.warning("notification delivery %s failed for good: %s", d.pk, d.last_error)
        else:
            d.state, d.sent_at, d.last_error = DeliveryState.SENT, timezone.now(), ""
        d.save(update_fields=["attempts", "last_error", "state", "sent_at"])
        return d.state


def backoff(attempts: int) -> int:
    """Seconds before the next try: 30, 60, 120, ..."""
    return 30 * 2 ** max(attempts - 1, 0)


def send_digests(*, now: dt.datetime | None = None, force: bool = False) -> int:
    """At the digest hour, one e-mail per user with everything waiting in their digest; returns e-mails sent."""
    now = timezone.localtime(now or timezone.now())
    if not force and now.hour != settings.NOTIFY_DIGEST_HOUR:
        return 0
    pending = (
        Delivery.objects.filter(state=DeliveryState.PENDING, channel=Channel.EMAIL, digest=True)
        .select_related("notification__recipient")
        .order_by("notification__recipient_id", "created_at")
    )
    by_user: dict[int, list[Delivery]] = {}
    for d in pending:
        by_user.setdefault(d.notification.recipient_id, []).append(d)
    sent = 0
    for rows in by_user.values():
        user = rows[0].notification.recipient
        language = getattr(user, "language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            body = "\n\n".join(_message(d.notification) for d in rows)
            subject = _("ศปคม.จ.: สรุปการแจ้งเตือน %(len)s เรื่อง")
        with transaction.atomic():
            ids = list(
                Delivery.objects.select_for_update()
                .filter(pk__in=[d.pk for d in rows], state=DeliveryState.PENDING)
                .values_list("pk", flat=True)
            )
            if not ids:
                continue
            send_mail(
                subject % {"len": len(ids)},
                body,
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
            Delivery.objects.filter(pk__in=ids).update(state=DeliveryState.SENT, sent_at=timezone.now(), attempts=1)
            sent += 1
    return sent


def mark_read(*, actor, notification_id: int | None = None) -> int:
    """Mark one of the actor's notifications (or all) read."""
    qs = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    n = qs.update(read_at=timezone.now())
    cache.delete(unread_key(actor.pk))
    return n


def save_preferences(*, actor, enabled: set[tuple[str, str]], email_mode: str) -> None:
    """Store the actor's grid of (kind, channel) choices and e-mail mode."""
    if email_mode not in EmailMode.values:
        raise ValidationError({"email_mode": _("รูปแบบอีเมลไม่ถูกต้อง")})
    with transaction.atomic():
        Preference.objects.filter(user=actor).delete()
        Preference.objects.bulk_create(
            [
                Preference(user=actor, kind=k, channel=c, enabled=(k, c) in enabled)
                for k in Kind.values
                for c in Channel.values
            ]
        )
        ns, _created = NotifySettings.objects.get_or_create(user=actor)
        ns.email_mode = email_mode
        ns.save(update_fields=["email_mode"])


def issue_line_code(*, actor) -> str:
    """A one-time code the user sends to the official account to link LINE (30 minutes)."""
    return tokens.issue(
        user=actor, purpose=TokenPurpose.LINE_LINK, lifetime=dt.timedelta(minutes=LINK_CODE_MINUTES), short=True
    )


def link_line(*, line_user_id: str, code: str) -> bool:
    """Link the LINE account that sent ``code``; False when the code is wrong, used or expired."""
    with transaction.atomic():
        token = tokens.find(code, purposes=(TokenPurpose.LINE_LINK,), short=True, lock=True)
        if token is None:
            return False
        ns, _created = NotifySettings.objects.get_or_create(user=token.user)
        ns.line_user_id, ns.line_linked_at = line_user_id, timezone.now()
        ns.save(update_fields=["line_user_id", "line_linked_at"])
        tokens.consume(token)
        from core import audit

        audit.record(actor=token.user, action="line.link", target=token.user)
    return True


def unlink_line(*, actor) -> None:
    NotifySettings.objects.filter(user=actor).update(line_user_id="", line_linked_at=None)
