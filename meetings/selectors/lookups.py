"""Meetings, items and papers the user may see (404 outside scope), and the lists of meetings and resolutions."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from committees.models import Member
from meetings.choices import MeetingState
from meetings.models import (
    AgendaItem,
    AgendaPaper,
    Meeting,
    Resolution,
)


def _scoped(user) -> QuerySet[Meeting]:
    ids = user.access.readable_province_ids()
    qs = Meeting.objects.select_related("subcommittee__province", "chair_member")
    return qs if ids is None else qs.filter(subcommittee__province_id__in=ids)


def meetings_for(
    user,
    *,
    province_code: str | None = None,
    fiscal_year: int | None = None,
    state: str | None = None,
) -> QuerySet[Meeting]:
    """Meetings the user may see, newest first, optionally filtered (``with_item_counts`` counts a page's items)."""
    qs = _scoped(user)
    if province_code:
        qs = qs.filter(subcommittee__province__code=province_code)
    if fiscal_year:
        qs = qs.filter(fiscal_year=fiscal_year)
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-starts_at", "-id")


def annotate_item_counts(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """``item_count`` (sub-items) as a correlated subquery: evaluated only for the rows fetched
    (an API page, a streamed export), never as a count over every item of the country."""
    from django.db.models import IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    counts = (
        AgendaItem.objects.filter(meeting=OuterRef("pk"), parent__isnull=False)
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.annotate(item_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0))


def page_item_counts(meetings: QuerySet[Meeting], start: int, size: int) -> list[tuple[int, int]]:
    """``(meeting id, sub-items)`` of the rows ``start`` to ``start + size`` of ``meetings`` that have
    sub-items, in one grouped query: the page's ids as a subquery of plain SQL (compiling the
    annotated queryset cost more CPU than the list's cached page itself, issue #12)."""
    from django.core.exceptions import EmptyResultSet
    from django.db import connections

    try:
        ids, params = meetings.values_list("pk")[start : start + size].query.sql_with_params()
    except EmptyResultSet:
        return []
    items = AgendaItem._meta.db_table
    sql = (
        f"SELECT i.meeting_id, COUNT(*) FROM {items} i WHERE i.parent_id IS NOT NULL"  # noqa: S608 - Django's own SQL
        f" AND i.meeting_id IN (SELECT * FROM ({ids}) page) GROUP BY i.meeting_id ORDER BY i.meeting_id"
    )
    with connections[meetings.db].cursor() as cur:
        cur.execute(sql, params)
        return [tuple(row) for row in cur.fetchall()]


def with_item_counts(meetings) -> list[Meeting]:
    """Give each meeting of a page its ``item_count`` (sub-items), in one grouped query for the page only."""
    meetings = list(meetings)
    counts = dict(
        AgendaItem.objects.filter(meeting__in=[m.pk for m in meetings], parent__isnull=False)
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values_list("meeting", "n")
    )
    for m in meetings:
        m.item_count = counts.get(m.pk, 0)
    return meetings


def meeting_for(user, pk: int) -> Meeting:
    """One meeting the user may see; another province's gives the same 404 as a missing one."""
    try:
        return _scoped(user).select_related("created_by").get(pk=pk)
    except (Meeting.DoesNotExist, ValueError):
        raise Http404("ไม่พบการประชุม") from None


def item_for(user, pk: int, *, page: bool = False) -> AgendaItem:
    """One agenda item of a meeting the user may see (404 otherwise).

    ``page``: with what the item page shows in the same query: its resolution (or none) and
    ``minutes_are_adopted`` (the meeting's minutes adopted, so its resolutions are final)."""
    ids = user.access.readable_province_ids()
    qs = AgendaItem.objects.select_related("meeting__subcommittee__province", "parent", "minutes_to_adopt")
    if page:
        from django.db.models import Exists, OuterRef

        from meetings.models import Minutes

        adopted = Minutes.objects.filter(meeting_id=OuterRef("meeting_id"), adopted_on__isnull=False)
        qs = qs.select_related("resolution").annotate(minutes_are_adopted=Exists(adopted))
    if ids is not None:
        qs = qs.filter(meeting__subcommittee__province_id__in=ids)
    try:
        return qs.get(pk=pk)
    except AgendaItem.DoesNotExist:
        raise Http404("ไม่พบระเบียบวาระ") from None


def paper_for(user, pk: int) -> AgendaPaper:
    """One paper of a meeting the user may see (404 otherwise): the only way to a stored paper."""
    ids = user.access.readable_province_ids()
    qs = AgendaPaper.objects.select_related("agenda_item__meeting__subcommittee").filter(removed_at__isnull=True)
    if ids is not None:
        qs = qs.filter(agenda_item__meeting__subcommittee__province_id__in=ids)
    try:
        return qs.get(pk=pk)
    except AgendaPaper.DoesNotExist:
        raise Http404("ไม่พบไฟล์") from None


def my_meetings(user) -> QuerySet[Meeting]:
    """Meetings of the subcommittees where the user holds a current seat, upcoming first."""
    seats = Member.objects.current().filter(user=user).values("subcommittee_id")
    return (
        Meeting.objects.filter(subcommittee_id__in=seats)
        .select_related("subcommittee__province")
        .order_by("-starts_at")
    )


def resolutions_search(user, *, q: str = "", province_code: str | None = None) -> QuerySet[Resolution]:
    """Resolutions the user may see whose text, discussion or item title contains ``q`` (Thai, case-insensitive)."""
    ids = user.access.readable_province_ids()
    qs = Resolution.objects.select_related(
        "agenda_item__meeting__subcommittee__province", "agenda_item__parent"
    ).exclude(agenda_item__meeting__state=MeetingState.CANCELLED)
    if ids is not None:
        qs = qs.filter(agenda_item__meeting__subcommittee__province_id__in=ids)
    if province_code:
        qs = qs.filter(agenda_item__meeting__subcommittee__province__code=province_code)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(text__icontains=q) | Q(discussion__icontains=q) | Q(agenda_item__title__icontains=q))
    return qs.order_by("-agenda_item__meeting__starts_at", "agenda_item__parent__order", "agenda_item__order")


def upcoming(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.filter(starts_at__gte=timezone.now() - dt.timedelta(hours=12)).exclude(state=MeetingState.CANCELLED)
