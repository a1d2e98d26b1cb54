"""Proposals the user may see: the list and its totals by pillar, one proposal, its attachments, timeline and revisions."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from core.models import AuditEvent
from core.pillars import Pillar
from fundproposals.models import Proposal, ProposalPillar, ProposalRevision, Review


def visible_proposals(user) -> QuerySet[Proposal]:
    access = user.access
    qs = Proposal.objects.all()
    if access.is_national:
        return qs
    return qs.filter(Q(province_id__in=access.readable_province_ids() or set()) | Q(proposer=user))


def proposal_list(user, *, filters: dict | None = None) -> QuerySet[Proposal]:
    """Visible proposals with what the list shows (constant queries whatever the number of rows)."""
    f = filters or {}
    qs = visible_proposals(user).select_related("province", "proposer").prefetch_related("pillar_rows")
    if f.get("province"):
        qs = qs.filter(province=f["province"])
    if f.get("fiscal_year"):
        qs = qs.filter(fiscal_year=f["fiscal_year"])
    if f.get("state"):
        qs = qs.filter(state=f["state"])
    if f.get("pillar"):
        qs = qs.filter(pillar_rows__pillar=f["pillar"])
    if f.get("organisation_type"):
        qs = qs.filter(organisation_type=f["organisation_type"])
    if f.get("q"):
        qs = qs.filter(Q(title__icontains=f["q"]) | Q(code__icontains=f["q"]) | Q(organisation__icontains=f["q"]))
    return qs.order_by("-fiscal_year", "province__code", "-id")


@dataclass(frozen=True)
class PillarTotal:
    pillar: str
    label: str
    proposals: int
    requested: object
    recommended: object
    approved: object


def totals_by_pillar(proposals: QuerySet[Proposal]) -> list[PillarTotal]:
    """Requested, recommended and approved amounts per pillar, summed in the database (one query).

    A proposal tagged with two pillars counts in both rows, as the fund's reports do.
    """
    rows = (
        ProposalPillar.objects.filter(proposal__in=proposals.order_by().values("pk"))
        .values("pillar")
        .annotate(
            n=Count("pk"),  # one row per (proposal, pillar) by constraint: no DISTINCT (and its sort) needed
            requested=Sum("proposal__requested_amount"),
            recommended=Sum("proposal__recommended_amount"),
            approved=Sum("proposal__fund_approved_amount"),
        )
    )
    by = {r["pillar"]: r for r in rows}
    return [
        PillarTotal(
            p.value,
            p.label,
            by.get(p.value, {}).get("n", 0),
            by.get(p.value, {}).get("requested"),
            by.get(p.value, {}).get("recommended"),
            by.get(p.value, {}).get("approved"),
        )
        for p in Pillar
    ]


def proposal_for(user, pk: int, *, detail: bool = False) -> Proposal:
    """One visible proposal (with everything its page shows when ``detail``); otherwise 404."""
    qs = visible_proposals(user).select_related("province", "proposer", "previous_project")
    if detail:
        qs = qs.select_related("agenda_item__meeting__subcommittee", "agenda_item__parent", "agenda_item__resolution")
        if connection.vendor == "postgresql":
            # the pillars in the proposal's own row (an array), not a query of their own (issue #12)
            pillars = ProposalPillar.objects.filter(proposal=OuterRef("pk")).order_by("pillar").values("pillar")
            qs = qs.annotate(pillar_codes=ArraySubquery(pillars))
        else:  # the embedded SQLite default has no arrays: one query more
            qs = qs.prefetch_related("pillar_rows")
        qs = qs.prefetch_related(
            "activities",
            "budget_lines",
            Prefetch("attachments", queryset=_attachments()),
            Prefetch("reviews", queryset=Review.objects.select_related("member", "author")),
        )
    try:
        return qs.get(pk=pk)
    except (Proposal.DoesNotExist, ValueError):
        raise Http404("ไม่พบโครงการ") from None


def _attachments():
    from fundproposals.models import Attachment

    return Attachment.objects.select_related("uploaded_by")


def attachment_for(user, proposal_pk: int, pk: int):
    proposal = proposal_for(user, proposal_pk)
    try:
        return proposal.attachments.get(pk=pk)
    except Exception:
        raise Http404("ไม่พบไฟล์") from None


def timeline(proposal: Proposal) -> QuerySet[AuditEvent]:
    """Every recorded change of the proposal but the votes, oldest first: who, when, what and why."""
    ct = ContentType.objects.get_for_model(Proposal)
    return (
        AuditEvent.objects.filter(target_type=ct, target_id=str(proposal.pk))
        # who voted what is shown with the ballot, to the subcommittee only: votes never leave the database
        .exclude(action="ballot.vote")
        .select_related("actor")
        .order_by("at", "id")
    )


def revisions(proposal: Proposal) -> QuerySet[ProposalRevision]:
    return proposal.revisions.select_related("submitted_by").order_by("number")
