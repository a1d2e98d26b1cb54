"""The mixed load of the load benchmark (run by ``load_benchmark.py``, not by hand).

Each simulated user logs in as one demo role and then, with no think time, reads the main
pages of that role (about three requests in four), reads the login page (the yardstick every
page's p50 is compared with), and writes: the secretariat autosaves minutes (each user its own
meeting, following the version it gets back), members vote on the open ballot, the chair and
the national officer ask for the provincial annual report. Requests are named ``role:page``.

Bounded: the run stops after ``LOAD_MAX_REQUESTS`` requests (and the driver's ``--run-time``).
Traffic goes only to the ``--host`` the driver gives, which is always 127.0.0.1.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import urlsplit

from locust import events, task
from locust.contrib.fasthttp import FastHttpUser

PLAN = json.loads(open(os.environ["LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "20000"))
ROLES = ["sp-secretariat", "national", "sp-member", "sp-chair", "sp-secretariat", "sp-member", "proposer", "national"]
_serial = itertools.count()
_desks = itertools.count()
_sent = itertools.count()
_VERSION = re.compile(r'name="version" value="(\d+)"')
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@events.request.add_listener
def _bound(**_kwargs):
    """Stop the whole run after MAX_REQUESTS requests (a bound by count besides the one by time)."""
    if next(_sent) + 1 >= MAX_REQUESTS:
        from locust.runners import STATE_STOPPED, STATE_STOPPING

        runner = _bound.environment.runner
        if runner and runner.state not in (STATE_STOPPING, STATE_STOPPED):
            runner.quit()


@events.init.add_listener
def _on_init(environment, **_kwargs):
    _bound.environment = environment
    host = urlsplit(environment.host or "").hostname
    if host != "127.0.0.1":
        raise SystemExit(f"the load benchmark sends traffic only to 127.0.0.1, not {host!r}")


class _BehindTLS(DefaultCookiePolicy):
    def return_ok_secure(self, cookie, request):
        return True


class Official(FastHttpUser):
    def on_start(self):
        n = next(_serial)
        self.role = ROLES[n % len(ROLES)]
        self.pages = list(PLAN["pages"][self.role].items())
        if self.role == "sp-secretariat":  # each autosaving user keeps to its own meeting
            self.minutes = PLAN["minutes"][next(_desks) % len(PLAN["minutes"])]
        # Production settings mark cookies Secure; on 127.0.0.1 the client stands behind the TLS proxy.
        self.client.cookiejar.set_policy(_BehindTLS())
        self.version = None
        self.choice = itertools.cycle(["approve", "in_principle", "approve", "abstain"])
        resp = self.client.get("/accounts/login/", name="login")
        token = _CSRF.search(resp.text).group(1)
        self.client.post(
            "/accounts/login/",
            data={"username": self.role, "password": "demo", "csrfmiddlewaretoken": token},
            name="login:post",
        )
        self.csrf = self._cookie("csrftoken")

    def _cookie(self, name: str) -> str:
        for c in self.client.cookiejar:
            if c.name == name:
                return c.value
        return ""

    def _post(self, url, data, name, htmx=False):
        headers = {"X-CSRFToken": self.csrf, "Referer": self.host + url}
        if htmx:
            headers["HX-Request"] = "true"
        return self.client.post(url, data=data, headers=headers, name=name)

    @task(75)
    def read(self):
        name, url = random.choice(self.pages)
        self.client.get(url, name=f"{self.role}:{name}")

    @task(10)
    def login_page(self):
        self.client.get("/accounts/login/", name="login")

    @task(15)
    def write(self):
        if self.role == "sp-secretariat":
            self.autosave()
        elif self.role == "sp-member":
            self._post(PLAN["vote_url"], {"choice": next(self.choice)}, "write:vote", htmx=True)
        elif self.role in ("sp-chair", "national"):
            self._post(PLAN["report_url"], PLAN["report_data"], "write:report-request")
        else:
            self.read()

    def autosave(self):
        url = self.minutes["url"]
        if self.version is None:
            page = self.client.get(url, name="sp-secretariat:minutes_editor")
            self.version = int(_VERSION.search(page.text).group(1))
        data = dict(self.minutes["fields"], version=str(self.version))
        data["opening"] = f"{data['opening']} ({random.randint(1, 10**6)})"  # a real change every time
        resp = self._post(url, data, "write:minutes-autosave", htmx=True)
        found = _VERSION.search(resp.text or "")
        self.version = int(found.group(1)) if found else None  # a conflict: read the version again
