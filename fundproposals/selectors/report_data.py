"""Reads for the reports app (the กปค.01 PDF, the annual report, the national summary)."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.http import Http404

from fundproposals.models import Proposal, ProposalPillar


def proposal_for_report(pk: int) -> Proposal:
    """One proposal with everything its กปค.01 prints (pillars, activities, budget lines, attachments,
    the meeting item that decided it); 404 when missing. Scope is checked by the reports app."""
    try:
        return (
            Proposal.objects.select_related(
                "province", "proposer", "previous_project", "agenda_item__meeting", "agenda_item__parent"
            )
            .prefetch_related("pillar_rows", "activities", "budget_lines", "attachments")
            .get(pk=pk)
        )
    except Proposal.DoesNotExist:
        raise Http404("ไม่พบโครงการ") from None


def proposal_report_querysets(pk: int) -> tuple[QuerySet, ...]:
    """What the กปค.01 PDF reads (for the report fingerprint; rows without ``updated_at`` by content)."""
    from fundproposals.models import Activity, Attachment, BudgetLine

    return (
        Proposal.objects.filter(pk=pk),
        ProposalPillar.objects.filter(proposal_id=pk),
        Attachment.objects.filter(proposal_id=pk),
    ), (Activity.objects.filter(proposal_id=pk), BudgetLine.objects.filter(proposal_id=pk))


def fiscal_year_querysets_for_report(province) -> list[QuerySet]:
    """Fiscal years in which the province has a proposal sent to the subcommittee (drafts do not count)."""
    from fundproposals.choices import ProposalState

    return [
        Proposal.objects.filter(province=province)
        .exclude(state=ProposalState.DRAFT)
        .order_by()
        .values_list("fiscal_year", flat=True)
    ]


def fiscal_years_for_report(province) -> set[int]:
    return set(fiscal_year_querysets_for_report(province)[0].distinct())


def proposals_for_report(**filters) -> QuerySet[Proposal]:
    """Proposals a report counts: every one sent to the subcommittee (drafts never were)."""
    from fundproposals.choices import ProposalState

    return Proposal.objects.filter(**filters).exclude(state=ProposalState.DRAFT)


def multi_pillar_count(proposals: QuerySet[Proposal]) -> int:
    """How many of these proposals are tagged with more than one pillar (one query)."""
    return (
        ProposalPillar.objects.filter(proposal__in=proposals.order_by().values("pk"))
        .values("proposal")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )


def proposal_year_querysets(**filters) -> tuple[QuerySet, ...]:
    """What the annual report / national summary read of proposals (for the report fingerprint)."""
    prefixed = {f"proposal__{k}": v for k, v in filters.items()}
    return (Proposal.objects.filter(**filters), ProposalPillar.objects.filter(**prefixed))


def own_proposal_ids(user) -> QuerySet:
    """Ids of the proposals this user proposed (a proposer reads the กปค.01 of their own)."""
    return Proposal.objects.filter(proposer_id=user.pk).values("pk")
