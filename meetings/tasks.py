"""Background jobs: invitations with a calendar file, and the notice that a draft is circulated.

Both take a meeting id (queued on commit by the services) and read fresh data.
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from committees.models import Member
from core import thaidate
from emeetings.presence import invitation_lines  # e-meeting hook (issue 15)
from meetings.ics import ics_filename, meeting_ics


def _meeting(meeting_id: int):
    from meetings.models import Meeting

    return Meeting.objects.select_related("subcommittee__province").get(pk=meeting_id)


def _recipients(meeting) -> list[str]:
    day = timezone.localtime(meeting.starts_at).date()
    emails = Member.objects.current(on=day).filter(subcommittee=meeting.subcommittee).exclude(email="")
    return sorted(set(emails.values_list("email", flat=True)))


def _link(name: str, meeting) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=[meeting.pk])


def _agenda_lines(meeting) -> list[str]:
    from meetings.selectors import agenda_document

    doc = agenda_document(meeting)
    lines = [doc.title]
    for entry in doc.entries:
        lines.append(f"{'' if entry.is_section else '    '}{entry.number} {entry.title}")
    return [*lines, ""]


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_invitations(meeting_id: int, update: bool = False) -> int:
    """E-mail every current member with an address an invitation and the .ics; returns how many were sent.

    For a cancelled meeting the same members get the cancellation with a CANCEL entry;
    ``update`` (the meeting moved) says so and carries the entry with its higher SEQUENCE.
    """
    meeting = _meeting(meeting_id)
    ics = meeting_ics(meeting)
    cancelled = meeting.state == "cancelled"
    what = "แจ้งยกเลิกการประชุม" if cancelled else ("แจ้งเปลี่ยนแปลงกำหนดการประชุม" if update else "ขอเชิญประชุม")
    subject = f"{what}{meeting.subcommittee.short_name}{meeting.subcommittee.province.name_th} {meeting.label}"
    body = "\n".join(
        [
            f"เรียน อนุกรรมการ{meeting.subcommittee.name}",
            "",
            f"{what}{meeting.label}",
            f"ในวันที่ {thaidate.format_date(meeting.starts_at)} เวลา {thaidate.format_time(meeting.starts_at)}",
            f"ณ {meeting.place}",
            *([f"ประชุมออนไลน์: {meeting.online_link}"] if meeting.online_link and not cancelled else []),
            *([] if cancelled else invitation_lines(meeting)),  # e-meeting hook (issue 15): mode and how to join
            *([f"เหตุที่ยกเลิก: {meeting.cancelled_reason}"] if cancelled else []),
            "",
            *([] if cancelled else _agenda_lines(meeting)),
            f"ระเบียบวาระและเอกสารประกอบ: {_link('meetings:detail', meeting)}",
            "",
            f"ฝ่ายเลขานุการ {meeting.subcommittee.secretariat_office}",
        ]
    )
    sent = 0
    for email in _recipients(meeting):
        msg = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
        method = "CANCEL" if cancelled else "PUBLISH"
        msg.attach(ics_filename(meeting), ics, f"text/calendar; method={method}; charset=UTF-8")
        sent += msg.send()
    from core import audit

    audit.record(
        actor=None,
        action="meeting.cancellation_mailed"
        if cancelled
        else ("meeting.update_mailed" if update else "meeting.invitations_mailed"),
        target=meeting,
        province=meeting.subcommittee.province,
        changes={"sent": [None, sent]},
    )
    return sent


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def notify_minutes_circulated(meeting_id: int) -> int:
    """Tell members the draft minutes are circulated for their corrections."""
    meeting = _meeting(meeting_id)
    subject = (
        f"เวียนร่างรายงานการประชุม{meeting.label} {meeting.subcommittee.short_name}{meeting.subcommittee.province.name_th}"
    )
    body = "\n".join(
        [
            f"เรียน อนุกรรมการ{meeting.subcommittee.name}",
            "",
            f"ฝ่ายเลขานุการขอเวียนร่างรายงานการประชุม{meeting.label} "
            f"เมื่อวันที่ {thaidate.format_date(meeting.starts_at)} เพื่อโปรดตรวจสอบ",
            f"หากประสงค์จะแก้ไข โปรดเสนอแก้ไขที่ {_link('meetings:minutes', meeting)}",
        ]
    )
    sent = 0
    for email in _recipients(meeting):
        sent += EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email]).send()
    return sent
