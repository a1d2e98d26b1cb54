from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from core.permissions import require
from notifications import line, selectors, services
from notifications.choices import Channel, EmailMode, Kind, default_on
from notifications.permissions import can_view_delivery_failures


def notification_list(request):
    page = Paginator(selectors.notifications_for(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@require_POST
def notification_open(request, pk):
    """Mark read and follow the link (the target page checks the user's rights itself)."""
    note = selectors.notifications_for(request.user).filter(pk=pk).first()
    if note is None:
        raise Http404
    services.mark_read(actor=request.user, notification_id=note.pk)
    return redirect(note.url)


@require_POST
def mark_all_read(request):
    services.mark_read(actor=request.user)
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
def notification_settings(request):
    """Each kind x channel, the e-mail mode, and linking LINE with a one-time code."""
    code = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "line-code":
            code = services.issue_line_code(actor=request.user)
        elif action == "line-unlink":
            services.unlink_line(actor=request.user)
            messages.success(request, _("ยกเลิกการเชื่อม LINE แล้ว"))
            return redirect("notifications:settings")
        else:
            enabled = {(k, c) for k in Kind.values for c in Channel.values if request.POST.get(f"{k}__{c}") == "on"}
            mode = request.POST.get("email_mode", EmailMode.SINGLE)
            services.save_preferences(actor=request.user, enabled=enabled, email_mode=mode)
            messages.success(request, _("บันทึกการตั้งค่าการแจ้งเตือนแล้ว"))
            return redirect("notifications:settings")
    chosen, ns = selectors.preferences_of(request.user)
    rows = [
        (
            kind,
            [(c, f"{kind.value}__{c.value}", chosen.get((kind.value, c.value), default_on(kind, c))) for c in Channel],
        )
        for kind in Kind
    ]
    return render(
        request,
        "notifications/settings.html",
        {
            "rows": rows,
            "channels": list(Channel),
            "settings_row": ns,
            "email_modes": EmailMode.choices,
            "line_enabled": line.enabled(),
            "line_account": settings.LINE_OFFICIAL_ACCOUNT,
            "line_code": code,
            "code_minutes": services.LINK_CODE_MINUTES,
            "digest_hour": settings.NOTIFY_DIGEST_HOUR,
        },
    )


def failures(request):
    require(can_view_delivery_failures(request.user))
    page = Paginator(selectors.failed_deliveries(), 50).get_page(request.GET.get("page"))
    return render(request, "notifications/failures.html", {"page": page})


@csrf_exempt
@login_not_required
@require_POST
def line_webhook(request):
    """LINE posts here; only a body signed with the channel secret is read (X-Line-Signature)."""
    if not line.enabled():
        raise Http404
    signature = request.headers.get("X-Line-Signature", "")
    try:
        found = line.text_messages(request.body.decode("utf-8"), signature)
    except line.InvalidSignatureError:
        return HttpResponseBadRequest("invalid signature")
    for line_user_id, text in found:
        services.link_line(line_user_id=line_user_id, code=text.strip())
    return HttpResponse("OK")
