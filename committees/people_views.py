"""Pages about people: a member's account, the national roles page, proposers and their requests."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from committees import people, selectors
from committees.people_forms import (
    DecideForm,
    GrantForm,
    InviteProposerForm,
    ProposerRequestForm,
    RevokeForm,
    RoleFilterForm,
)
from committees.permissions import can_decide_proposers, can_manage_roles
from core.permissions import require


def _errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


@require_http_methods(["GET", "POST"])
def member_account(request, pk):
    """The secretariat gives a current member a login: an e-mailed link, or a printed one-time code."""
    member = selectors.member_for_account(request.user, pk)
    error = ""
    if request.method == "POST":
        by_code = request.POST.get("channel") == "code"
        try:
            secret = people.invite_member(actor=request.user, member=member, by_code=by_code)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            if by_code:
                return render(request, "committees/people/member_code.html", {"member": member, "code": secret})
            messages.success(request, _("ส่งอีเมลเชิญไปที่ %(email)s แล้ว (ลิงก์ใช้ได้ครั้งเดียว)") % {"email": member.email})
            return redirect("committees:member-account", pk=member.pk)
    user = member.user
    return render(
        request,
        "committees/people/member_account.html",
        {
            "member": member,
            "province": member.subcommittee.province,
            "account_active": bool(user and user.has_usable_password()),
            "invited": bool(user and not user.has_usable_password()),
            "error": error,
        },
    )


@require_http_methods(["GET", "POST"])
def roles(request):
    """National officers grant and revoke secretariat, viewer and national roles per province."""
    require(can_manage_roles(request.user))
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            grant = people.grant_role(
                actor=request.user,
                email=data["email"],
                role=data["role"],
                province=data["province"],
                full_name=data["full_name"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(
                request, _("ให้สิทธิ์ %(role)s แก่ %(user)s แล้ว") % {"role": grant.get_role_display(), "user": grant.user}
            )
            return redirect("committees:roles")
    filters = RoleFilterForm(request.GET or None)
    province, q = None, ""
    if filters.is_valid():
        province, q = filters.cleaned_data["province"], filters.cleaned_data["q"]
    grants = Paginator(selectors.role_grants(province=province, user_query=q), 50).get_page(request.GET.get("page"))
    return render(request, "committees/people/roles.html", {"form": form, "filters": filters, "grants": grants})


@require_http_methods(["GET", "POST"])
def role_revoke(request, pk):
    require(can_manage_roles(request.user))
    grant = selectors.role_grants().filter(pk=pk).first()
    if grant is None:
        from django.http import Http404

        raise Http404
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            people.revoke_role(actor=request.user, grant_id=grant.pk, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(
                request, _("ถอนสิทธิ์ %(role)s ของ %(user)s แล้ว") % {"role": grant.get_role_display(), "user": grant.user}
            )
            return redirect("committees:roles")
    return render(request, "committees/people/role_revoke.html", {"grant": grant, "form": form})


@require_http_methods(["GET", "POST"])
def proposers(request, code):
    """The province's proposers, their pending requests, and inviting a new one."""
    province = selectors.province_by_code(request.user, code)
    require(can_decide_proposers(request.user, province))
    form = InviteProposerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant = people.invite_proposer(actor=request.user, province=province, **form.cleaned_data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("เพิ่ม %(user)s เป็นผู้เสนอโครงการแล้ว") % {"user": grant.user})
            return redirect("committees:proposers", code=code)
    return render(
        request,
        "committees/people/proposers.html",
        {
            "province": province,
            "form": form,
            "requests": selectors.proposer_requests(province)[:100],
            "proposers": selectors.proposers_of(province),
        },
    )


@require_http_methods(["GET", "POST"])
def request_decide(request, pk):
    req = selectors.request_for_decision(request.user, pk)
    form = DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            people.decide_request(
                actor=request.user, request_id=req.pk, accept=accept, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("อนุญาตแล้ว") if accept else _("แจ้งไม่อนุญาตแล้ว"))
            return redirect("committees:proposers", code=req.province.code)
    return render(request, "committees/people/request_decide.html", {"req": req, "form": form})


@require_http_methods(["GET", "POST"])
def request_to_propose(request):
    """Any signed-in person asks to propose projects in a province."""
    form = ProposerRequestForm(
        request.POST or None, initial={"organisation": getattr(request.user, "organisation", "")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            req = people.request_to_propose(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("ส่งคำขอถึงฝ่ายเลขานุการจังหวัด%(province)s แล้ว") % {"province": req.province})
            return redirect("committees:request-to-propose")
    return render(
        request,
        "committees/people/request_to_propose.html",
        {"form": form, "my_requests": selectors.my_requests(request.user)},
    )
