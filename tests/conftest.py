import importlib
import os

import pytest
from django.apps import apps as django_apps

# Playwright's sync API runs an event loop in the test thread; Django must let
# the ORM run beside it in browser journeys.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    """The suite runs on PostgreSQL (locks, triggers and concurrency are part of what it proves)."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        raise pytest.UsageError(
            "The test suite runs on PostgreSQL: set DATABASE_URL=postgres://... (make test does). "
            "The embedded SQLite default is exercised by tests/core/test_embedded_default.py."
        )


def _load_provinces():
    migration = importlib.import_module("committees.migrations.0002_load_provinces")
    migration.load(django_apps, None)


@pytest.fixture(autouse=True)
def _provinces(request, django_db_blocker):
    """Provinces come from a data migration; transactional tests flush them, so put them back.

    A transactional test reloads them before it runs; an ordinary test that runs after one in
    the same worker (xdist does not always keep them apart) reloads them inside its own
    transaction when they are missing.
    """
    names = request.fixturenames
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    if "transactional_db" in names or "live_server" in names or transactional:
        with django_db_blocker.unblock():
            _load_provinces()
    elif "db" in names or marker is not None:
        request.getfixturevalue("db")
        from committees.models import Province

        if not Province.objects.exists():
            _load_provinces()


@pytest.fixture
def world(db):
    from tests.world import build_world

    return build_world()


@pytest.fixture
def client_for(client):
    """``client_for(user)``: the test client logged in as ``user`` (``None``: anonymous)."""
    from django.test import Client

    def make(user):
        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    return make
