"""Recording who attended and the quorum they make."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.permissions import require
from emeetings.presence import checkin_labels  # e-meeting hook (issue 15)
from meetings import permissions as perms
from meetings import selectors, services
from meetings.choices import AttendanceStatus
from meetings.forms import (
    AttendanceForm,
    GuestForm,
)
from meetings.views.common import form_errors


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
                form_errors(guest_form, exc)
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
