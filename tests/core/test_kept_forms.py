"""``{{ form|crispy_kept }}`` (issue #12): byte for byte crispy's own output, drawn or kept, in both
languages; what a form shows changes with its data on the next request; a bound form is never kept."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from committees.models import Member
from core.kept_forms import crispy_kept
from meetings import services
from meetings.choices import SectionType
from meetings.forms import AgendaItemEditForm, ConflictForm, PaperForm, ResolutionForm
from meetings.models import Meeting
from tests.meetings.helpers import held, schedule

pytestmark = pytest.mark.django_db

DOWN = {"default": {"BACKEND": "core.cache.SafeRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}


def _forms(world):
    """The item page's four forms, unbound, with data in each (a fresh set: choices are read once a form)."""
    m = held(world)
    item2 = m.agenda_items.get(parent__isnull=True, section_type=SectionType.ADOPT_MINUTES)
    members = list(Member.objects.filter(subcommittee=world.own_sc).order_by("order", "id"))

    def make():
        previous = Meeting.objects.filter(subcommittee=world.own_sc, starts_at__lt=m.starts_at)
        return [
            PaperForm(),
            ResolutionForm(initial={"discussion": "อภิปราย <b>", "outcome": "approved", "text": "เห็นชอบ & ดำเนินการ"}),
            ConflictForm(members=members),
            ConflictForm(members=Member.objects.filter(subcommittee=world.own_sc)),  # a queryset's options
            AgendaItemEditForm(
                item=item2,
                previous=previous,
                initial={"title": item2.title, "description": "", "presenter": "", "minutes_to_adopt": None},
            ),
        ]

    return make


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_markup_is_crispys_own_drawn_and_kept(world, language):
    schedule(world, days=-30)  # an earlier meeting: the edit form offers its minutes
    make = _forms(world)
    with translation.override(language):
        expected = [str(as_crispy_form(f)) for f in make()]
        drawn = [str(crispy_kept(f)) for f in make()]
        kept = [str(crispy_kept(f)) for f in make()]
    assert drawn == expected and kept == expected
    assert 'value="approved" selected' in expected[1] and "อภิปราย &lt;b&gt;" in expected[1]
    assert len(set(expected)) == 4  # the two conflict forms: the same options, from a list or a queryset


def test_the_languages_and_the_data_give_their_own_markup(world):
    make = _forms(world)
    with translation.override("th"):
        thai = str(crispy_kept(make()[1]))
    with translation.override("en"):
        english = str(crispy_kept(make()[1]))
    assert thai != english and thai == str(as_crispy_form(make()[1]))
    other = ResolutionForm(initial={"discussion": "อภิปราย <b>", "outcome": "approved", "text": "ถ้อยคำใหม่"})
    assert "ถ้อยคำใหม่" in str(crispy_kept(other))


def test_a_bound_form_is_drawn_each_time_with_its_errors(world):
    form = ResolutionForm(data={"outcome": "", "text": ""})
    assert str(crispy_kept(form)) == str(as_crispy_form(form)) and "กรุณาระบุมติที่ประชุม" in str(crispy_kept(form))


def test_the_item_pages_forms_follow_the_data(world, client_for):
    m = held(world)
    sec_user = world.users["secretariat"]
    item = services.add_agenda_item(
        actor=sec_user, meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="แผนงาน"
    )
    c = client_for(sec_user)
    url = f"/meetings/items/{item.pk}/"
    assert "เห็นชอบแผนฉบับแรก" not in c.get(url).content.decode()
    c.post(url, {"action": "resolution", "outcome": "approved", "text": "เห็นชอบแผนฉบับแรก"})
    assert "เห็นชอบแผนฉบับแรก</textarea>" in c.get(url).content.decode()  # the form shows the recorded text
    c.post(url, {"action": "resolution", "outcome": "deferred", "text": "รับทราบฉบับสอง"})
    html = c.get(url).content.decode()
    assert "รับทราบฉบับสอง</textarea>" in html and 'value="deferred" selected' in html
    # a member seated on the meeting's date is offered in the conflict form at once
    Member.objects.create(subcommittee=world.own_sc, full_name="นายเพิ่ม ใหม่", position="ที่ปรึกษา")
    assert "นายเพิ่ม ใหม่ (ที่ปรึกษา)</option>" in c.get(url).content.decode()
    # the item-2 section offers the minutes of an earlier meeting scheduled since
    item2 = m.agenda_items.get(parent__isnull=True, section_type=SectionType.ADOPT_MINUTES)
    before = c.get(f"/meetings/items/{item2.pk}/").content.decode()
    earlier = schedule(world, days=-60)
    after = c.get(f"/meetings/items/{item2.pk}/").content.decode()
    assert f'<option value="{earlier.pk}"' not in before and f'<option value="{earlier.pk}"' in after
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "รับทราบฉบับสอง</textarea>" in c.get(url).content.decode()


@override_settings(CACHES=DOWN)
def test_with_the_cache_down_forms_are_drawn(world):
    make = _forms(world)
    assert [str(crispy_kept(f)) for f in make()] == [str(as_crispy_form(f)) for f in make()]
