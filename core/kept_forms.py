"""``{{ form|crispy }}`` drawn once per content of the form (issue #12).

crispy-forms draws every field through several templates; on the agenda item page its four small forms
were about a quarter of the page's CPU. An unbound form's markup depends only on what it is given: its
class, prefix and fields (name, widget and attributes, label, help text, required, disabled, the value
shown and the choices offered) and the language. ``crispy_kept(form)`` keys the markup on a digest of
exactly those, so any change to the data a form shows (a resolution's text, a member offered, an earlier
meeting) gives another key. The choices are read once (a queryset's query runs here, as it would while
drawing) and handed to the field, so a drawn form costs no query more than before.

The markup is crispy's own output (``as_crispy_form``, the ``|crispy`` filter, rendered without the
request), so nothing per request (a CSRF token, a nonce) can be in it. A bound form (its errors, what
was typed) is drawn every time, as before. With the cache down, every form is drawn.
"""

from __future__ import annotations

import hashlib

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core import cache


def _field_key(form, name: str, field) -> tuple:
    bf = form[name]
    choices = None
    if hasattr(field, "choices"):
        choices = list(field.choices)  # a queryset's options read once, then drawn from this list
        field.choices = choices
        choices = [(str(value), str(label)) for value, label in choices]
    widget = field.widget
    return (
        name,
        type(field).__name__,
        type(widget).__name__,
        getattr(widget, "input_type", None),
        repr(sorted((str(k), str(v)) for k, v in widget.attrs.items())),
        str(bf.label),
        str(field.help_text),
        field.required,
        field.disabled,
        field.show_hidden_initial,
        field.localize,
        repr(bf.value()),
        choices,
    )


def crispy_kept(form) -> SafeString:
    """``{{ form|crispy }}`` for ``form``; an unbound form's markup is kept under a digest of its content."""
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form

    if form.is_bound:
        return as_crispy_form(form)
    parts = (
        type(form).__module__,
        type(form).__qualname__,
        form.prefix,
        form.auto_id,
        form.label_suffix,
        form.use_required_attribute,
        get_language(),
        [_field_key(form, name, field) for name, field in form.fields.items()],
    )
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return mark_safe(cache.remember(f"crispy:v1:{digest}", lambda: str(as_crispy_form(form)), timeout=3600))  # noqa: S308 - crispy's own output
