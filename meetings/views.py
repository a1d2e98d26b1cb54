"""Meeting pages. Views read through selectors, write through services, and pass ready-made flags to templates."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from committees.choices import ChairCapacity, Role
from committees.models import Member
from committees.selectors import subcommittee_by_code, visible_provinces
from core.pagination import paginate
from core.permissions import require
from core.uploads import file_response
from core.workflow import TransitionRefused
from emeetings.presence import checkin_labels  # e-meeting hook (issue 15)
from meetings import permissions as perms
from meetings import selectors, services
from meetings.choices import AttendanceStatus, SectionType
from meetings.forms import (
    AdoptForm,
    AgendaItemEditForm,
    AgendaItemForm,
    AttendanceForm,
    CommentForm,
    ConflictForm,
    GuestForm,
    MeetingFilterForm,
    MeetingForm,
    MinutesForm,
    PaperForm,
    ReasonForm,
    ResolutionForm,
    ResolutionSearchForm,
)
from meetings.ics import ics_filename, meeting_ics
from meetings.models import Meeting, MinutesVersion
from meetings.workflow import BUTTON_TRANSITIONS, MEETING_WORKFLOW


def _flags(user, meeting, minutes=False) -> dict:
    """What the meeting's pages may offer; ``minutes``: the meeting's minutes when already loaded (or None)."""
    roles = perms.roles_on(user, meeting)
    ctx = {} if minutes is False else {"minutes_saved": bool(minutes and minutes.version)}
    return {
        "can_manage": bool(perms.can_manage_meeting(user, meeting)),
        "can_edit": bool(perms.can_edit_meeting(user, meeting)),
        "can_edit_agenda": bool(perms.can_edit_agenda(user, meeting)),
        "can_invite": bool(perms.can_send_invitations(user, meeting)),
        "can_attendance": bool(perms.can_record_attendance(user, meeting)),
        "can_resolve": bool(perms.can_record_resolution(user, meeting)),
        "can_edit_minutes": bool(perms.can_edit_minutes(user, meeting)),
        "can_comment": bool(perms.can_comment_minutes(user, meeting)),
        "can_adopt": bool(MEETING_WORKFLOW.check(meeting, "adopt", roles, ctx))
        if meeting.state != "adopted"
        else False,
        "transitions": [t for t in MEETING_WORKFLOW.available(meeting, roles, ctx) if t.name in BUTTON_TRANSITIONS],
    }


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
    page = paginate(request, selectors.meetings_for(request.user, **filters))
    schedulable = [p for p in provinces if request.user.access.has(p.pk, Role.SECRETARIAT)]
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "form": form,
            "meetings": selectors.with_item_counts(page.object_list),
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
            _form_errors(form, exc)
        else:
            messages.success(request, _("นัดประชุม%(label)s แล้ว") % {"label": meeting.label})
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "subcommittee": subcommittee})


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


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
            _form_errors(form, exc)
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
    meeting = selectors.meeting_for(request.user, pk)
    sections = selectors.agenda(meeting)
    attendance = selectors.attendance_rows(meeting)
    present = {
        a.member_id
        for a in attendance
        if a.member_id is not None and a.status in (AttendanceStatus.PRESENT, AttendanceStatus.STAND_IN)
    }
    minutes = selectors.minutes_of(meeting)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "sections": sections,
            "quorum": selectors.meeting_quorum(meeting, present_ids=present),
            "attendance": attendance,
            "minutes": minutes,
            "chair_capacity": _chair_capacity(meeting),
            **_flags(request.user, meeting, minutes),
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


def _circulated_to_report(meeting):
    from fundproposals.selectors import circulated_to_report

    return circulated_to_report(meeting)


@require_http_methods(["GET", "POST"])
def agenda(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    can_edit = bool(perms.can_edit_agenda(request.user, meeting))
    form = AgendaItemForm(
        request.POST if request.POST.get("action") == "add" else None,
        initial={"section_type": SectionType.FOR_CONSIDERATION},
    )
    if request.method == "POST":
        require(perms.can_edit_agenda(request.user, meeting))
        try:
            if request.POST.get("action") == "swap":
                services.swap_sections(actor=request.user, meeting=meeting)
                messages.success(request, _("สลับระเบียบวาระที่ 3 และ 4 แล้ว"))
                return redirect("meetings:agenda", pk=meeting.pk)
            if request.POST.get("action") == "report_circulated":
                from fundproposals.services import report_circulated

                try:
                    ballot_id = int(request.POST.get("ballot", ""))
                except ValueError:
                    raise Http404 from None
                item = report_circulated(actor=request.user, ballot_id=ballot_id, meeting=meeting)
                messages.success(request, _("เพิ่มผลการเวียนมติเป็นระเบียบวาระที่ %(number)s แล้ว") % {"number": item.number})
                return redirect("meetings:agenda", pk=meeting.pk)
            if form.is_valid():
                item = services.add_agenda_item(actor=request.user, meeting=meeting, **form.cleaned_data)
                messages.success(request, _("เพิ่มระเบียบวาระที่ %(number)s แล้ว") % {"number": item.number})
                return redirect("meetings:agenda", pk=meeting.pk)
        except ValidationError as exc:
            if request.POST.get("action") in ("swap", "report_circulated"):
                messages.error(request, exc.messages[0])
                return redirect("meetings:agenda", pk=meeting.pk)
            _form_errors(form, exc)
    return render(
        request,
        "meetings/agenda.html",
        {
            "meeting": meeting,
            "sections": selectors.agenda(meeting),
            "form": form,
            "can_edit_agenda": can_edit,
            "circulated": _circulated_to_report(meeting) if can_edit else [],
        },
    )


@require_http_methods(["GET", "POST"])
def item_detail(request, pk):
    item = selectors.item_for(request.user, pk)
    meeting = item.meeting
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    res = item.resolution if selectors.has_resolution(item) else None
    res_form = ResolutionForm(
        request.POST if action == "resolution" else None,
        initial={"discussion": res.discussion, "outcome": res.outcome, "text": res.text} if res else None,
    )
    is_manager = bool(perms.can_manage_meeting(user, meeting))
    if is_manager:
        conflict_members = Member.objects.current(on=timezone.localtime(meeting.starts_at).date()).filter(
            subcommittee_id=meeting.subcommittee_id
        )
    else:
        conflict_members = Member.objects.current().filter(subcommittee_id=meeting.subcommittee_id, user=user)
    coi_form = ConflictForm(request.POST if action == "conflict" else None, members=conflict_members)
    paper_form = PaperForm(request.POST if action == "paper" else None, request.FILES if action == "paper" else None)
    if action:
        try:
            if action == "resolution" and res_form.is_valid():
                services.record_resolution(actor=user, agenda_item=item, **res_form.cleaned_data)
                messages.success(request, _("บันทึกมติระเบียบวาระที่ %(number)s แล้ว") % {"number": item.number})
                return redirect("meetings:item", pk=item.pk)
            if action == "conflict" and coi_form.is_valid():
                services.declare_conflict(actor=user, agenda_item=item, **coi_form.cleaned_data)
                messages.success(request, _("บันทึกการมีส่วนได้เสียแล้ว"))
                return redirect("meetings:item", pk=item.pk)
            if action == "open_ballot":  # the room decides the item (a plan, a report, any section 5/6 item)
                from fundproposals.services.agenda_items import open_item_ballot

                ballot = open_item_ballot(actor=user, agenda_item=item, method=request.POST.get("method", ""))
                messages.success(request, _("เปิดการลงมติแล้ว (%(method)s)") % {"method": ballot.get_method_display()})
                return redirect(_after_opening(user, ballot))
            if action == "withdraw":
                services.withdraw_agenda_item(actor=user, item=item, reason=request.POST.get("reason", ""))
                messages.success(request, _("ถอนระเบียบวาระแล้ว เรื่องที่เหลือเลื่อนลำดับขึ้นมา"))
                return redirect("meetings:item", pk=item.pk)
            if action == "remove_paper":
                paper = item.papers.filter(pk=request.POST.get("paper") or 0).first()
                if paper is None:
                    raise Http404
                services.remove_paper(actor=user, paper=paper)
                messages.success(request, _("นำเอกสาร %(display_name)s ออกแล้ว") % {"display_name": paper.display_name})
                return redirect("meetings:item", pk=item.pk)
            if action == "paper" and paper_form.is_valid():
                services.add_paper(actor=user, agenda_item=item, file=paper_form.cleaned_data["file"])
                messages.success(request, _("แนบเอกสารแล้ว"))
                return redirect("meetings:item", pk=item.pk)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            if action in ("withdraw", "remove_paper", "open_ballot"):
                messages.error(request, " ".join(exc.messages))
            else:
                target = {"resolution": res_form, "conflict": coi_form, "paper": paper_form}.get(action, res_form)
                _form_errors(target, exc)
    previous = Meeting.objects.filter(subcommittee_id=meeting.subcommittee_id, starts_at__lt=meeting.starts_at).exclude(
        state="cancelled"
    )
    edit_form = AgendaItemEditForm(
        request.POST if action == "edit" else None,
        item=item,
        previous=previous,
        initial={
            "title": item.title,
            "description": item.description,
            "presenter": item.presenter,
            "minutes_to_adopt": item.minutes_to_adopt_id,
        },
    )
    if action == "edit":
        require(perms.can_edit_agenda(user, meeting))
        if edit_form.is_valid():
            try:
                services.update_agenda_item(actor=user, item=item, **edit_form.cleaned_data)
            except ValidationError as exc:
                _form_errors(edit_form, exc)
            else:
                messages.success(request, _("บันทึกระเบียบวาระแล้ว"))
                return redirect("meetings:item", pk=item.pk)
    return render(
        request,
        "meetings/item_detail.html",
        {
            "meeting": meeting,
            "item": item,
            "resolution": res,
            "resolution_is_draft": bool(res) and not selectors.minutes_adopted(meeting),
            "wordings": list(res.wordings.select_related("changed_by")) if res else [],
            "links": selectors.item_links(user, item),
            "papers": [p for p in item.papers.all() if not p.removed_at],
            "conflicts": list(item.conflicts.select_related("member")),
            "quorum": selectors.item_quorum(item),
            "res_form": res_form,
            "coi_form": coi_form,
            "paper_form": paper_form,
            "edit_form": edit_form,
            "can_edit_agenda": bool(perms.can_edit_agenda(user, meeting)),
            "can_withdraw": bool(perms.can_withdraw_agenda_item(user, item)),
            "decision": _item_decision(user, item),
            "can_resolve": bool(perms.can_record_resolution(user, meeting)),
            "can_declare": bool(perms.can_declare_conflict(user, meeting)) and conflict_members.exists(),
        },
    )


def _item_decision(user, item):
    """How the room decides this item (fundproposals owns ballots): flags and the methods to choose from."""
    from fundproposals.choices import VoteMethod
    from fundproposals.selectors import item_decision

    decision = item_decision(user, item)
    if decision is not None:
        decision.methods = VoteMethod.choices
    return decision


def _after_opening(user, ballot) -> str:
    """The secretariat goes to the entry sheet when it enters the votes; otherwise to the count and the close."""
    from fundproposals.permissions import can_record_votes

    name = "fundproposals:record" if can_record_votes(user, ballot) else "fundproposals:close"
    return reverse(name, args=[ballot.pk])


@require_safe
def paper_download(request, pk):
    paper = selectors.paper_for(request.user, pk)
    return file_response(paper)


def _attendance_context(request, meeting, form=None, guest_form=None):
    members = selectors.current_members(meeting)
    rows = selectors.attendance_rows(meeting)
    existing = {a.member_id: a for a in rows if a.member_id}
    form = form or AttendanceForm(members=members, existing=existing)
    checked_in = checkin_labels(meeting)  # e-meeting hook (issue 15): who checked in, and where
    for m in form.members:
        m.checked_in = checked_in.get(m.pk, "")
    return {
        "meeting": meeting,
        "form": form,
        "guest_form": guest_form or GuestForm(),
        "guests": [a for a in rows if a.status == AttendanceStatus.GUEST],
        "quorum": selectors.meeting_quorum(meeting),
    }


@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    require(perms.can_record_attendance(request.user, meeting))
    if request.method == "POST" and request.POST.get("action") == "guest":
        guest_form = GuestForm(request.POST)
        if guest_form.is_valid():
            try:
                services.add_guest(
                    actor=request.user,
                    meeting=meeting,
                    name=guest_form.cleaned_data["person_name"],
                    position=guest_form.cleaned_data["person_position"],
                    agency=guest_form.cleaned_data["person_agency"],
                )
            except ValidationError as exc:
                _form_errors(guest_form, exc)
            else:
                messages.success(request, _("เพิ่มผู้เข้าร่วมประชุมแล้ว"))
                return redirect("meetings:attendance", pk=meeting.pk)
        return render(request, "meetings/attendance.html", _attendance_context(request, meeting, guest_form=guest_form))
    if request.method == "POST":
        members = selectors.current_members(meeting)
        form = AttendanceForm(request.POST, members=members, existing={})
        if form.is_valid():
            try:
                services.record_attendance(actor=request.user, meeting=meeting, rows=form.rows())
            except services.AttendanceErrors as exc:
                form.add_member_errors(exc.by_member)
                form.add_error(None, exc.messages[0])
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, _("บันทึกการเข้าประชุมแล้ว"))
                return redirect("meetings:attendance", pk=meeting.pk)
        return render(request, "meetings/attendance.html", _attendance_context(request, meeting, form=form))
    return render(request, "meetings/attendance.html", _attendance_context(request, meeting))


@require_http_methods(["GET", "POST"])
def attendance_quorum(request, pk):
    """The quorum box: from the saved attendance (GET) or from the form as typed, before saving (POST, htmx)."""
    meeting = selectors.meeting_for(request.user, pk)
    require(perms.can_record_attendance(request.user, meeting))
    if request.method == "POST":
        members = selectors.current_members(meeting)
        present = {
            m.pk
            for m in members
            if request.POST.get(f"m{m.pk}_status") in (AttendanceStatus.PRESENT, AttendanceStatus.STAND_IN)
        }
        quorum = selectors.meeting_quorum(meeting, present_ids=present)
    else:
        quorum = selectors.meeting_quorum(meeting)
    return render(request, "meetings/partials/quorum.html", {"quorum": quorum, "meeting": meeting})


@require_http_methods(["GET", "POST"])
def minutes(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    record = selectors.minutes_of(meeting)
    can_comment = bool(perms.can_comment_minutes(request.user, meeting))
    form = CommentForm(request.POST or None, items=selectors.agenda_items_flat(meeting))
    if request.method == "POST":
        require(perms.can_comment_minutes(request.user, meeting))
        if form.is_valid():
            try:
                services.comment_on_minutes(
                    actor=request.user,
                    meeting=meeting,
                    text=form.cleaned_data["text"],
                    agenda_item=form.cleaned_data["agenda_item"],
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("ส่งข้อเสนอแก้ไขถึงฝ่ายเลขานุการแล้ว"))
                return redirect("meetings:minutes", pk=meeting.pk)
    return render(
        request,
        "meetings/minutes.html",
        {
            "meeting": meeting,
            "doc": selectors.minutes_document(meeting),
            "record": record,
            "comments": selectors.minutes_comments(record) if record else [],
            "form": form,
            "can_comment": can_comment,
            **_flags(request.user, meeting, record),
        },
    )


@require_http_methods(["GET", "POST"])
def minutes_edit(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    require(perms.can_edit_minutes(request.user, meeting))
    # one query for the items the form needs (titles and numbers), not the whole agenda with papers
    items = list(selectors.agenda_items_flat(meeting))
    conflict = None
    if request.method == "POST":
        form = MinutesForm(request.POST, items=items)
        if form.is_valid():
            try:
                saved = services.save_minutes(
                    actor=request.user,
                    meeting=meeting,
                    content=form.content(),
                    base_version=form.cleaned_data["version"],
                    items=items,
                )
            except services.MinutesConflict as exc:
                if request.htmx:
                    return _autosave_status(request, error=exc.messages[0])
                conflict = exc
                form.add_error(None, exc.messages[0])
            except ValidationError as exc:
                if request.htmx:
                    return _autosave_status(request, error=" ".join(exc.messages))
                form.add_error(None, exc.messages)
            else:
                if request.htmx:
                    return _autosave_status(request, saved=saved)
                messages.success(request, _("บันทึกรายงานการประชุมฉบับที่ %(version)s แล้ว") % {"version": saved.version})
                anchor = request.POST.get("anchor", "")
                url = reverse("meetings:minutes-edit", args=[meeting.pk])
                return redirect(f"{url}#{anchor}" if re.fullmatch(r"i\d+", anchor) else url)
        elif request.htmx:
            return _autosave_status(request, error=_("บันทึกอัตโนมัติไม่ได้ กรุณาตรวจข้อมูลแล้วกดบันทึกร่าง"))
    record = selectors.minutes_of(meeting)  # the page only: an autosave (htmx) answers without it
    if request.method != "POST":
        if record and record.version:
            content, version = selectors.with_resolutions(record.content, items), record.version
        else:
            content, version = selectors.initial_minutes_content(meeting), record.version if record else 0
        form = MinutesForm(initial=MinutesForm.initial_from(content, version), items=items)
    return render(
        request,
        "meetings/minutes_edit.html",
        {
            "meeting": meeting,
            "form": form,
            "record": record,
            "conflict": conflict,
        },
    )


def _autosave_status(request, *, saved=None, error=""):
    """The autosave answer (htmx): a status line, and the new version number swapped into the form."""
    return render(request, "meetings/partials/autosave_status.html", {"saved": saved, "error": error})


@require_safe
def minutes_versions(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    record = selectors.minutes_of(meeting)
    versions = selectors.minutes_versions(record) if record else []
    diff = None
    a, b = request.GET.get("a"), request.GET.get("b")
    if a and b and record:
        by_number = {str(v.number): v for v in versions}
        va, vb = by_number.get(a), by_number.get(b)
        if va and vb:
            diff = services.diff_html(
                va.text,
                vb.text,
                before_label=_("ฉบับที่ %(number)s") % {"number": va.number},
                after_label=_("ฉบับที่ %(number)s") % {"number": vb.number},
            )
        else:
            messages.error(request, _("ไม่พบฉบับที่เลือก"))
    return render(
        request,
        "meetings/minutes_versions.html",
        {"meeting": meeting, "record": record, "versions": versions, "diff": diff, "a": a, "b": b},
    )


@require_safe
def minutes_version(request, pk, number):
    meeting = selectors.meeting_for(request.user, pk)
    try:
        version = MinutesVersion.objects.select_related("saved_by").get(minutes__meeting=meeting, number=number)
    except MinutesVersion.DoesNotExist:
        raise Http404 from None
    return render(request, "meetings/minutes_version.html", {"meeting": meeting, "version": version})


@require_http_methods(["GET", "POST"])
def minutes_adopt(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    require(MEETING_WORKFLOW.check(meeting, "adopt", perms.roles_on(request.user, meeting)))
    items = selectors.later_adoption_items(meeting)
    form = AdoptForm(request.POST or None, items=items, initial={"adopted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.adopt_minutes(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกการรับรองรายงานการประชุมแล้ว ฉบับที่รับรองจะไม่ถูกแก้ไขอีก"))
            return redirect("meetings:minutes", pk=meeting.pk)
    return render(request, "meetings/minutes_adopt.html", {"meeting": meeting, "form": form})


@require_safe
def resolution_search(request):
    form = ResolutionSearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    results = selectors.resolutions_search(request.user, q=q)[:100] if q else []
    return render(request, "meetings/resolution_search.html", {"form": form, "results": results, "q": q})
