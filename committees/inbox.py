"""Proposers' requests waiting for the secretariat (see ``inbox.registry``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from committees.choices import RequestState, Role
from committees.models import ProposerRequest
from inbox.registry import Waiting, ids, register


def _pending(p):
    return ProposerRequest.objects.filter(province_id__in=p["provinces"], state=RequestState.PENDING).order_by("pk")


@register
def people_items(user) -> list[Waiting]:
    secretariat = user.access.province_ids(Role.SECRETARIAT)
    if not secretariat:
        return []
    return [
        Waiting(
            "proposer_requests",
            _("คำขอเป็นผู้เสนอโครงการรอพิจารณา"),
            _pending,
            {"provinces": ids(secretariat)},
            _url,
            first=True,
            icon="person-plus",
            order=12,
        )
    ]


def _url(pk):
    return reverse("committees:request-decide", args=[pk]) if pk else reverse("committees:provinces")
