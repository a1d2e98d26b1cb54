"""The agenda in order (sections with their sub-items) and what hangs on one item."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from meetings.choices import MeetingState, SectionType
from meetings.models import (
    AgendaItem,
    AgendaPaper,
    ConflictOfInterest,
    Meeting,
    Resolution,
)


def agenda(meeting: Meeting, *, papers: bool = True, items: list[AgendaItem] | None = None) -> list[AgendaItem]:
    """Sections in order, each with ``subitems`` (and papers, resolution, conflicts) prefetched: 3 queries
    (every item at once, then the papers and the conflicts of all of them), whatever the agenda's size.
    ``papers`` False: without the papers (the minutes' text does not list them), 2 queries.
    ``items``: the meeting's items already read in agenda order (``agenda_items_flat``): not read again.
    """
    from django.db.models import prefetch_related_objects

    lookups = [Prefetch("conflicts", queryset=ConflictOfInterest.objects.select_related("member"))]
    if papers:
        lookups.insert(0, Prefetch("papers", queryset=AgendaPaper.objects.filter(removed_at__isnull=True)))
    if items is not None:
        prefetch_related_objects(items, *lookups)
    else:
        items = list(
            AgendaItem.objects.filter(meeting=meeting)
            .select_related("resolution", "minutes_to_adopt__subcommittee")
            .prefetch_related(*lookups)
            .order_by("order", "id")
        )
    sections = [it for it in items if it.parent_id is None]
    by_pk = {s.pk: s for s in sections}
    for s in sections:
        s.subitems = []
    for it in items:
        if it.parent_id is not None and it.parent_id in by_pk:
            parent = by_pk[it.parent_id]
            it.parent = parent  # numbering (4.1) reads the parent: no query
            parent.subitems.append(it)
    return sections


def agenda_items_flat(meeting: Meeting) -> QuerySet[AgendaItem]:
    """Every item of the meeting in agenda order (sections then their sub-items), parents loaded."""
    from django.db.models import F
    from django.db.models.functions import Coalesce

    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("parent", "resolution")
        .annotate(section_order=Coalesce(F("parent__order"), F("order")))
        .order_by("section_order", F("parent_id").asc(nulls_first=True), "order")
    )


def later_adoption_items(meeting: Meeting) -> QuerySet[AgendaItem]:
    """Item-2 sections of later meetings of the same subcommittee (where these minutes may be adopted)."""
    return (
        AgendaItem.objects.filter(
            meeting__subcommittee_id=meeting.subcommittee_id,
            meeting__starts_at__gt=meeting.starts_at,
            parent__isnull=True,
            section_type=SectionType.ADOPT_MINUTES,
        )
        .exclude(meeting__state=MeetingState.CANCELLED)
        .select_related("meeting__subcommittee")
        .order_by("meeting__starts_at")
    )


@dataclass(frozen=True)
class ItemLink:
    label: str
    url: str


def item_links(user, item: AgendaItem) -> list[ItemLink]:
    """What hangs on the item and the user may open: its proposal and vote, its plan or situation report."""
    from django.urls import reverse

    from actionplans.models import ActionPlan, SituationReport
    from fundproposals.models import Ballot, Proposal
    from fundproposals.permissions import can_see_votes, can_view_proposal

    links: list[ItemLink] = []
    for p in Proposal.objects.filter(agenda_item=item).select_related("province"):
        if can_view_proposal(user, p):
            links.append(ItemLink(f"โครงการ {p.code or p.title}", reverse("fundproposals:detail", args=[p.pk])))
            for b in Ballot.objects.filter(agenda_item=item, proposal=p).order_by("created_at"):
                url = "fundproposals:close" if can_see_votes(user, p) else "fundproposals:vote"
                links.append(ItemLink(f"การลงมติ ({b.get_state_display()})", reverse(url, args=[b.pk])))
    for plan in ActionPlan.objects.filter(agenda_item=item):
        links.append(ItemLink(f"แผนปฏิบัติการ ปีงบประมาณ {plan.fiscal_year}", reverse("actionplans:plan", args=[plan.pk])))
    for rep in SituationReport.objects.filter(agenda_item=item):
        links.append(ItemLink(f"รายงานสถานการณ์ ปี {rep.year}", reverse("actionplans:report", args=[rep.pk])))
    return links


def has_resolution(item: AgendaItem) -> bool:
    try:
        item.resolution  # noqa: B018 - loaded by select_related; raises when absent
    except Resolution.DoesNotExist:
        return False
    return True
