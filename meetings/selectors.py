"""Reads of meetings, agendas, attendance, quorum and minutes, starting from what the user may see.

Other apps may rely on: ``meetings_for``, ``meeting_for`` (404 outside scope),
``item_quorum``, ``meeting_quorum``, ``present_member_ids``,
``minutes_document`` and ``agenda_document`` (plain objects for the PDF
builder, in form 11 order).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from committees.choices import MemberRole
from committees.models import Member
from core import thaidate
from emeetings.presence import (  # e-meeting hook (issue 15)
    REMOTE_NOTE,
    checked_in_member_ids,
    left_member_ids,
    minutes_extra,
    report_querysets,
)
from meetings.choices import AttendanceStatus, MeetingState, SectionType
from meetings.models import (
    AgendaItem,
    AgendaPaper,
    Attendance,
    ConflictOfInterest,
    Meeting,
    Minutes,
    MinutesComment,
    MinutesVersion,
    Resolution,
)
from meetings.quorum import Quorum, quorum


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


def item_for(user, pk: int) -> AgendaItem:
    """One agenda item of a meeting the user may see (404 otherwise)."""
    ids = user.access.readable_province_ids()
    qs = AgendaItem.objects.select_related("meeting__subcommittee__province", "parent", "minutes_to_adopt")
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


def current_members(meeting: Meeting) -> list[Member]:
    """Members whose term covers the meeting's date, in seating order."""
    day = timezone.localtime(meeting.starts_at).date()
    return list(Member.objects.current(on=day).filter(subcommittee_id=meeting.subcommittee_id).order_by("order", "id"))


def attendance_rows(meeting: Meeting) -> list[Attendance]:
    return list(Attendance.objects.filter(meeting=meeting).select_related("member").order_by("order", "id"))


def present_member_querysets(meeting) -> list[QuerySet]:
    """The querysets (``member_id`` values) whose union is who is counted present; ``meeting`` may be an id.

    Other apps union them into a bigger query (the electorate of a vote, in one query)."""
    return [
        Attendance.objects.filter(
            meeting=meeting,
            member__isnull=False,
            status__in=[AttendanceStatus.PRESENT, AttendanceStatus.STAND_IN],
        )
        .exclude(member_id__in=left_member_ids(meeting))  # e-meeting hook (issue 15): checked in, then left
        .values_list("member_id", flat=True)
        .order_by(),
        checked_in_member_ids(meeting),  # e-meeting hook (issue 15): verified remote members count as present
    ]


def present_member_ids(meeting: Meeting) -> set[int]:
    """Ids of members counted present (in person or by a stand-in). Other apps use it to know who may vote."""
    first, *rest = present_member_querysets(meeting)
    return set(first.union(*rest))


def quorum_from(member_ids: set[int], present_ids: set[int], recused_ids: set[int] = frozenset()) -> Quorum:
    present = present_ids & member_ids
    recused = recused_ids & member_ids
    return quorum(
        current_members=len(member_ids),
        present=len(present),
        recused_present=len(recused & present),
        recused_absent=len(recused - present),
    )


def meeting_quorum(meeting: Meeting, *, present_ids: set[int] | None = None) -> Quorum:
    """Quorum of the meeting: current members on its date, present incl. stand-ins."""
    member_ids = {m.pk for m in current_members(meeting)}
    return quorum_from(member_ids, present_member_ids(meeting) if present_ids is None else present_ids)


def item_quorum(agenda_item: AgendaItem) -> Quorum:
    """Quorum for one item: current members less those with a declared conflict in it (they neither count nor vote).

    Other apps rely on it to decide whether a vote on the item may be taken.
    """
    meeting = agenda_item.meeting
    member_ids = {m.pk for m in current_members(meeting)}
    recused = set(ConflictOfInterest.objects.filter(agenda_item=agenda_item).values_list("member_id", flat=True))
    return quorum_from(member_ids, present_member_ids(meeting), recused)


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


def minutes_of(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).select_related("updated_by", "adopted_under_item__meeting").first()


def minutes_versions(minutes: Minutes) -> list[MinutesVersion]:
    return list(minutes.versions.select_related("saved_by").order_by("-number"))


def minutes_comments(minutes: Minutes) -> list[MinutesComment]:
    return list(minutes.comments.select_related("author", "agenda_item__parent").order_by("created_at", "id"))


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


# --- Documents (the HTML preview and the PDF builder read the same objects) ---------


@dataclass(frozen=True)
class Person:
    name: str
    position: str
    note: str = ""
    """``มาประชุมแทน <position>`` for a stand-in; the reason for an absent member."""


@dataclass(frozen=True)
class MinutesItem:
    number: str
    title: str
    is_section: bool
    discussion: str
    resolution: str
    """มติที่ประชุม (empty for a section whose sub-items carry the resolutions)."""
    outcome: str
    recusals: list[str] = field(default_factory=list)
    """``นาย ก. ไม่ร่วมพิจารณาและไม่ร่วมลงมติ เนื่องจากมีส่วนได้เสีย``, one line per recused member."""


@dataclass(frozen=True)
class MinutesDocument:
    """Form 11 (ระเบียบงานสารบรรณ) in order; every field is ready-to-print Thai text."""

    title: str
    body_name: str
    number_label: str
    date_text: str
    place: str
    present: list[Person]
    absent: list[Person]
    guests: list[Person]
    start_time: str
    opening: str
    items: list[MinutesItem]
    end_time: str
    recorder: Person
    checker: Person
    version: int
    is_adopted: bool
    adoption_note: str
    state_label: str
    chair: Person | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _seat(members: list[Member], role: str) -> Member | None:
    return next((m for m in members if m.role == role), None)


def initial_minutes_content(meeting: Meeting, sections: list[AgendaItem] | None = None) -> dict[str, Any]:
    """What a new draft starts from: times from the meeting, texts from the recorded resolutions."""
    sections = agenda(meeting) if sections is None else sections
    members = current_members(meeting)
    recorder = _seat(members, MemberRole.ASSISTANT_SECRETARY) or _seat(members, MemberRole.SECRETARY)
    checker = _seat(members, MemberRole.SECRETARY)
    items: dict[str, dict[str, str]] = {}
    for s in sections:
        for it in [s, *s.subitems]:
            res = getattr(it, "resolution", None) if has_resolution(it) else None
            if res is None and it.reports_circulation:
                # a circulated result reported under เรื่องเพื่อทราบ: the minutes start from the result
                items[str(it.pk)] = {"discussion": it.description, "resolution": "ที่ประชุมรับทราบ"}
                continue
            items[str(it.pk)] = {
                "discussion": res.discussion if res else "",
                "resolution": res.text if res else "",
            }
    return {
        "start_time": thaidate.format_time(meeting.starts_at).replace(" น.", ""),
        "end_time": thaidate.format_time(meeting.ended_at).replace(" น.", "") if meeting.ended_at else "",
        "opening": "เมื่อครบองค์ประชุมแล้ว ประธานกล่าวเปิดการประชุมและดำเนินการประชุมตามระเบียบวาระ ดังนี้",
        "recorder_name": recorder.full_name if recorder else "",
        "recorder_position": recorder.position if recorder else "",
        "checker_name": checker.full_name if checker else "",
        "checker_position": checker.position if checker else "",
        "items": items,
    }


def minutes_adopted(meeting: Meeting) -> bool:
    """Once the minutes are adopted, their resolutions are final (until then, drafts)."""
    return (
        meeting.state == MeetingState.ADOPTED
        or Minutes.objects.filter(meeting=meeting, adopted_on__isnull=False).exists()
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


def with_resolutions(content: dict[str, Any], sections: list[AgendaItem]) -> dict[str, Any]:
    """The draft with each recorded resolution's one text: what the item page says is what the minutes say."""
    items = {k: dict(v) for k, v in (content.get("items") or {}).items()}
    for s in sections:  # sections with ``subitems``, or a flat list of items
        for it in [s, *getattr(s, "subitems", [])]:
            if has_resolution(it):
                items.setdefault(str(it.pk), {"discussion": "", "resolution": ""})["resolution"] = it.resolution.text
    return {**content, "items": items}


def recusal_lines(item: AgendaItem) -> list[str]:
    """How a secretariat writes a recusal under the item (``conflicts`` prefetched by ``agenda``)."""
    return [
        f"{c.member.full_name} ไม่ร่วมพิจารณาและไม่ร่วมลงมติ เนื่องจากมีส่วนได้เสีย"
        for c in sorted(item.conflicts.all(), key=lambda c: (c.member.order, c.member_id))
    ]


def chair_capacity_text(meeting: Meeting) -> str:
    """``ประธานในที่ประชุม`` with the acting capacity when the chair is not the governor."""
    from committees.choices import ChairCapacity

    if not meeting.chair_name:
        return ""
    if meeting.chair_capacity in ("", ChairCapacity.GOVERNOR, ChairCapacity.OTHER):
        return "ประธานในที่ประชุม"
    return f"ประธานในที่ประชุม ในฐานะ{ChairCapacity(meeting.chair_capacity).label}"


def has_resolution(item: AgendaItem) -> bool:
    try:
        item.resolution  # noqa: B018 - loaded by select_related; raises when absent
    except Resolution.DoesNotExist:
        return False
    return True


def _time_text(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    return value if value.endswith("น.") else f"{value} น."


def minutes_document(
    meeting: Meeting, *, content: dict[str, Any] | None = None, sections=None, for_text: bool = False
) -> MinutesDocument:
    """The minutes as form 11 lays them out, from the saved draft (or the adopted version), else pre-filled.

    ``content`` overrides the stored text (an unsaved form, or an older version).
    The reports app renders this same object to PDF. ``sections``: the agenda already read.
    ``for_text`` (with ``content``): only what ``minutes_text`` prints, without the stored minutes'
    version, adoption note and e-meeting additions (which it does not print), so fewer queries.
    """
    sections = sections if sections is not None else agenda(meeting)
    minutes = None if for_text and content is not None else minutes_of(meeting)
    if content is None:
        if minutes and minutes.version:
            content = minutes.content if minutes.is_adopted else with_resolutions(minutes.content, sections)
        else:
            content = initial_minutes_content(meeting, sections)
    texts = content.get("items", {})
    present, absent, guests = [], [], []
    rows = attendance_rows(meeting)
    came = {
        a.member_id for a in rows if a.member_id and a.status in (AttendanceStatus.PRESENT, AttendanceStatus.STAND_IN)
    }
    # e-meeting hook (issue 15); the version's plain text (``for_text``) prints none of it
    extra = {} if for_text else minutes_extra(meeting, minutes, present_ids=came)
    online = extra.get("remote_ids", set())
    for att in rows:
        if att.status == AttendanceStatus.PRESENT:
            present.append(
                Person(att.member.full_name, att.member.position, REMOTE_NOTE if att.member_id in online else "")
            )
        elif att.status == AttendanceStatus.STAND_IN:
            present.append(Person(att.person_name, att.person_position, f"มาประชุมแทน {att.member.position}"))
        elif att.status == AttendanceStatus.ABSENT:
            absent.append(Person(att.member.full_name, att.member.position, att.absence_reason))
        else:
            position = " ".join(p for p in (att.person_position, att.person_agency) if p)
            guests.append(Person(att.person_name, position))
    items = []
    for s in sections:
        for it in [s, *s.subitems]:
            if it.withdrawn_at:
                continue  # withdrawn before the meeting: not in the minutes
            text = texts.get(str(it.pk), {})
            res = it.resolution if has_resolution(it) else None
            items.append(
                MinutesItem(
                    number=f"ระเบียบวาระที่ {it.number}" if it.parent_id is None else it.number,
                    title=it.title,
                    is_section=it.parent_id is None,
                    discussion=text.get("discussion", ""),
                    resolution=text.get("resolution", ""),
                    outcome=res.get_outcome_display() if res else "",
                    recusals=recusal_lines(it),
                )
            )
    adoption_note = ""
    if minutes and minutes.is_adopted:
        how = minutes.get_adoption_method_display()
        adoption_note = _("รับรองแล้วเมื่อวันที่ %(date)s (%(how)s)") % {
            "date": thaidate.format_date(minutes.adopted_on),
            "how": how,
        }
        if minutes.adopted_under_item_id:
            adoption_note += _(" ในการประชุม%(meeting)s") % {"meeting": minutes.adopted_under_item.meeting.label}
    chair = (
        Person(meeting.chair_name, meeting.chair_position, chair_capacity_text(meeting)) if meeting.chair_name else None
    )
    return MinutesDocument(
        title=_("รายงานการประชุม"),
        body_name=meeting.subcommittee.name,
        number_label=meeting.label,
        date_text=_("เมื่อวันที่ %(date)s") % {"date": thaidate.format_date(meeting.starts_at)},
        place=_("ณ %(place)s") % {"place": meeting.place},
        present=present,
        absent=absent,
        guests=guests,
        start_time=_time_text(content.get("start_time", "")),
        opening=content.get("opening", ""),
        items=items,
        end_time=_time_text(content.get("end_time", "")),
        recorder=Person(content.get("recorder_name", ""), content.get("recorder_position", "")),
        checker=Person(content.get("checker_name", ""), content.get("checker_position", "")),
        version=minutes.version if minutes else 0,
        is_adopted=bool(minutes and minutes.is_adopted),
        adoption_note=adoption_note,
        state_label=meeting.get_state_display(),
        chair=chair,
        extra=extra,  # e-meeting hook (issue 15): decree statement, online members, recordings, ledger hash
    )


def minutes_text(meeting: Meeting, content: dict[str, Any], *, sections=None) -> str:
    """The minutes as plain text (kept with each version; compared line by line): a record, so Thai."""
    with translation.override("th"):
        doc = minutes_document(meeting, content=content, sections=sections, for_text=True)
    lines = [f"{doc.title}{doc.body_name}", doc.number_label, doc.date_text, doc.place]
    if doc.chair:
        lines.append(f"{doc.chair.note} {doc.chair.name} {doc.chair.position}")
    lines += ["", "ผู้มาประชุม"]
    lines += [f"{i}. {p.name} {p.position} {p.note}".rstrip() for i, p in enumerate(doc.present, 1)]
    if doc.absent:
        lines += ["", "ผู้ไม่มาประชุม"]
        lines += [
            f"{i}. {p.name} {p.position} ({p.note})" if p.note else f"{i}. {p.name} {p.position}"
            for i, p in enumerate(doc.absent, 1)
        ]
    if doc.guests:
        lines += ["", "ผู้เข้าร่วมประชุม"]
        lines += [f"{i}. {p.name} {p.position}".rstrip() for i, p in enumerate(doc.guests, 1)]
    lines += ["", f"เริ่มประชุมเวลา {doc.start_time}", doc.opening]
    for it in doc.items:
        lines += ["", f"{it.number} {it.title}"]
        if it.discussion:
            lines += it.discussion.splitlines()
        lines += it.recusals
        if it.resolution:
            lines.append("มติที่ประชุม")
            lines += it.resolution.splitlines()
    lines += ["", f"เลิกประชุมเวลา {doc.end_time}", ""]
    lines += [f"{doc.recorder.name}", f"{doc.recorder.position}", "ผู้จดรายงานการประชุม", ""]
    lines += [f"{doc.checker.name}", f"{doc.checker.position}", "ผู้ตรวจรายงานการประชุม"]
    return "\n".join(lines)


@dataclass(frozen=True)
class AgendaPaperRow:
    name: str
    kind: str
    size: int
    pk: int


@dataclass(frozen=True)
class AgendaEntry:
    number: str
    title: str
    section_type: str
    is_section: bool
    description: str
    presenter: str
    papers: list[AgendaPaperRow]
    minutes_to_adopt: str = ""


@dataclass(frozen=True)
class AgendaDocument:
    """ระเบียบวาระการประชุม: heading lines and the entries in order (sections, then their sub-items)."""

    title: str
    body_name: str
    number_label: str
    date_text: str
    time_text: str
    place: str
    online_link: str
    entries: list[AgendaEntry]
    cancelled: bool


def agenda_document(meeting: Meeting) -> AgendaDocument:
    """The agenda as a plain object (the reports app renders it to PDF)."""
    entries = []
    for s in agenda(meeting):
        for it in [s, *s.subitems]:
            entries.append(
                AgendaEntry(
                    number=f"ระเบียบวาระที่ {it.number}" if it.parent_id is None else it.number,
                    title=it.title,
                    section_type=it.section_type,
                    is_section=it.parent_id is None,
                    description=it.description,
                    presenter=it.presenter,
                    papers=[AgendaPaperRow(p.display_name, p.kind_label, p.size, p.pk) for p in it.papers.all()],
                    minutes_to_adopt=it.minutes_to_adopt.label if it.parent_id is None and it.minutes_to_adopt else "",
                )
            )
    return AgendaDocument(
        title="ระเบียบวาระการประชุม",
        body_name=meeting.subcommittee.name,
        number_label=meeting.label,
        date_text=f"วันที่ {thaidate.format_date(meeting.starts_at)}",
        time_text=f"เวลา {thaidate.format_time(meeting.starts_at)}",
        place=f"ณ {meeting.place}",
        online_link=meeting.online_link,
        entries=entries,
        cancelled=meeting.state == MeetingState.CANCELLED,
    )


def upcoming(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.filter(starts_at__gte=timezone.now() - dt.timedelta(hours=12)).exclude(state=MeetingState.CANCELLED)


# --- Reads for the reports app (the PDF and Word documents); reports/ reads meetings only through these. ---


def _office_position(position: str, agency: str, province_name: str) -> str:
    """A position with its office when the position alone does not say where ("หัวหน้ากลุ่ม… สนง.พมจ.สมุทรปราการ")."""
    position, agency = (position or "").strip(), (agency or "").strip()
    if agency and agency not in position and province_name not in position and province_name in agency:
        return f"{position} {agency}"
    return position


def minutes_for_report(meeting: Meeting) -> dict[str, Any]:
    """The minutes as printed (form 11): ``doc`` (``minutes_document``) plus what the printed form adds.

    ``present``/``absent``/``guests`` rows carry ``name``, ``position`` (with its office),
    ``role`` (the seat's role in the subcommittee: ประธานอนุกรรมการ …) and ``note``;
    ``items`` flag sections with nothing under them (printed "- ไม่มี -"); ``adoption_note``
    reads "รับรองในการประชุมครั้งที่ 2/2564 เมื่อวันที่ … (ระเบียบวาระที่ 2)".
    """
    doc = minutes_document(meeting)
    province_name = meeting.subcommittee.province.name_th
    present, absent, guests = [], [], []
    by_name: dict[str, str] = {}
    for att in attendance_rows(meeting):
        member = att.member
        if member is not None:
            role = member.get_role_display()
            if meeting.chair_member_id == member.pk and member.role != MemberRole.CHAIR:
                role = f"ประธานในที่ประชุม ({role})"
            position = _office_position(member.position, member.agency, province_name)
            by_name[member.full_name] = position
        if att.status == AttendanceStatus.PRESENT:
            note = REMOTE_NOTE if att.member_id in doc.extra.get("remote_ids", ()) else ""
            present.append({"name": member.full_name, "position": position, "role": role, "note": note})
        elif att.status == AttendanceStatus.STAND_IN:
            present.append(
                {
                    "name": att.person_name,
                    "position": att.person_position,
                    "role": role,
                    "note": f"มาประชุมแทน {position}",
                }
            )
        elif att.status == AttendanceStatus.ABSENT:
            absent.append({"name": member.full_name, "position": position, "role": role, "note": att.absence_reason})
        else:
            guests.append(
                {
                    "name": att.person_name,
                    "position": " ".join(p for p in (att.person_position, att.person_agency) if p),
                    "role": "",
                    "note": "",
                }
            )
    items = []
    entries = list(doc.items)
    for i, it in enumerate(entries):
        has_children = it.is_section and i + 1 < len(entries) and not entries[i + 1].is_section
        empty = not (has_children or it.discussion.strip() or it.resolution.strip())
        items.append({"item": it, "empty": empty})
    minutes = minutes_of(meeting)
    adoption_note = ""
    if minutes and minutes.is_adopted:
        from meetings.choices import AdoptionMethod

        on = thaidate.format_date(minutes.adopted_on) if minutes.adopted_on else ""
        under = minutes.adopted_under_item
        if under is not None:
            number = under.parent.order if under.parent_id else under.order
            adoption_note = f"รับรองในการประชุม{under.meeting.label} เมื่อวันที่ {on} (ระเบียบวาระที่ {number})"
        elif minutes.adoption_method == AdoptionMethod.CIRCULATION:
            adoption_note = f"รับรองโดยการเวียนเมื่อวันที่ {on}"
        else:
            adoption_note = f"รับรองในการประชุม{meeting.label} เมื่อวันที่ {on}"

    def signer(person: Person) -> dict[str, str]:
        position = by_name.get(person.name) or person.position
        if person.position and person.position not in position:
            position = person.position
        return {"name": person.name, "position": position}

    return {
        "doc": doc,
        "present": present,
        "absent": absent,
        "guests": guests,
        "items": items,
        "recorder": signer(doc.recorder),
        "checker": signer(doc.checker),
        "adoption_note": adoption_note,
    }


def agenda_for_report(meeting: Meeting) -> dict[str, Any]:
    """The agenda as printed: ``doc`` (``agenda_document``) plus each entry's papers as stored files."""
    doc = agenda_document(meeting)
    return {"doc": doc}


def meeting_report_querysets(meeting_id: int) -> tuple[QuerySet, ...]:
    """What the minutes, the agenda and the packet read (for the report fingerprint)."""
    return (
        Meeting.objects.filter(pk=meeting_id),
        AgendaItem.objects.filter(meeting_id=meeting_id),
        Attendance.objects.filter(meeting_id=meeting_id),
        Resolution.objects.filter(agenda_item__meeting_id=meeting_id),
        Minutes.objects.filter(meeting_id=meeting_id),
        Minutes.objects.filter(adopted_under_item__meeting_id=meeting_id),
        AgendaPaper.objects.filter(agenda_item__meeting_id=meeting_id),
        Member.objects.filter(attendance__meeting_id=meeting_id),
        *report_querysets(meeting_id),  # e-meeting hook (issue 15): mode, joins and leaves, recordings
    )


def fiscal_year_querysets_for_report(province) -> list[QuerySet]:
    """Fiscal years in which the province's subcommittee has a meeting that was not cancelled (to union)."""
    return [
        Meeting.objects.filter(subcommittee__province=province)
        .exclude(state=MeetingState.CANCELLED)
        .order_by()
        .values_list("fiscal_year", flat=True)
    ]


def fiscal_years_for_report(province) -> set[int]:
    """Fiscal years in which the province's subcommittee has a meeting that was not cancelled (one query)."""
    return set(fiscal_year_querysets_for_report(province)[0].distinct())


def packet_for_report(meeting: Meeting) -> dict[str, Any]:
    """What the meeting packet binds, in agenda order: the agenda, each item's papers (stored files),
    and the meetings whose minutes this meeting adopts (under item 2)."""
    entries = []
    to_adopt = []
    for s in agenda(meeting):
        if s.minutes_to_adopt_id:
            to_adopt.append((s, s.minutes_to_adopt))
        for it in [s, *s.subitems]:
            entries.append({"item": it, "number": it.number, "title": it.title, "papers": list(it.papers.all())})
    return {"agenda": agenda_for_report(meeting), "entries": entries, "minutes_to_adopt": to_adopt}


def packet_report_meeting_ids(meeting_id: int) -> list[int]:
    """The meetings whose minutes this meeting adopts (their minutes go into its packet)."""
    return list(
        AgendaItem.objects.filter(meeting_id=meeting_id, minutes_to_adopt__isnull=False).values_list(
            "minutes_to_adopt_id", flat=True
        )
    )


def meetings_for_report(subcommittee, fiscal_year: int, *, members: int) -> list[Meeting]:
    """The year's meetings (not cancelled) with attendance counts, quorum (``members`` seated) and their
    resolutions in agenda order (three queries)."""
    if subcommittee is None:
        return []
    items = AgendaItem.objects.filter(resolution__isnull=False).select_related("resolution", "parent").order_by("id")
    meetings = list(
        Meeting.objects.filter(subcommittee=subcommittee, fiscal_year=fiscal_year)
        .exclude(state=MeetingState.CANCELLED)
        .annotate(
            n_present=Count("attendance", filter=Q(attendance__status=AttendanceStatus.PRESENT)),
            n_stand_in=Count("attendance", filter=Q(attendance__status=AttendanceStatus.STAND_IN)),
            n_absent=Count("attendance", filter=Q(attendance__status=AttendanceStatus.ABSENT)),
            n_guest=Count("attendance", filter=Q(attendance__status=AttendanceStatus.GUEST)),
        )
        .prefetch_related(Prefetch("agenda_items", queryset=items, to_attr="resolved_items"))
        .order_by("starts_at")
    )
    for m in meetings:
        m.n_attending = m.n_present + m.n_stand_in
        m.has_quorum = bool(members) and m.n_attending * 2 >= members
        m.resolved_items.sort(key=lambda i: (i.parent.order if i.parent_id else i.order, i.order if i.parent_id else 0))
    return meetings


def meetings_year_querysets(*, province=None, fiscal_year: int) -> tuple[QuerySet, ...]:
    """What the annual report (a province) or the national summary (all) read of meetings."""
    meetings = Meeting.objects.filter(fiscal_year=fiscal_year)
    if province is not None:
        meetings = meetings.filter(subcommittee__province=province)
        return (
            meetings,
            AgendaItem.objects.filter(meeting__in=meetings),
            Attendance.objects.filter(meeting__in=meetings),
            Resolution.objects.filter(agenda_item__meeting__in=meetings),
        )
    return (meetings,)


HELD_STATES = (MeetingState.HELD, MeetingState.MINUTES_DRAFTED, MeetingState.CIRCULATED, MeetingState.ADOPTED)


def meetings_held_by_province(fiscal_year: int) -> dict[int, int]:
    """``{province id: meetings held}`` in a fiscal year (one grouped query)."""
    return dict(
        Meeting.objects.filter(fiscal_year=fiscal_year, state__in=HELD_STATES)
        .values_list("subcommittee__province")
        .annotate(n=Count("pk"))
        .order_by()
    )


def meeting_by_id_for_report(pk: int) -> Meeting:
    """One meeting for its documents; 404 when missing (scope is checked by the reports app)."""
    try:
        return Meeting.objects.select_related("subcommittee__province").get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404("ไม่พบการประชุม") from None
