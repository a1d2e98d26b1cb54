"""The fast <select>, <input> and <textarea> renderer draws exactly what Django's templates draw (issue #12)."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy, override

from core.renderers import FastSelectRenderer

pytestmark = pytest.mark.django_db

CHOICES = [
    ("", "---------"),
    ("11", "สมุทรปราการ"),
    ('a"b', "quotes & <tags>"),
    (2567, 2567),
    ("lazy", gettext_lazy("ค้นหา")),
]


class Everything(forms.Form):
    plain = forms.ChoiceField(choices=CHOICES, required=False)
    required = forms.ChoiceField(choices=CHOICES, help_text="ช่วย")
    many = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    grouped = forms.ChoiceField(
        choices=[("ภาค", [("n", "เหนือ"), ("s", "ใต้")]), ("x", "อื่น ๆ")],
        widget=forms.Select(attrs={"class": "form-select", "data-x": 'q"uote', "disabled": True, "hidden": False}),
    )
    yesno = forms.NullBooleanField(required=False)
    year = forms.TypedChoiceField(choices=[(y, y) for y in range(2560, 2570)], coerce=int, initial=2567)
    radio = forms.ChoiceField(choices=CHOICES[1:3], widget=forms.RadioSelect)
    text = forms.CharField(required=False)
    filled = forms.CharField(initial='a "quoted" <b>&amp;</b>', max_length=20, help_text="ช่วย")
    number = forms.DecimalField(required=False, initial=1234.5)
    whole = forms.IntegerField(initial=2567, min_value=2400)
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False)
    date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    when = forms.DateTimeField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, initial="x<y", required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    box = forms.BooleanField(required=False, initial=True)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "placeholder": 'ไทย "q"'}), required=False)
    note_filled = forms.CharField(widget=forms.Textarea, initial="บรรทัด 1\n<บรรทัด> & 2", required=False)
    upload = forms.FileField(required=False)
    lazy_label = forms.CharField(widget=forms.TextInput(attrs={"placeholder": gettext_lazy("ค้นหา")}), required=False)


def _both(form_kwargs):
    fast = Everything(renderer=FastSelectRenderer(), **form_kwargs)
    slow = Everything(renderer=DjangoTemplates(), **form_kwargs)
    return fast, slow


@pytest.mark.parametrize(
    "form_kwargs",
    [
        {},
        {"data": {"plain": "11", "required": 'a"b', "many": ["11", "2567"], "grouped": "s", "year": "2561"}},
        {"data": {"plain": "nonsense"}},
        {
            "data": {
                "text": "<script>",
                "filled": "x" * 30,
                "number": "12,5",
                "whole": "1",
                "email": "no",
                "date": "2567-01-01",
                "hidden": '"',
                "secret": "pw&",
                "box": "on",
                "note": "a\nb <c>",
                "note_filled": "",
            }
        },
        {"auto_id": False},
    ],
)
@pytest.mark.parametrize("language", ["th", "en"])
def test_every_field_is_drawn_as_djangos_templates_draw_it(form_kwargs, language):
    with override(language):
        fast, slow = _both(form_kwargs)
        fast.is_bound and fast.is_valid()
        slow.is_bound and slow.is_valid()
        for name in Everything.base_fields:
            assert str(fast[name]) == str(slow[name]), name
            assert fast[name].as_widget(attrs={"class": "x"}) == slow[name].as_widget(attrs={"class": "x"}), name
        assert str(fast) == str(slow)


def test_the_configured_renderer_draws_the_list_filters_as_before(world, client_for, settings):
    from committees.choices import Role

    c = client_for(world.users[Role.NATIONAL])
    fast = c.get("/proposals/").content.decode()
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"
    from django.forms.renderers import get_default_renderer

    get_default_renderer.cache_clear()
    try:
        slow = c.get("/proposals/").content.decode()
    finally:
        get_default_renderer.cache_clear()
    strip = lambda html: html.split("<select", 1)[1].rsplit("</select>", 1)[0]  # noqa: E731
    assert "<option" in strip(fast)
    assert strip(fast) == strip(slow)


def test_the_minutes_editor_is_drawn_as_before(world, client_for, settings):
    """The minutes editor (37 inputs and text areas) is the same page, byte for byte, with either renderer
    (but for the per-request CSRF token and CSP nonce)."""
    import re

    from django.forms.renderers import get_default_renderer

    from committees.choices import Role
    from tests.meetings.helpers import held

    meeting = held(world)
    c = client_for(world.users[Role.SECRETARIAT])
    url = f"/meetings/{meeting.pk}/minutes/edit/"

    def page():
        html = c.get(url).content.decode()
        return re.sub(
            r'(csrfmiddlewaretoken" value="|nonce="|X-CSRFToken": "|csrf[-_]token" content=")[^"]*', r"\1", html
        )

    fast = page()
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"
    get_default_renderer.cache_clear()
    try:
        slow = page()
    finally:
        get_default_renderer.cache_clear()
    assert fast.count("<textarea") >= 5 and "<input" in fast
    assert fast == slow
