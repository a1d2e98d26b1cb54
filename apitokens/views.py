from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apitokens import selectors, services
from apitokens.forms import TokenForm


@require_http_methods(["GET", "POST"])
def token_list(request):
    """The user's own API tokens: make one (its secret shown once, on this response only), revoke one."""
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = services.create_token(
                actor=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
            )
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            form = TokenForm()
    response = render(
        request,
        "apitokens/token_list.html",
        {"form": form, "tokens": selectors.tokens_of(request.user), "secret": secret},
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def token_revoke(request, pk):
    token = selectors.token_for(request.user, pk)
    services.revoke_token(actor=request.user, token=token)
    messages.success(request, _("ยกเลิกโทเคน “%(name)s” แล้ว ระบบที่ใช้โทเคนนี้จะเข้าถึงข้อมูลไม่ได้อีก") % {"name": token.name})
    return redirect("apitokens:list")
