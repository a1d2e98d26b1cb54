"""Meeting lists, create and edit, the meeting page, its state buttons, invitations, the calendar file and the resolution search."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from committees.choices import ChairCapacity, Role
from committees.selectors import subcommittee_by_code, visible_provinces
from core import cache
from core.pagination import paginate
from core.permissions import require
from core.workflow import TransitionRefused
from meetings import permissions as perms
from meetings import selectors, services
from meetings.choices import AttendanceStatus
from meetings.forms import (
    MeetingFilterForm,
    MeetingForm,
    ReasonForm,
    ResolutionSearchForm,
)
from meetings.ics import ics_filename, meeting_ics
from meetings.views.common import form_errors, meeting_flags
from meetings.workflow import BUTTON_TRANSITIONS, MEETING_WORKFLOW


@require_safe
def meeting_list(request):
    provinces = list(visible_provinces(request.user).order_by("code"))
    form = MeetingFilterForm(request.GET or None, provinces=provinces)
    filters = {}
    if form.is_valid():
        filters = {
            "province_code": form.cleaned_data["province"] or None,
            "fiscal_year": form.cleaned_data["fiscal_year"] or None,
            "state": form.cleaned_data["state"] or None,
        }
    meetings = selectors.meetings_for(request.user, **filters)
    # The rows are drawn once per change of the meetings behind them (one query: the version and
    # the count the pages need) and of the page's item counts (one grouped query for the page's
    # ids), per reader's scope, filters and page.
    count, version = cache.counted_version(meetings)
    page = paginate(request, meetings, count=count)
    start = (page.number - 1) * page.paginator.per_page
    counts = selectors.page_item_counts(meetings, start, page.paginator.per_page)
    scope = cache.scope_key(request.user)
    filters_key = cache.query_key(request)
    items = hashlib.blake2b(repr(counts).encode(), digest_size=8).hexdigest()
    schedulable = [p for p in provinces if request.user.access.has(p.pk, Role.SECRETARIAT)]
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "filter_form": cache.rendered(
                f"meeting-filter:{scope}:{filters_key}", "meetings/partials/meeting_filter.html", lambda: {"form": form}
            ),
            "rows_table": cache.rendered(
                f"meetings:{scope}:{filters_key}:{version}:{items}:page{page.number}",
                "meetings/partials/meeting_rows.html",
                lambda: {"meetings": selectors.with_item_counts(page.object_list)},
            ),
            "page": page,
            "schedulable": schedulable,
        },
    )


@require_safe
def my_meetings(request):
    meetings = selectors.my_meetings(request.user)
    now = timezone.now()
    return render(
        request,
        "meetings/my_meetings.html",
        {
            "upcoming": [m for m in meetings if m.starts_at >= now and m.state != "cancelled"],
            "past": [m for m in meetings if m.starts_at < now or m.state == "cancelled"][:30],
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request, code):
    subcommittee = subcommittee_by_code(request.user, code)
    require(perms.can_schedule_meeting(request.user, subcommittee))
    form = MeetingForm(request.POST or None, subcommittee=subcommittee)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            meeting = services.schedule_meeting(
                actor=request.user,
                subcommittee=subcommittee,
                starts_at=d["starts_at"],
                place=d["place"],
                online_link=d["online_link"],
                chair_member=d["chair_member"],
                chair_capacity=d["chair_capacity"],
                number=d["number"],
                swap_follow_up=d["swap_follow_up"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("นัดประชุม%(label)s แล้ว") % {"label": meeting.label})
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "subcommittee": subcommittee})


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    require(perms.can_edit_meeting(request.user, meeting))
    local = timezone.localtime(meeting.starts_at)
    initial = {
        "date": local.date(),
        "time": f"{local:%H.%M}",
        "place": meeting.place,
        "online_link": meeting.online_link,
        "chair_member": meeting.chair_member_id,
        "chair_capacity": meeting.chair_capacity,
    }
    form = MeetingForm(request.POST or None, initial=initial, subcommittee=meeting.subcommittee, editing=True)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.update_meeting(
                actor=request.user,
                meeting=meeting,
                starts_at=d["starts_at"],
                place=d["place"],
                online_link=d["online_link"],
                chair_member=d["chair_member"],
                chair_capacity=d["chair_capacity"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกรายละเอียดการประชุมแล้ว"))
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request, "meetings/meeting_form.html", {"form": form, "subcommittee": meeting.subcommittee, "meeting": meeting}
    )


def _chair_capacity(meeting) -> str:
    """The acting capacity shown beside the chair's name on the page, in the reader's language ("" for the governor)."""
    if not meeting.chair_name or meeting.chair_capacity in ("", ChairCapacity.GOVERNOR, ChairCapacity.OTHER):
        return ""
    return _("ในฐานะ%(capacity)s") % {"capacity": ChairCapacity(meeting.chair_capacity).label}


@require_safe
def meeting_detail(request, pk):
    # The body (details, agenda, attendance, quorum) is the same for every reader of the meeting: drawn once
    # per fingerprint of the rows it shows and language; only the buttons are drawn per request (issue #12).
    # A kept body costs one query (``meeting_page_head``); drawing it, 6 more.
    head = selectors.meeting_page_head(request.user, pk)
    body = [None]

    def draw() -> tuple[str, str, str]:
        meeting = selectors.meeting_for(request.user, head.meeting.pk)
        attendance = selectors.attendance_rows(meeting)
        present = {
            a.member_id
            for a in attendance
            if a.member_id is not None and a.status in (AttendanceStatus.PRESENT, AttendanceStatus.STAND_IN)
        }
        ctx = {
            "meeting": meeting,
            "sections": selectors.agenda(meeting),
            "quorum": selectors.meeting_quorum(meeting, present_ids=present),
            "attendance": attendance,
            "chair_capacity": _chair_capacity(meeting),
        }
        body[0] = meeting
        return tuple(
            render_to_string(f"meetings/partials/{name}.html", ctx)
            for name in ("nav", "meeting_main_column", "meeting_attendance_box")
        )

    if head.fingerprint is None:
        nav, main_column, attendance_box = draw()
    else:
        nav, main_column, attendance_box = cache.remember(
            f"meeting-body:v2:{head.meeting.pk}:{head.fingerprint}:{get_language()}", draw, timeout=3600
        )
    meeting = body[0] or head.meeting
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            # our own templates' output, nothing per request in it
            "nav": mark_safe(nav),  # noqa: S308
            "main_column": mark_safe(main_column),  # noqa: S308
            "attendance_box": mark_safe(attendance_box),  # noqa: S308
            **meeting_flags(request.user, meeting, minutes_saved=bool(head.minutes_version)),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_transition(request, pk, name):
    meeting = selectors.meeting_for(request.user, pk)
    if name not in BUTTON_TRANSITIONS:
        raise Http404
    t = MEETING_WORKFLOW.get(name)
    roles = perms.roles_on(request.user, meeting)
    probe = {"reason": "-"} if t.needs_reason else {}
    require(MEETING_WORKFLOW.check(meeting, name, roles, probe))
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.fire_transition(actor=request.user, meeting=meeting, name=name, reason=form.cleaned_data["reason"])
        except TransitionRefused as exc:
            form.add_error("reason", exc.messages[0])
        else:
            messages.success(request, _("%(label)sแล้ว") % {"label": t.label})
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/transition_confirm.html", {"meeting": meeting, "t": t, "form": form})


@require_http_methods(["GET", "POST"])
def meeting_invite(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    require(perms.can_manage_meeting(request.user, meeting))
    verdict = perms.can_send_invitations(request.user, meeting)
    if request.method == "POST":
        try:
            services.send_invitations(actor=request.user, meeting=meeting)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("ส่งหนังสือเชิญประชุมทางอีเมลแล้ว (พร้อมไฟล์ปฏิทิน .ics)"))
            return redirect("meetings:detail", pk=meeting.pk)
    members = selectors.current_members(meeting)
    return render(
        request,
        "meetings/invite_confirm.html",
        {"meeting": meeting, "verdict": verdict, "members": members, "with_email": [m for m in members if m.email]},
    )


@require_safe
def meeting_ics_download(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(meeting)}"'
    return response


@require_safe
def resolution_search(request):
    form = ResolutionSearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    results = selectors.resolutions_search(request.user, q=q)[:100] if q else []
    return render(request, "meetings/resolution_search.html", {"form": form, "results": results, "q": q})
