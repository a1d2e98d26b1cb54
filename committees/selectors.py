"""Reads of provinces, risk groups and subcommittees, starting from what the user may see."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from committees.choices import GrantRole
from committees.models import Member, ProposerRequest, Province, RiskGroupAssignment, RoleGrant, Subcommittee
from core.models import AuditEvent


def visible_provinces(user) -> QuerySet[Province]:
    """Provinces whose data ``user`` may read."""
    ids = user.access.readable_province_ids()
    qs = Province.objects.all()
    return qs if ids is None else qs.filter(pk__in=ids)


def _group_in(fiscal_year: int, field: str = "group"):
    return Subquery(
        RiskGroupAssignment.objects.filter(province=OuterRef("pk"), fiscal_year=fiscal_year).values(field)[:1]
    )


def province_list(user, *, fiscal_year: int, group: str | None = None, region: str | None = None) -> QuerySet[Province]:
    """Visible provinces with their group in ``fiscal_year`` and the year before."""
    qs = visible_provinces(user).annotate(risk_group=_group_in(fiscal_year), previous_group=_group_in(fiscal_year - 1))
    if group == "none":
        qs = qs.filter(risk_group__isnull=True)
    elif group:
        qs = qs.filter(risk_group=group)
    if region:
        qs = qs.filter(region=region)
    return qs.order_by("code")


def province_by_code(user, code: str) -> Province:
    """One visible province; another province's code gives the same 404 as an unknown one."""
    try:
        return visible_provinces(user).get(code=code)
    except Province.DoesNotExist:
        raise Http404("ไม่พบจังหวัด") from None


def _province_page_sql(vendor: str) -> str:
    from core.cache import stamp_sql

    prov, sc, member = Province._meta.db_table, Subcommittee._meta.db_table, Member._meta.db_table
    risk = RiskGroupAssignment._meta.db_table
    tables = {
        "sc": f"FROM {sc} s WHERE s.province_id = p.id",
        "member": f"FROM {member} m JOIN {sc} s ON s.id = m.subcommittee_id WHERE s.province_id = p.id",
        "risk": f"FROM {risk} r WHERE r.province_id = p.id",
    }
    alias = {"sc": "s", "member": "m", "risk": "r"}
    columns = [
        f"(SELECT {agg} {where}) AS v_{name}_{i}"
        for name, where in tables.items()
        for i, agg in enumerate(
            ("COUNT(*)", f"MAX({alias[name]}.updated_at)", f"SUM({stamp_sql(vendor, alias[name] + '.updated_at')})")
        )
    ]
    return f"SELECT p.*, {', '.join(columns)} FROM {prov} p WHERE p.code = %s"  # noqa: S608 - our own tables


def province_page(user, code: str) -> tuple[Province, str]:
    """``province_by_code`` and the data version of what the province page draws (its subcommittee,
    members and risk groups: the rows' number, newest ``updated_at`` and the sum of every row's),
    in one plain SQL query: the page's cached cards are keyed on it (issue #12)."""
    from django.db import connection

    found = list(Province.objects.raw(_province_page_sql(connection.vendor), [code]))
    if not found or not user.access.can_read_province(found[0].pk):
        raise Http404("ไม่พบจังหวัด")
    province = found[0]
    parts = sorted((k, v) for k, v in vars(province).items() if k.startswith("v_"))
    return province, hashlib.blake2b(repr(parts).encode(), digest_size=8).hexdigest()


def subcommittee_by_code(user, code: str) -> Subcommittee:
    """The subcommittee of a visible province (with its province loaded); 404 outside scope or when none."""
    province = province_by_code(user, code)
    subcommittee = Subcommittee.objects.filter(province=province).select_related("province").first()
    if subcommittee is None:
        raise Http404("ไม่พบคณะอนุกรรมการ")
    return subcommittee


def risk_group_history(province: Province) -> QuerySet[RiskGroupAssignment]:
    return province.risk_groups.select_related("set_by").order_by("-fiscal_year")


def subcommittee_of(province: Province) -> Subcommittee | None:
    """The province's subcommittee with its current members (one query for members)."""
    return (
        Subcommittee.objects.filter(province=province)
        .select_related("province")
        .prefetch_related(
            Prefetch("members", queryset=Member.objects.current().select_related("user"), to_attr="current_members"),
            Prefetch(
                "members",
                queryset=Member.objects.filter(term_end__lt=timezone.localdate()).order_by("-term_end", "order"),
                to_attr="former_members",
            ),
        )
        .first()
    )


def member_for_edit(user, pk: int) -> Member:
    from committees.permissions import can_manage_subcommittee

    try:
        member = Member.objects.select_related("subcommittee__province").get(pk=pk)
    except Member.DoesNotExist:
        raise Http404 from None
    if not can_manage_subcommittee(user, member.subcommittee):
        raise Http404
    return member


@dataclass(frozen=True)
class RiskSheetRow:
    province: Province
    current: str | None
    previous: str | None
    source_document: str


def risk_group_sheet(fiscal_year: int) -> list[RiskSheetRow]:
    """All 77 provinces with their group this year and last (for the national bulk edit)."""
    qs = Province.objects.annotate(
        risk_group=_group_in(fiscal_year),
        previous_group=_group_in(fiscal_year - 1),
        source=_group_in(fiscal_year, "source_document"),
    ).order_by("code")
    return [RiskSheetRow(p, p.risk_group, p.previous_group, p.source or "") for p in qs]


def audit_events(user, *, province: Province | None = None) -> QuerySet[AuditEvent]:
    """Audit records the user may read: all for national officers, own provinces for secretariat."""
    from committees.choices import Role

    qs = AuditEvent.objects.select_related("actor", "province", "target_type")
    access = user.access
    if not access.is_national:
        qs = qs.filter(province_id__in=access.province_ids(Role.SECRETARIAT))
    if province is not None:
        qs = qs.filter(province=province)
    return qs


# --- people: accounts, roles, proposers' requests -------------------------------


def member_for_account(user, pk: int) -> Member:
    """A member whose account the user (the province's secretariat) manages; 404 otherwise."""
    from committees.permissions import can_invite_member

    member = Member.objects.select_related("subcommittee__province", "user").filter(pk=pk).first()
    if member is None or not can_invite_member(user, member):
        raise Http404
    return member


def role_grants(*, province: Province | None = None, user_query: str = "") -> QuerySet[RoleGrant]:
    """Grants for the national roles page (national officers only: the view checks)."""
    qs = RoleGrant.objects.select_related("user", "province", "granted_by").order_by(
        "province__code", "role", "user__username"
    )
    if province is not None:
        qs = qs.filter(province=province)
    if user_query:
        qs = qs.filter(
            Q(user__username__icontains=user_query)
            | Q(user__full_name__icontains=user_query)
            | Q(user__email__icontains=user_query)
        )
    return qs


def proposer_requests(province: Province) -> QuerySet[ProposerRequest]:
    return ProposerRequest.objects.filter(province=province).select_related("user", "decided_by")


def proposers_of(province: Province) -> QuerySet[RoleGrant]:
    return (
        RoleGrant.objects.filter(province=province, role=GrantRole.PROPOSER)
        .select_related("user")
        .order_by("user__full_name")
    )


def request_for_decision(user, pk: int) -> ProposerRequest:
    from committees.permissions import can_decide_proposers

    req = ProposerRequest.objects.select_related("province", "user").filter(pk=pk).first()
    if req is None or not can_decide_proposers(user, req.province):
        raise Http404
    return req


def my_requests(user) -> QuerySet[ProposerRequest]:
    return ProposerRequest.objects.filter(user=user).select_related("province")


def home_provinces(user, *, fiscal_year: int) -> QuerySet[Province]:
    """Every province where the user holds any role (proposers too), with its group this year."""
    return home_provinces_of(list(user.access.roles_by_province), fiscal_year=fiscal_year)


def home_provinces_of(province_ids, *, fiscal_year: int) -> QuerySet[Province]:
    """The provinces ``province_ids`` (the user's own, already resolved), with their group this year."""
    return Province.objects.filter(pk__in=province_ids).annotate(risk_group=_group_in(fiscal_year)).order_by("code")


def people_of(province_id: int, *, members: bool = True, secretariat: bool = True, chair_only: bool = False):
    """Active users who hold a current seat (members, chair) or a secretariat grant in the province.

    Notifications start from here, so nobody outside the province hears of its business.
    """
    from accounts.models import User
    from committees.choices import MemberRole

    seats = Member.objects.current().filter(subcommittee__province_id=province_id, user__isnull=False)
    if chair_only:
        seats = seats.filter(role=MemberRole.CHAIR)
    q = Q(pk__in=[])
    if members or chair_only:
        q |= Q(pk__in=seats.values("user_id"))
    if secretariat:
        q |= Q(pk__in=RoleGrant.objects.filter(province_id=province_id, role=GrantRole.SECRETARIAT).values("user_id"))
        q |= Q(pk__in=seats.filter(role__in=[MemberRole.SECRETARY, MemberRole.ASSISTANT_SECRETARY]).values("user_id"))
    return User.objects.filter(q, is_active=True)


# --- Reads for the reports app. ---


def fiscal_year_querysets_for_report(province: Province) -> list[QuerySet]:
    """Fiscal years in which the province has a risk group, as querysets the caller may union."""
    return [RiskGroupAssignment.objects.filter(province=province).order_by().values_list("fiscal_year", flat=True)]


def fiscal_years_for_report(province: Province) -> set[int]:
    """Fiscal years in which the province has a risk group (one query)."""
    return set(fiscal_year_querysets_for_report(province)[0])


def committee_for_report(province: Province, fiscal_year: int, on) -> dict:
    """The subcommittee, its members seated on ``on`` (in order) and the risk-group history up to the year."""
    subcommittee = Subcommittee.objects.filter(province=province).first()
    members = (
        list(Member.objects.current(on=on).filter(subcommittee=subcommittee).order_by("order", "id"))
        if subcommittee
        else []
    )
    history = list(
        RiskGroupAssignment.objects.filter(province=province, fiscal_year__lte=fiscal_year).order_by("-fiscal_year")
    )
    return {"subcommittee": subcommittee, "members": members, "history": history}


def committee_report_querysets(province: Province) -> tuple[QuerySet, ...]:
    """What the annual report reads of this app (for the report fingerprint)."""
    return (
        RiskGroupAssignment.objects.filter(province=province),
        Subcommittee.objects.filter(province=province),
        Member.objects.filter(subcommittee__province=province),
    )


def provinces_for_report(fiscal_year: int) -> list[Province]:
    """The 77 provinces in code order, each with ``risk_group`` of the year (None when unset)."""
    group = RiskGroupAssignment.objects.filter(province=OuterRef("pk"), fiscal_year=fiscal_year).values("group")[:1]
    return list(Province.objects.annotate(risk_group=Subquery(group)).order_by("code"))


def national_committee_querysets(fiscal_year: int) -> tuple[QuerySet, ...]:
    return (RiskGroupAssignment.objects.filter(fiscal_year=fiscal_year),)
