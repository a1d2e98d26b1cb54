"""A plan's or a report's revisions, and the meetings and resolutions that took it up."""

from __future__ import annotations

from django.db.models import (
    QuerySet,
)

from actionplans.choices import OPEN_STATES


def revisions_of(doc) -> QuerySet:
    """Every revision of the same plan or report (earlier ones are kept)."""
    return (
        type(doc)
        ._default_manager.filter(subcommittee_id=doc.subcommittee_id, **doc.period_filter())
        .select_related("resolution__agenda_item__meeting")
        .order_by("-revision")
    )


def has_open_revision(doc) -> bool:
    return (
        type(doc)
        ._default_manager.filter(subcommittee_id=doc.subcommittee_id, state__in=OPEN_STATES, **doc.period_filter())
        .exists()
    )


def has_newer_revision(doc) -> bool:
    return (
        type(doc)
        ._default_manager.filter(subcommittee_id=doc.subcommittee_id, revision__gt=doc.revision, **doc.period_filter())
        .exists()
    )


def meetings_for_proposal(doc) -> QuerySet:
    """Meetings of the document's own subcommittee that can still take an agenda item."""
    from actionplans.workflow import AGENDA_OPEN_STATES
    from meetings.models import Meeting

    return (
        Meeting.objects.filter(subcommittee_id=doc.subcommittee_id, state__in=AGENDA_OPEN_STATES)
        .select_related("subcommittee")
        .order_by("-starts_at")
    )


def approving_resolutions(doc) -> QuerySet:
    """Resolutions of the document's own subcommittee's meetings that approve something."""
    from actionplans.workflow import APPROVING_OUTCOMES
    from meetings.models import Resolution

    return (
        Resolution.objects.filter(
            agenda_item__meeting__subcommittee_id=doc.subcommittee_id, outcome__in=APPROVING_OUTCOMES
        )
        .select_related("agenda_item__meeting__subcommittee", "agenda_item__parent")
        .order_by("-agenda_item__meeting__starts_at", "agenda_item__order")
    )
