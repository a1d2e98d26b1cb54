"""Every URL pattern x every role x own province / another province.

Each app's tests declare their pages in ``tests/<app>/matrix.py`` (a ``PAGES``
list of ``tests.harness.Page``); this module finds them all, and fails when a
URL pattern of the product is in no matrix.
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

import tests
from tests.harness import check_page

# Framework pages that are not about any province's data.
NOT_IN_MATRIX = {"login", "logout", "set_language", "api-schema", "api-docs", "healthz"}
# people (issue #10): pages for people not yet signed in (tested in tests/accounts/test_public_pages.py)
NOT_IN_MATRIX |= {
    "accounts:welcome",
    "accounts:code",
    "accounts:register",
    "accounts:verify",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "notifications:line-webhook",
}
NOT_IN_MATRIX_PREFIXES = ("admin:", "api-root", "province-", "proposal-")  # the API has its own scope tests
# the read endpoints for other systems: tests/apitokens/test_api.py walks each for every role and province
NOT_IN_MATRIX_PREFIXES += ("riskgroup-", "subcommittee-", "meeting-", "resolution-", "plan-", "situationreport-")


def _all_pages():
    found = []
    for mod in pkgutil.iter_modules(tests.__path__):
        if not mod.ispkg:
            continue
        try:
            module = importlib.import_module(f"tests.{mod.name}.matrix")
        except ModuleNotFoundError:
            continue
        found.extend(module.PAGES)
    return found


PAGES = _all_pages()


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _url_names(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}"


def test_every_url_pattern_is_in_the_matrix():
    names = {n for n in _url_names() if n not in NOT_IN_MATRIX and not n.startswith(NOT_IN_MATRIX_PREFIXES)}
    covered = {p.name for p in PAGES}
    assert names - covered == set(), "URL patterns missing from the permission matrix"


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_permission_matrix(page, world, client_for):
    assert check_page(page, world, client_for) == []
