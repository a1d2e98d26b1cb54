"""Helpers every fund proposal page shares."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def _data(request):
    """The POST data when posted (even empty), else None: an empty POST still binds the form."""
    return request.POST if request.method == "POST" else None


def _form_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)
