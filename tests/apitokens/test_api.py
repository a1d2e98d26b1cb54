"""Every read endpoint, for every role, with a token, in both provinces: nothing of another province."""

import pytest

from apitokens.services import create_token
from committees.choices import Role
from tests.exports.helpers import fill
from tests.world import ROLES

ENDPOINTS = ["risk-groups", "subcommittees", "meetings", "resolutions", "plans", "situation-reports", "proposals",
             "provinces"]  # fmt: skip


def _rows(client, url):
    resp = client.get(url)
    assert resp.status_code == 200, (url, resp.status_code)
    return resp.json()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_endpoint_keeps_to_the_users_provinces(world, endpoint):
    from django.test import Client

    fill(world)
    problems = []
    for side, users, _own, other in (
        ("own", world.users, world.own, world.other),
        ("other", world.other_users, world.other, world.own),
    ):
        for role in ROLES:
            _, raw = create_token(actor=users[role], name="t", days=1)
            c = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
            body = _rows(c, f"/api/v1/{endpoint}/")
            text = str(body)
            if role == Role.NATIONAL:
                if endpoint == "provinces":
                    if body["count"] != 77:
                        problems.append(f"national provinces: {body['count']}")
                elif other.name_th not in text:
                    problems.append(f"{side} national {endpoint}: misses {other.name_th}")
                continue
            if other.name_th in text or f"'province': '{other.code}'" in text:
                problems.append(f"{side} {role} {endpoint}: shows {other.name_th}")
            if role != Role.PROPOSER and endpoint != "provinces" and not body["results"]:
                problems.append(f"{side} {role} {endpoint}: empty")
    assert problems == []


def test_filters_and_pagination(world):
    from django.test import Client

    fill(world)
    _, raw = create_token(actor=world.users[Role.NATIONAL], name="t", days=1)
    c = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    body = _rows(c, f"/api/v1/meetings/?province={world.other.code}")
    assert body["count"] == 1 and body["results"][0]["province"] == world.other.code
    body = _rows(c, "/api/v1/risk-groups/?fiscal_year=2567&group=B")
    assert body["count"] == 2
    plans = _rows(c, f"/api/v1/plans/?province={world.own.code}")["results"]
    assert len(plans) == 1 and len(plans[0]["activities"]) == 2
    assert "next" in body and "previous" in body


def test_another_provinces_object_is_404(world):
    from django.test import Client

    from meetings.models import Meeting

    fill(world)
    theirs = Meeting.objects.get(subcommittee=world.other_sc)
    _, raw = create_token(actor=world.users[Role.SECRETARIAT], name="t", days=1)
    c = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert c.get(f"/api/v1/meetings/{theirs.pk}/").status_code == 404
