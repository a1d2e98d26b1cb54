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


def agenda(
    meeting: Meeting, *, papers: bool = True, items: list[AgendaItem] | None = None, conflicts: bool = True
) -> list[AgendaItem]:
    """Sections in order, each with ``subitems`` (and papers, resolution, conflicts) prefetched: 3 queries
    (every item at once, then the papers and the conflicts of all of them), whatever the agenda's size.
    ``papers`` False: without the papers (the minutes' text does not list them), 2 queries.
    ``conflicts`` False: without the conflicts (a minutes autosave whose text frame is kept).
    ``items``: the meeting's items already read in agenda order (``agenda_items_flat``): not read again.
    """
    from django.db.models import prefetch_related_objects

    lookups = [Prefetch("conflicts", queryset=ConflictOfInterest.objects.select_related("member"))] if conflicts else []
    if papers:
        lookups.insert(0, Prefetch("papers", queryset=AgendaPaper.objects.filter(removed_at__isnull=True)))
    if items is not None:
        if lookups:
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


def item_hangers(item: AgendaItem) -> tuple[list, list]:
    """The proposals tabled under the item (with their province) and every ballot on it (a proposal's or
    the item's own decision), oldest first: two queries the item page's links and decision card share."""
    from fundproposals.models import Ballot, Proposal

    proposals = list(Proposal.objects.filter(agenda_item=item).select_related("province"))
    ballots = list(Ballot.objects.filter(agenda_item=item).order_by("created_at", "pk"))
    return proposals, ballots


def item_links(user, item: AgendaItem, *, hangers: tuple[list, list] | None = None) -> list[ItemLink]:
    """What hangs on the item and the user may open: its proposal and vote, its plan or situation report.

    ``hangers``: ``item_hangers(item)`` already read. The plans and reports come in one query (a UNION)."""
    from django.db.models import Value
    from django.urls import reverse

    from actionplans.models import ActionPlan, SituationReport
    from fundproposals.permissions import can_see_votes, can_view_proposal

    proposals, ballots = hangers if hangers is not None else item_hangers(item)
    links: list[ItemLink] = []
    for p in proposals:
        if can_view_proposal(user, p):
            links.append(ItemLink(f"โครงการ {p.code or p.title}", reverse("fundproposals:detail", args=[p.pk])))
            for b in ballots:
                if b.proposal_id != p.pk:
                    continue
                url = "fundproposals:close" if can_see_votes(user, p) else "fundproposals:vote"
                links.append(ItemLink(f"การลงมติ ({b.get_state_display()})", reverse(url, args=[b.pk])))
    plans = ActionPlan.objects.filter(agenda_item=item).values_list(Value(0), "pk", "fiscal_year", "revision")
    reports = SituationReport.objects.filter(agenda_item=item).values_list(Value(1), "pk", "year", "revision")
    # plans first, then reports, each newest year and revision first (their models' own order)
    docs = sorted(plans.order_by().union(reports.order_by(), all=True), key=lambda r: (r[0], -r[2], -r[3]))
    for kind, pk, year, _revision in docs:
        if kind == 0:
            links.append(ItemLink(f"แผนปฏิบัติการ ปีงบประมาณ {year}", reverse("actionplans:plan", args=[pk])))
        else:
            links.append(ItemLink(f"รายงานสถานการณ์ ปี {year}", reverse("actionplans:report", args=[pk])))
    return links


def has_resolution(item: AgendaItem) -> bool:
    try:
        item.resolution  # noqa: B018 - loaded by select_related; raises when absent
    except Resolution.DoesNotExist:
        return False
    return True
