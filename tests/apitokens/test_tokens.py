import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from apitokens.models import ApiToken
from apitokens.services import create_token, digest_of
from committees.choices import Role
from core.models import AuditEvent


def _api(raw, path="/api/v1/provinces/"):
    return Client().get(path, HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_token_is_shown_once_and_stored_hashed(world, client_for):
    user = world.users[Role.SECRETARIAT]
    c = client_for(user)
    resp = c.post("/api-tokens/", {"name": "ระบบฐานข้อมูลกลาง", "days": 30})
    assert resp.status_code == 200
    html = resp.content.decode()
    token = ApiToken.objects.get(user=user)
    raw = html.split('<code class="user-select-all fs-6">')[1].split("</code>")[0]
    assert token.digest == digest_of(raw) and raw not in token.digest
    assert raw not in c.get("/api-tokens/").content.decode()  # never shown again
    assert AuditEvent.objects.filter(action="apitoken.create").count() == 1
    assert 29 <= (token.expires_at - timezone.now()).days <= 30


def test_bad_input_saves_nothing(world, client_for):
    c = client_for(world.users[Role.VIEWER])
    resp = c.post("/api-tokens/", {"name": "", "days": 30})
    assert resp.status_code == 200 and "name" in resp.context["form"].errors
    resp = c.post("/api-tokens/", {"name": "ระบบ", "days": 9999})
    assert resp.status_code == 200 and "365" in str(resp.context["form"].errors["days"])
    assert not ApiToken.objects.exists()


def test_token_reads_the_api_with_the_users_scope(world):
    _, raw = create_token(actor=world.users[Role.SECRETARIAT], name="x", days=10)
    resp = _api(raw)
    assert resp.status_code == 200
    codes = [p["code"] for p in resp.json()["results"]]
    assert codes == [world.own.code]


@pytest.mark.parametrize(
    "header",
    ["Bearer", "Bearer a b", "Bearer not-a-token", "Bearer ctip_0000abcd_" + "x" * 43, "Token ctip_zz"],
)
def test_malformed_or_unknown_token_is_401_json(world, header):
    resp = Client().get("/api/v1/provinces/", HTTP_AUTHORIZATION=header)
    assert resp.status_code == 401
    assert resp["Content-Type"].startswith("application/json")
    assert resp.json()["detail"]
    assert resp["WWW-Authenticate"].startswith("Bearer")


def test_expired_and_revoked_tokens_are_401(world, client_for):
    user = world.users[Role.CHAIR]
    token, raw = create_token(actor=user, name="x", days=10)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    resp = _api(raw)
    assert resp.status_code == 401 and "หมดอายุ" in resp.json()["detail"]
    token2, raw2 = create_token(actor=user, name="y", days=10)
    assert _api(raw2).status_code == 200
    c = client_for(user)
    assert c.post(f"/api-tokens/{token2.pk}/revoke/").status_code == 302
    assert _api(raw2).status_code == 401
    assert ApiToken.objects.filter(user=user).count() == 2  # revoked, not deleted


def test_nobody_revokes_another_users_token(world, client_for):
    token, raw = create_token(actor=world.users[Role.CHAIR], name="x", days=10)
    resp = client_for(world.users[Role.NATIONAL]).post(f"/api-tokens/{token.pk}/revoke/")
    assert resp.status_code == 404
    assert _api(raw).status_code == 200


def test_no_credentials_is_401_json_not_a_login_redirect(db):
    resp = Client().get("/api/v1/meetings/")
    assert resp.status_code == 401 and resp.json()["detail"]


def test_throttled_after_the_rate(world, monkeypatch):
    from django.core.cache import cache
    from rest_framework.throttling import SimpleRateThrottle

    cache.clear()
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"user": "3/min", "anon": "3/min"})
    _, raw = create_token(actor=world.users[Role.VIEWER], name="x", days=1)
    codes = [_api(raw).status_code for _ in range(4)]
    cache.clear()
    assert codes == [200, 200, 200, 429]
