"""Proposers' requests waiting for the secretariat (see ``inbox.registry``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from committees.choices import RequestState, Role
from committees.models import ProposerRequest
from core.subqueries import count_of, first_pk
from inbox.registry import Waiting, register


@register
def people_items(user) -> list[Waiting]:
    secretariat = user.access.province_ids(Role.SECRETARIAT)
    if not secretariat:
        return []
    pending = ProposerRequest.objects.filter(province_id__in=secretariat, state=RequestState.PENDING).order_by("pk")
    return [
        Waiting(
            "proposer_requests",
            _("คำขอเป็นผู้เสนอโครงการรอพิจารณา"),
            count_of(pending),
            lambda pk: reverse("committees:request-decide", args=[pk]) if pk else reverse("committees:provinces"),
            first=first_pk(pending),
            icon="person-plus",
            order=12,
        )
    ]
