"""The minutes: preview, editor (with autosave), versions and adoption."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.permissions import require
from meetings import permissions as perms
from meetings import selectors, services
from meetings.forms import (
    AdoptForm,
    CommentForm,
    MinutesForm,
)
from meetings.models import MinutesVersion
from meetings.views.common import form_errors, meeting_flags
from meetings.workflow import MEETING_WORKFLOW


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
                form_errors(form, exc)
            else:
                messages.success(request, _("ส่งข้อเสนอแก้ไขถึงฝ่ายเลขานุการแล้ว"))
                return redirect("meetings:minutes", pk=meeting.pk)
    return render(
        request,
        "meetings/minutes.html",
        {
            "meeting": meeting,
            "doc": selectors.minutes_document(meeting, minutes=record),
            "record": record,
            "comments": selectors.minutes_comments(record) if record else [],
            "form": form,
            "can_comment": can_comment,
            **meeting_flags(request.user, meeting, record),
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
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกการรับรองรายงานการประชุมแล้ว ฉบับที่รับรองจะไม่ถูกแก้ไขอีก"))
            return redirect("meetings:minutes", pk=meeting.pk)
    return render(request, "meetings/minutes_adopt.html", {"meeting": meeting, "form": form})
