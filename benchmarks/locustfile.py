"""The mixed load of the load benchmark (run by ``load_benchmark.py``, not by hand).

Each simulated user, with no think time, reads a main page of a demo role (three requests in
four: the role and page drawn at random, each role on its own logged-in session), reads the
login page as a visitor (the yardstick every page's p50 is compared with, one in ten), and
writes (one in seven): the secretariat autosaves minutes (each user its own meeting, following
the version it gets back), a member votes on the open ballot, the chair asks for the provincial
annual report and lands on its job page. Requests are named ``role:page`` and ``write:kind``.

Bounded: the run stops after ``LOAD_MAX_REQUESTS`` requests (and the driver's ``--run-time``).
Traffic goes only to the ``--host`` the driver gives, which is always 127.0.0.1.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from urllib.parse import urlsplit

from locust import events, task
from locust.contrib.fasthttp import FastHttpUser

PLAN = json.loads(open(os.environ["LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "20000"))
ROLES = ["national", "sp-secretariat", "sp-chair", "sp-member", "proposer"]
# Each role's pages as a list, made once (not per request: the load generator shares the server's cores)
PAGES = {role: list(pages.items()) for role, pages in PLAN["pages"].items()}
_serial = itertools.count()
_sent = itertools.count()
_VERSION = re.compile(r'name="version" value="(\d+)"')


@events.request.add_listener
def _bound(**_kwargs):
    """Stop the whole run after MAX_REQUESTS requests (a bound by count besides the one by time)."""
    if next(_sent) + 1 >= MAX_REQUESTS:  # per request: one counter step and a comparison
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


class Official(FastHttpUser):
    """An official at a desk, already logged in (the driver logs each role in once, beforehand:
    a login costs a deliberately slow password hash, which is not what this run measures).

    Every read picks a role and one of its pages, so even a single user covers every page;
    every autosave goes to the user's own meeting (the version it gets back is the next base).
    """

    def on_start(self):
        n = next(_serial)
        self.desk = PLAN["minutes"][n % len(PLAN["minutes"])]
        self.version = None
        self.choice = itertools.cycle(["approve", "in_principle", "approve", "abstain"])
        # Production settings mark cookies Secure; on 127.0.0.1 the client stands behind the TLS
        # proxy, so the cookies of each role's session are sent by hand.
        self.headers = {
            role: {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
            for role, cookies in PLAN["sessions"].items()
        }
        self.post_headers = {}  # (role, url, htmx) -> headers, built on first use

    def _get(self, role, url, name):
        return self.client.get(url, headers=self.headers[role], name=name)

    def _post(self, role, url, data, name, htmx=False):
        headers = self.post_headers.get((role, url, htmx))
        if headers is None:
            csrf = PLAN["sessions"][role]["csrftoken"]
            headers = dict(self.headers[role], **{"X-CSRFToken": csrf, "Referer": self.host + url})
            if htmx:
                headers["HX-Request"] = "true"
            self.post_headers[(role, url, htmx)] = headers
        # A redirect is not followed: the client would follow it without the session cookie (set by hand
        # above), so a report request was timed as three requests: the POST, the job page as a visitor
        # (302) and the login page. The write is the POST; its answer is the redirect to the job.
        return self.client.post(url, data=data, headers=headers, name=name, allow_redirects=False)

    @task(75)
    def read(self):
        role = random.choice(ROLES)
        name, url = random.choice(PAGES[role])
        self._get(role, url, f"{role}:{name}")

    @task(10)
    def login_page(self):
        self.client.get("/accounts/login/", name="login")  # as a visitor who has not logged in

    @task(5)
    def autosave(self):
        url = self.desk["url"]
        if self.version is None:
            page = self._get("sp-secretariat", url, "sp-secretariat:minutes_editor")
            self.version = int(_VERSION.search(page.text).group(1))
        data = dict(self.desk["fields"], version=str(self.version))
        data["opening"] = f"{data['opening']} ({random.randint(1, 10**6)})"  # a real change every time
        resp = self._post("sp-secretariat", url, data, "write:minutes-autosave", htmx=True)
        found = _VERSION.search(resp.text or "")
        self.version = int(found.group(1)) if found else None  # a conflict: read the version again

    @task(5)
    def vote(self):
        self._post("sp-member", PLAN["vote_url"], {"choice": next(self.choice)}, "write:vote", htmx=True)

    @task(5)
    def report_request(self):
        resp = self._post("sp-chair", PLAN["report_url"], PLAN["report_data"], "write:report-request")
        # the chair lands on the job's page, as the browser would take them (a request of its own)
        landing = urlsplit(resp.headers.get("Location") or "").path if resp.status_code == 302 else ""
        if landing:
            self._get("sp-chair", landing, "sp-chair:report-job")
