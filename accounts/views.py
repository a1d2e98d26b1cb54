"""Pages anyone may open without signing in (invitations, codes, registration) and the password pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import i18n as i18n_views
from django.views.decorators.http import require_http_methods

from accounts import ratelimit, services, tokens
from accounts.forms import CodeForm, RegisterForm, SetPasswordForm
from accounts.models import TokenPurpose

TOO_MANY = gettext_lazy("ลองหลายครั้งเกินไป กรุณารอ 15 นาทีแล้วลองใหม่")


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


@login_not_required
@require_http_methods(["GET", "POST"])
def welcome(request, secret):
    """Set a password from the invitation link (one use, expires)."""
    if not ratelimit.hit("welcome", ratelimit.client_ip(request)):
        return render(request, "accounts/invalid.html", {"message": TOO_MANY}, status=429)
    token = tokens.find(secret, purposes=(TokenPurpose.INVITATION,))
    if token is None:
        return render(request, "accounts/invalid.html", {"message": services.INVALID_LINK}, status=404)
    form = SetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_password_from_secret(secret=secret, short=False, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("ตั้งรหัสผ่านแล้ว กรุณาเข้าสู่ระบบด้วยชื่อผู้ใช้และรหัสผ่านใหม่"))
            return redirect("login")
    return render(request, "accounts/welcome.html", {"form": form, "username": token.user.username})


@login_not_required
@require_http_methods(["GET", "POST"])
def redeem_code(request):
    """Set a password from the printed one-time code handed over at the meeting."""
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit.hit("code", ratelimit.client_ip(request)):
            form.is_valid()
            form.add_error(None, TOO_MANY)
            return render(request, "accounts/code.html", {"form": form}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = services.set_password_from_secret(
                    secret=data["code"], short=True, password1=data["password1"], password2=data["password2"]
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(
                    request, _("ตั้งรหัสผ่านแล้ว ชื่อผู้ใช้ของท่านคือ %(username)s กรุณาเข้าสู่ระบบ") % {"username": user.username}
                )
                return redirect("login")
    return render(request, "accounts/code.html", {"form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
def register(request):
    """Proposers register themselves; the account opens when the e-mail is confirmed."""
    form = RegisterForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit.hit("register", ratelimit.client_ip(request)):
            form.is_valid()
            form.add_error(None, TOO_MANY)
            return render(request, "accounts/register.html", {"form": form}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.register(
                    username=data["username"],
                    full_name=data["full_name"],
                    email=data["email"],
                    organisation=data["organisation"],
                    phone=data["phone"],
                    password=data["password1"],
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                return render(request, "accounts/register_sent.html", {"email": data["email"]})
    return render(request, "accounts/register.html", {"form": form})


@login_not_required
def verify(request, secret):
    if not ratelimit.hit("verify", ratelimit.client_ip(request)):
        return render(request, "accounts/invalid.html", {"message": TOO_MANY}, status=429)
    if request.method != "POST":
        # a GET only asks (mail scanners follow links); the button below confirms
        if tokens.find(secret, purposes=(TokenPurpose.EMAIL_VERIFICATION,)) is None:
            return render(request, "accounts/invalid.html", {"message": services.INVALID_LINK}, status=404)
        return render(request, "accounts/verify.html")
    try:
        services.verify_email(secret=secret)
    except ValidationError:
        return render(request, "accounts/invalid.html", {"message": services.INVALID_LINK}, status=404)
    messages.success(request, _("ยืนยันอีเมลแล้ว กรุณาเข้าสู่ระบบ แล้วขอสิทธิ์เสนอโครงการในจังหวัดของท่าน"))
    return redirect("login")


def profile(request):
    from django.urls import NoReverseMatch, reverse

    links = []
    for label, name in (
        (_("การแจ้งเตือนและ LINE"), "notifications:settings"),
        (_("ยืนยันตัวตนสองขั้นตอน"), "accounts:two-factor"),
    ):
        try:
            links.append({"label": label, "url": reverse(name)})
        except NoReverseMatch:
            continue
    return render(request, "accounts/profile.html", {"profile_links": links})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change the password; every session of the user ends, this one too."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        form.save()
        from core import audit

        audit.record(actor=self.request.user, action="account.change_password", target=self.request.user)
        logout(self.request)
        messages.success(self.request, _("เปลี่ยนรหัสผ่านแล้ว ทุกอุปกรณ์ออกจากระบบแล้ว กรุณาเข้าสู่ระบบด้วยรหัสผ่านใหม่"))
        return redirect(self.success_url)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"

    def post(self, request, *args, **kwargs):
        if not ratelimit.hit("reset", ratelimit.client_ip(request)):
            return render(request, "accounts/invalid.html", {"message": TOO_MANY}, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        self.extra_email_context = {"site_url": services.site_link("").rstrip("/")}
        return super().form_valid(form)


# --- two-factor sign-in ---------------------------------------------------------


def two_factor_setup(request):
    """Turn on two-factor sign-in: scan the QR code, type a code, keep the recovery codes."""
    from accounts import twofactor

    device = twofactor.pending_device(request.user)
    error = ""
    if request.method == "POST":
        if not ratelimit.hit("2fa-setup", str(request.user.pk)):
            error = TOO_MANY
        else:
            codes = twofactor.confirm(request=request, device=device, token=request.POST.get("token", "").strip())
            if codes is not None:
                return render(request, "accounts/two_factor_codes.html", {"codes": codes})
            error = _("รหัสไม่ถูกต้อง กรุณาพิมพ์รหัส 6 หลักล่าสุดจากแอป")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "qr": twofactor.qr_svg_data_uri(device),
            "secret": twofactor.secret_text(device),
            "error": error,
            "required": twofactor.must_use(request.user),
            "enabled": twofactor.has_device(request.user),
        },
    )


def two_factor_verify(request):
    from django.utils.http import url_has_allowed_host_and_scheme

    from accounts import twofactor

    error = ""
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if request.method == "POST":
        if not ratelimit.hit("2fa-verify", str(request.user.pk)):
            error = TOO_MANY
        elif twofactor.verify(request=request, token=request.POST.get("token", "")):
            return redirect(next_url)
        else:
            error = _("รหัสไม่ถูกต้อง")
    return render(request, "accounts/two_factor_verify.html", {"error": error, "next": next_url})


@require_http_methods(["POST"])
def set_language(request):
    """Django's language switch, which also remembers the choice for the signed-in user's e-mails."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.set_language(actor=request.user, language=language)
    return response
