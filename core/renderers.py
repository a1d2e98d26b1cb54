"""The form renderer: Django's own, with ``<select>``, ``<input>`` and ``<textarea>`` drawn in Python (issue #12).

Django draws a ``<select>`` from templates: ``select.html``, then ``{% include %}`` of
``select_option.html`` and ``attrs.html`` for every option. The list filters (77 provinces, the
fiscal years, the states) and the report request form draw hundreds of options a page, which
made widget rendering one of the largest costs of the list pages. ``FastSelectRenderer``
produces the very same markup (a test compares it with Django's templates, byte for byte) with
string joins. The text inputs and text areas (the minutes editor has 37) are drawn the same way,
byte for byte their templates' output; every other widget (radios, checkboxes lists, clearable
file inputs, a project's own widget templates) is rendered by Django's templates as before.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
INPUT = "django/forms/widgets/input.html"
TEXTAREA = "django/forms/widgets/textarea.html"
# Django's widget templates whose whole text is ``{% include "django/forms/widgets/input.html" %}`` and a newline
INCLUDING_INPUT = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
)


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}`` under autoescape."""
    if isinstance(value, SafeData):
        return str(value)
    return conditional_escape("%s" % (value,))  # noqa: UP031 - exactly the filter's formatting


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {conditional_escape(name)}")
        if value is not True:
            out.append(f'="{_formatted(value)}"')
    return "".join(out)


def render_select(widget: dict, context: Context) -> str:
    """``django/forms/widgets/select.html`` for ``widget`` (the widget's template context)."""
    out = [f'<select name="{render_value_in_context(widget["name"], context)}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{render_value_in_context(group_name, context)}">')
        for option in group_choices:
            out.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{render_value_in_context(option['label'], context)}</option>\n"  # the included file's last newline
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


def render_input(widget: dict, context: Context) -> str:
    """``django/forms/widgets/input.html`` for ``widget`` (the renderer strips the last newline)."""
    value = widget["value"]
    shown = f' value="{_formatted(value)}"' if value is not None else ""
    return (
        f'<input type="{render_value_in_context(widget["type"], context)}" '
        f'name="{render_value_in_context(widget["name"], context)}"{shown}{_attrs(widget["attrs"])}>'
    )


def render_textarea(widget: dict, context: Context) -> str:
    """``django/forms/widgets/textarea.html`` for ``widget``."""
    value = widget["value"]
    text = render_value_in_context(value, context) if value else ""
    return (
        f'<textarea name="{render_value_in_context(widget["name"], context)}"{_attrs(widget["attrs"])}>\n'
        f"{text}</textarea>"
    )


class FastSelectRenderer(DjangoTemplates):
    """Django's default form renderer, with the plain ``<select>``, ``<input>`` and ``<textarea>`` drawn in Python."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if widget is None:
            return super().render(template_name, context, request=request)
        if template_name in INCLUDING_INPUT or template_name == INPUT:  # the renderer strips the newlines
            return mark_safe(render_input(widget, Context(autoescape=True)))  # noqa: S308 - escaped above
        if template_name == TEXTAREA:
            return mark_safe(render_textarea(widget, Context(autoescape=True)))  # noqa: S308 - escaped above
        if template_name == SELECT and all(
            option.get("template_name") == OPTION for _g, group, _i in widget["optgroups"] for option in group
        ):
            return mark_safe(render_select(widget, Context(autoescape=True)))  # noqa: S308 - every value escaped above
        return super().render(template_name, context, request=request)
