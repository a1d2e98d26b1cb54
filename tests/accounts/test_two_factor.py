"""Two-factor sign-in (django-otp TOTP + recovery codes): offered to all, required by the setting for some."""

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from committees.choices import Role

pytestmark = pytest.mark.django_db


def _login(client, user) -> None:
    resp = client.post("/accounts/login/", {"username": user.username, "password": "pw"})
    assert resp.status_code == 302


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_member_turns_on_two_factor_and_then_signs_in_with_a_code_or_a_recovery_code(world, settings):
    # django-otp slows guessing down after a failure (tested below); here each try is judged alone
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    member = world.users[Role.MEMBER]
    c = Client()
    _login(c, member)
    page = c.get("/accounts/two-factor/")
    assert page.status_code == 200 and "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user=member, confirmed=False)
    assert "ไม่ถูกต้อง" in c.post("/accounts/two-factor/", {"token": "000000"}).content.decode()
    done = c.post("/accounts/two-factor/", {"token": _code(device)}).content.decode()
    codes = re.findall(r"<li class=\"col-6\">(\d{8})</li>", done)
    assert len(codes) == 10

    again = Client()
    _login(again, member)
    blocked = again.get("/meetings/")
    assert blocked.status_code == 302 and blocked["Location"].startswith("/accounts/two-factor/verify/")
    assert again.post("/accounts/two-factor/verify/", {"token": "12345678", "next": "/meetings/"}).status_code == 200
    ok = again.post("/accounts/two-factor/verify/", {"token": codes[0], "next": "/meetings/"})
    assert ok.status_code == 302 and ok["Location"] == "/meetings/"
    assert again.get("/meetings/").status_code == 200
    # a recovery code works once
    third = Client()
    _login(third, member)
    assert third.post("/accounts/two-factor/verify/", {"token": codes[0]}).status_code == 200
    assert third.get("/").status_code == 302


def test_required_for_secretariat_national_and_chair_only_when_the_setting_is_on(world, settings):
    settings.TWO_FACTOR_REQUIRED = True
    for role in (Role.SECRETARIAT, Role.NATIONAL, Role.CHAIR):
        c = Client()
        _login(c, world.users[role])
        resp = c.get("/")
        assert resp.status_code == 302 and resp["Location"] == "/accounts/two-factor/setup/", role
    member = Client()
    _login(member, world.users[Role.MEMBER])
    assert member.get("/").status_code == 200
    settings.TWO_FACTOR_REQUIRED = False
    off = Client()
    _login(off, world.other_users[Role.SECRETARIAT])
    assert off.get("/").status_code == 200


def _setting(module: str) -> str:
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if k != "TWO_FACTOR_REQUIRED"}
    env |= {"DJANGO_SETTINGS_MODULE": module, "DJANGO_SECRET_KEY": "k" * 50, "DJANGO_ALLOWED_HOSTS": "example.org"}
    out = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED)"],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_production_settings_require_it_and_the_embedded_default_does_not():
    assert _setting("config.settings.production") == "True"
    assert _setting("config.settings.local") == "False"


def test_a_wrong_code_slows_the_next_try_down(world):
    member = world.users[Role.MEMBER]
    c = Client()
    _login(c, member)
    c.get("/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=member, confirmed=False)
    c.post("/accounts/two-factor/", {"token": "000000"})
    # even the right code is refused straight after a wrong one (django-otp throttling)
    assert "ไม่ถูกต้อง" in c.post("/accounts/two-factor/", {"token": _code(device)}).content.decode()
    device.refresh_from_db()
    assert not device.confirmed and device.throttling_failure_count >= 1
