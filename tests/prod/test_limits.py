"""Every text field has a size limit, in the form (a Thai message) and in full_clean (any other writer)."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from committees.choices import Role
from core.limits import TEXT_MAX
from tests.fundproposals.helpers import complete_proposal

PRODUCT_APPS = {"core", "accounts", "committees", "meetings", "actionplans", "fundproposals", "reports"}


# Written by the system, never typed by a person: the search index's copy of a text, a ledger
# entry's canonical body, a delivery's or a bundle's error (each bounded by what it copies).
SYSTEM_TEXT = {
    "search.SearchEntry.body",
    "search.SearchEntry.terms",
    "ledger.Entry.body",
    "notifications.Delivery.last_error",
    "emeetings.EvidenceBundle.failure_reason",
}


def test_every_text_field_of_the_product_has_a_limit():
    unlimited = [
        f"{m._meta.label}.{f.name}"
        for m in apps.get_models()
        if m._meta.app_label in PRODUCT_APPS | {"notifications", "emeetings", "ledger", "search", "apitokens"}
        for f in m._meta.get_fields()
        if isinstance(f, models.TextField | models.CharField)
        and not f.max_length
        and not f.choices
        and f"{m._meta.label}.{f.name}" not in SYSTEM_TEXT
    ]
    assert unlimited == []


def _content(rationale):
    return {
        "pillars": ["prevention"],
        "rationale": rationale,
        "objectives": "วัตถุประสงค์",
        "targets": "เป้าหมาย",
        "target_group": "อพม.",
        "target_count": "60",
        "district_code": "1101",
        "subdistrict_code": "110101",
        "start_date": "01/01/2567",
        "end_date": "31/03/2567",
    }


def test_a_rationale_over_the_limit_is_refused_in_thai_and_nothing_is_saved(world, client_for):
    p = complete_proposal(world)
    before = p.rationale
    c = client_for(world.users[Role.PROPOSER])
    resp = c.post(f"/proposals/{p.pk}/edit/content/", _content("ก" * (TEXT_MAX + 1)))
    html = resp.content.decode()
    assert resp.status_code == 200
    assert f"ไม่เกิน {TEXT_MAX} ตัวอักษร" in html and f"ขณะนี้ {TEXT_MAX + 1} ตัวอักษร" in html
    assert f'maxlength="{TEXT_MAX}"' in html
    p.refresh_from_db()
    assert p.rationale == before
    # exactly at the limit is fine
    assert c.post(f"/proposals/{p.pk}/edit/content/", _content("ก" * TEXT_MAX)).status_code == 302


def test_full_clean_refuses_an_over_long_text_from_any_writer(world):
    p = complete_proposal(world)
    p.rationale = "ก" * (TEXT_MAX + 1)
    with pytest.raises(ValidationError) as err:
        p.full_clean()
    assert "ข้อความยาวเกินกำหนด" in str(err.value.message_dict["rationale"])
