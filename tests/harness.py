"""Harnesses every app's tests reuse: the permission matrix and query-count checks."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.world import ROLES, World


@dataclass(frozen=True)
class Page:
    """One URL pattern in the permission matrix.

    ``own(world)`` gives a URL inside the own province (or a global URL);
    ``other(world)`` the same page for the other province's object, or None when
    the page is not about one object. ``allowed`` are the roles that get 200 on
    ``own``; every other role gets 404 (a forbidden object looks missing).
    ``marker(world)`` is text of the other province that must never show on
    ``own`` for a role without national scope.
    """

    name: str
    own: Callable[[World], str]
    allowed: frozenset[str]
    other: Callable[[World], str] | None = None
    marker: Callable[[World], str] | None = None
    denied_status: int = 404
    setup: Callable[[World], None] | None = None
    extra_ok: frozenset[int] = field(default_factory=frozenset)


def pages(*items: Page) -> list[Page]:
    return list(items)


def check_page(page: Page, world: World, client_for) -> list[str]:
    """Fetch ``page`` as every role; return what went wrong (empty when all is right)."""
    problems: list[str] = []
    if page.setup:
        page.setup(world)
    own_url = page.own(world)
    anon = client_for(None).get(own_url)
    if anon.status_code != 302 or "/accounts/login/" not in anon["Location"]:
        problems.append(f"{page.name}: anonymous got {anon.status_code}, expected a redirect to login")
    for role in ROLES:
        user = world.users[role]
        client = client_for(user)
        resp = client.get(own_url)
        expected = 200 if role in page.allowed else page.denied_status
        if resp.status_code != expected and resp.status_code not in page.extra_ok:
            problems.append(f"{page.name} own as {role}: {resp.status_code}, expected {expected}")
        if role != "national" and resp.status_code == 200 and page.marker:
            text = resp.content.decode()
            if page.marker(world) in text:
                problems.append(f"{page.name} own as {role}: shows the other province ({page.marker(world)!r})")
        if page.other:
            other = client.get(page.other(world))
            want = 200 if role == "national" and role in page.allowed else 404
            if other.status_code != want:
                problems.append(f"{page.name} other province as {role}: {other.status_code}, expected {want}")
    return problems


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url)
    assert resp.status_code == 200, f"{url} gave {resp.status_code}"
    return len(ctx.captured_queries)


# A page costs at most this many queries (issue #12), whatever the size of the data.
PAGE_QUERY_BUDGET = 10
# Lists that grow with the country are checked at these sizes (a page shows at most PAGE_SIZE rows).
LIST_SIZES = (5, 50, 500)


def assert_constant_queries(
    client, url: str, grow: Callable[[int], None], sizes: Iterable[int] = (5, 50), budget: int | None = None
) -> list[int]:
    """Grow the data to each size in turn and assert the page costs the same number of queries
    (and no more than ``budget`` when given)."""
    counts = []
    for n in sizes:
        grow(n)
        # warm caches that are per-process, not per-row (content types, province names): twice, because a
        # page kept per data version draws its body on the first request and serves it from the second
        client.get(url)
        client.get(url)
        counts.append(count_queries(client, url))
    assert len(set(counts)) == 1, f"{url}: queries grew with the data: {dict(zip(sizes, counts, strict=True))}"
    if budget is not None:
        assert counts[0] <= budget, f"{url}: {counts[0]} queries, more than the budget of {budget}"
    return counts


def assert_page_budget(client, url: str, grow: Callable[[int], None], sizes: Iterable[int] = LIST_SIZES) -> list[int]:
    """A list page: the same number of queries at 5, 50 and 500 rows, and within PAGE_QUERY_BUDGET."""
    return assert_constant_queries(client, url, grow, sizes, budget=PAGE_QUERY_BUDGET)


# --- Write paths (issue #12): a vote and a minutes autosave cost at most WRITE_QUERY_BUDGET queries. ---
# Counted over the whole request through the test client (session, auth, the service's reads and locks,
# audit, ledger, secret-vote counters, what the answer renders). Run them in a transactional test so the
# service's transaction is a real one, as in production: Django logs no query for BEGIN or COMMIT, while a
# test wrapped in a transaction would add a SAVEPOINT and a RELEASE that production never sends.
WRITE_QUERY_BUDGET = 12


def post_queries(client, url: str, data: dict, **extra) -> tuple[int, list[str], object]:
    """POST ``data`` to ``url``; returns (number of queries, their SQL, the response)."""
    with CaptureQueriesContext(connection) as ctx:
        resp = client.post(url, data, **extra)
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries], resp


def assert_write_budget(client, url: str, data: dict, budget: int = WRITE_QUERY_BUDGET, **extra):
    """POST and assert the request costs at most ``budget`` queries (listing them when it does not)."""
    n, sqls, resp = post_queries(client, url, data, **extra)
    assert n <= budget, f"{url}: {n} queries, more than the budget of {budget}:\n" + "\n".join(
        f"{i}. {sql[:200]}" for i, sql in enumerate(sqls, 1)
    )
    return n, resp
