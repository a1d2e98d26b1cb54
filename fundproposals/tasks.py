"""Background work of fund proposals: notifications and the circulated-vote deadline sweep."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _


@shared_task
def notify_submitted(proposal_id: int) -> int:
    """Tell the proposer and the province's secretariat that a proposal was received (each in their language)."""
    from accounts.models import User
    from committees.choices import GrantRole
    from fundproposals.models import Proposal

    proposal = Proposal.objects.select_related("province", "proposer").get(pk=proposal_id)
    people = User.objects.filter(
        Q(pk=proposal.proposer_id) | Q(role_grants__role=GrantRole.SECRETARIAT, role_grants__province=proposal.province)
    ).exclude(email="")
    by_language: dict[str, set[str]] = {}
    for email, language in people.values_list("email", "language"):
        by_language.setdefault(language or settings.LANGUAGE_CODE, set()).add(email)
    sent = 0
    for language, emails in sorted(by_language.items()):
        with translation.override(language):
            subject = _("ได้รับโครงการ %(code)s แล้ว") % {"code": proposal.code}
            body = _(
                "ฝ่ายเลขานุการ%(province)s ได้รับโครงการ “%(title)s” (รหัส %(code)s, ฉบับที่ %(revision)s) "
                "ตามแบบ %(form)s แล้ว\nติดตามสถานะได้ที่ %(link)s"
            ) % {
                "province": str(proposal.province),
                "title": proposal.title,
                "code": proposal.code,
                "revision": proposal.revision,
                "form": _(settings.FUND_FORM_CODE),
                "link": f"{settings.SITE_URL}/proposals/{proposal.pk}/",
            }
        sent += send_mail(subject, body, None, sorted(emails))
    return sent


@shared_task
def notify_returned(proposal_id: int, reason: str) -> int:
    """Tell the proposer their proposal was returned for revision, and why (in the proposer's language)."""
    from fundproposals.models import Proposal

    proposal = Proposal.objects.select_related("province", "proposer").get(pk=proposal_id)
    if not proposal.proposer.email:
        return 0
    with translation.override(proposal.proposer.language or settings.LANGUAGE_CODE):
        subject = _("โครงการ %(code)s ถูกส่งกลับให้ปรับปรุง") % {"code": proposal.code}
        body = _(
            "ฝ่ายเลขานุการ%(province)s ส่งโครงการ “%(title)s” (รหัส %(code)s) กลับให้ปรับปรุง\n"
            "เหตุผล: %(reason)s\nแก้ไขและยื่นใหม่ได้ที่ %(link)s"
        ) % {
            "province": str(proposal.province),
            "title": proposal.title,
            "code": proposal.code,
            "reason": reason,
            "link": f"{settings.SITE_URL}/proposals/{proposal.pk}/",
        }
    return send_mail(subject, body, None, [proposal.proposer.email])


@shared_task
def close_due_ballots() -> int:
    """Close circulated votes whose deadline has passed (run every few minutes by beat)."""
    from fundproposals.services import close_due_ballots as close

    return close()
