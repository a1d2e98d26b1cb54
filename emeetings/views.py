"""The e-meeting page of a meeting: mode, check-in, vouching, faults, recordings, the traffic log."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from committees.models import Member
from core import thaidate
from core.permissions import require
from core.uploads import file_response
from emeetings import permissions as perms
from emeetings import secret, selectors, services
from emeetings.choices import BundleState, Location
from emeetings.forms import FaultForm, ModeForm, RegisterRecordingForm, VouchForm
from emeetings.models import EvidenceBundle
from emeetings.uploads import RecordingUploadHandler


def _client(request) -> tuple[str | None, str]:
    return request.META.get("REMOTE_ADDR") or None, request.META.get("HTTP_USER_AGENT", "")


def _second_factor(request) -> bool:
    """True when the session passed a second factor (django-otp's ``user.is_verified()``, once installed)."""
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified()) if callable(is_verified) else False


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("ท่านไม่มีสิทธิ์ทำรายการนี้")


def _members(meeting):
    return Member.objects.current().filter(subcommittee_id=meeting.subcommittee_id).order_by("order", "id")


def _act(request, meeting) -> str | None:
    """Run the posted action; its Thai success message (an error is raised)."""
    action = request.POST.get("action", "")
    ip, ua = _client(request)
    if action == "check_in":
        services.check_in(
            actor=request.user,
            meeting=meeting,
            location=request.POST.get("location", ""),
            ip=ip,
            user_agent=ua,
            second_factor=_second_factor(request),
        )
        return _("ลงชื่อเข้าประชุมแล้ว")
    if action == "leave":
        member = None
        if request.POST.get("member"):
            member = _members(meeting).filter(pk=request.POST["member"]).first()
            if member is None:
                raise ValidationError(_("ไม่พบอนุกรรมการ"))
        services.leave(actor=request.user, meeting=meeting, member=member, ip=ip, user_agent=ua)
        return _("บันทึกการออกจากการประชุมแล้ว")
    if action == "vouch":
        require(perms.can_view_emeeting(request.user, meeting))
        form = VouchForm(request.POST, members=_members(meeting))
        if not form.is_valid():
            if not perms.can_vouch(request.user, meeting):
                raise PermissionDenied(perms.can_vouch(request.user, meeting).reason)
            raise ValidationError(_("กรุณาเลือกอนุกรรมการและการเข้าร่วม"))
        services.vouch(
            actor=request.user,
            meeting=meeting,
            member=form.cleaned_data["member"],
            location=form.cleaned_data["location"],
            note=form.cleaned_data["note"],
            ip=ip,
            user_agent=ua,
        )
        return _("รับรองตัวตนและบันทึกการเข้าประชุมแล้ว")
    if action == "fault":
        services.report_fault(
            actor=request.user, meeting=meeting, text=request.POST.get("text", ""), ip=ip, user_agent=ua
        )
        return _("แจ้งเหตุขัดข้องแล้ว ฝ่ายเลขานุการจะดำเนินการ")
    if action == "mode":
        form = ModeForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("กรุณาเลือกรูปแบบการประชุม"))
        services.set_mode(actor=request.user, meeting=meeting, **form.cleaned_data)
        return _("บันทึกรูปแบบการประชุมแล้ว")
    if action == "register_recording":
        services.register_recording(
            actor=request.user,
            meeting=meeting,
            location=request.POST.get("location", ""),
            sha256=request.POST.get("sha256", ""),
        )
        return _("ลงทะเบียนการบันทึกภาพและเสียงแล้ว")
    if action == "secret":
        ballot = selectors.open_ballots(meeting).filter(pk=request.POST.get("ballot") or 0).first()
        if ballot is None:
            raise ValidationError(_("ไม่พบการลงมติที่เปิดอยู่ของการประชุมนี้"))
        secret.make_secret(actor=request.user, ballot=ballot)
        return _("กำหนดให้เป็นการลงคะแนนลับแล้ว ผลจะแสดงเฉพาะผลรวม")
    raise ValidationError(_("ไม่รู้จักรายการนี้"))


@require_http_methods(["GET", "POST"])
def room(request, pk):
    meeting = selectors.emeeting_for(request.user, pk)
    if request.method == "POST":
        try:
            messages.success(request, _act(request, meeting))
            return redirect("emeetings:room", pk=meeting.pk)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _message(exc))
            status = 403 if isinstance(exc, PermissionDenied) else 400
            return _render_room(request, meeting, status=status)
    return _render_room(request, meeting)


def _render_room(request, meeting, *, status: int = 200):
    user = request.user
    setup = services.setup_of(meeting)
    rows = selectors.checkins(meeting)
    # the current members, read once: the vouching form's choices and the user's own seat (issue #12)
    members = list(_members(meeting))
    seat = next((m for m in members if user.is_authenticated and m.user_id == user.pk), None)
    mine = next((c for c in rows if seat and c.member_id == seat.pk), None)
    ctx = {
        "meeting": meeting,
        "setup": setup,
        "checkins": rows,
        "counts": selectors.counts(rows),
        "traffic": selectors.traffic(meeting),
        "faults": selectors.faults(meeting),
        "recordings": selectors.recordings(meeting),
        "mine": mine,
        "can_check_in": bool(perms.can_check_in(user, meeting, seat)) if seat else False,
        "remote_needs_second_factor": services.remote_needs_second_factor() and not _second_factor(request),
        "has_seat": seat is not None,
        "is_open": perms.is_open(meeting),
        "can_vouch": bool(perms.can_vouch(user, meeting)),
        "can_manage": bool(perms.can_manage_emeeting(user, meeting)),
        "can_report_fault": bool(perms.can_report_fault(user, meeting)),
        "can_see_ip": bool(perms.can_see_ip(user, meeting)),
        "can_download_evidence": bool(perms.can_download_evidence(user, meeting)),
        "locations": Location.choices,
        "mode_form": ModeForm(initial={"mode": setup.mode, "join_instructions": setup.join_instructions}),
        "vouch_form": VouchForm(members=members),
        "fault_form": FaultForm(),
        "register_form": RegisterRecordingForm(),
        "max_recording_mb": services.max_recording_bytes() // (1024 * 1024),
        "open_ballots": list(selectors.open_ballots(meeting)),
        "is_chair": "chair" in perms.roles_on(user, meeting),
    }
    return render(request, "emeetings/room.html", ctx, status=status)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def recording_upload(request, pk):
    """Upload a recording: the handlers are swapped before the body is read, so the file streams to disk."""
    handler = RecordingUploadHandler(request, limit=services.max_recording_bytes())
    request.upload_handlers = [handler]
    return _recording_upload(request, pk, handler)


@csrf_protect
def _recording_upload(request, pk, handler):
    meeting = selectors.emeeting_for(request.user, pk)
    require(perms.can_manage_emeeting(request.user, meeting))
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if handler.too_large:
            error = _("ไฟล์ใหญ่เกินกำหนด (ไม่เกิน %(value)s เมกะไบต์) ไม่ได้บันทึกไฟล์") % {
                "value": f"{services.max_recording_bytes() // (1024 * 1024):,}"
            }
        elif upload is None or request.POST.get("complete") != "1":
            # the form sends "complete" after the file: without it the upload was cut off midway
            error = _("การอัปโหลดไม่สมบูรณ์ (การเชื่อมต่อขาดระหว่างส่งไฟล์) ไม่ได้บันทึกไฟล์ กรุณาอัปโหลดใหม่")
        else:
            try:
                rec = services.add_recording(actor=request.user, meeting=meeting, upload=upload)
            except ValidationError as exc:
                error = _message(exc)
            else:
                messages.success(
                    request,
                    _("บันทึกไฟล์ %(display_name)s แล้ว ค่าแฮช SHA-256 %(sha256)s")
                    % {"display_name": rec.display_name, "sha256": rec.sha256},
                )
                return redirect("emeetings:room", pk=meeting.pk)
    return render(
        request,
        "emeetings/recording_upload.html",
        {"meeting": meeting, "error": error, "max_recording_mb": services.max_recording_bytes() // (1024 * 1024)},
        status=400 if error else 200,
    )


@require_GET
def recording_download(request, pk):
    rec = selectors.recording_for(request.user, pk)
    require(perms.can_view_emeeting(request.user, rec.meeting))
    if not rec.file:
        raise Http404("การบันทึกนี้เก็บไว้ที่อื่น")
    return file_response(file=rec.file, display_name=rec.display_name, content_type="application/octet-stream")


def traffic_rows(meeting, *, with_ip: bool) -> tuple[list[str], list[list[str]]]:
    """The attendance and traffic log as CSV rows (shared with the evidence bundle)."""
    head = [
        _("เวลา (Asia/Bangkok)"),
        _("อนุกรรมการ"),
        _("ตำแหน่ง"),
        _("เหตุการณ์"),
        _("เข้าร่วม"),
        _("โปรแกรมที่ใช้"),
        _("บันทึกโดย"),
    ]
    if with_ip:
        head.insert(5, _("หมายเลขไอพี"))
    out = []
    for e in selectors.traffic(meeting):
        at = timezone.localtime(e.at)
        row = [
            f"{thaidate.format_date(at)} {at:%H:%M:%S}",
            e.member.full_name,
            e.member.position,
            e.get_event_display(),
            e.get_location_display(),
            e.user_agent,
            str(e.recorded_by or ""),
        ]
        if with_ip:
            row.insert(5, e.ip or "")
        out.append(row)
    return head, out


@require_GET
def traffic_csv(request, pk):
    meeting = selectors.emeeting_for(request.user, pk)
    require(perms.can_download_evidence(request.user, meeting))
    head, rows = traffic_rows(meeting, with_ip=True)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="traffic-{meeting.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(head)
    writer.writerows(rows)
    return response


@require_http_methods(["GET", "POST"])
def evidence(request, pk):
    """The meeting's evidence bundles: ask for a new one (built by the worker), download a ready one."""
    meeting = selectors.emeeting_for(request.user, pk)
    require(perms.can_download_evidence(request.user, meeting))
    if request.method == "POST":
        services.request_evidence(actor=request.user, meeting=meeting)
        messages.success(request, _("กำลังสร้างชุดหลักฐานการประชุม กรุณารอสักครู่แล้วโหลดหน้านี้ใหม่"))
        return redirect("emeetings:evidence", pk=meeting.pk)
    bundles = list(EvidenceBundle.objects.filter(meeting=meeting).select_related("requested_by")[:20])
    return render(request, "emeetings/evidence.html", {"meeting": meeting, "bundles": bundles})


@require_GET
def evidence_download(request, pk):
    bundle = EvidenceBundle.objects.filter(pk=pk, state=BundleState.READY).first()
    if bundle is None:
        raise Http404("ไม่พบชุดหลักฐาน")
    meeting = selectors.emeeting_for(request.user, bundle.meeting_id)
    require(perms.can_download_evidence(request.user, meeting))
    return file_response(
        file=bundle.file, display_name=f"ชุดหลักฐานการประชุม-{meeting.pk}.zip", content_type="application/zip"
    )
