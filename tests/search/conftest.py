import pytest

from search import selectors


@pytest.fixture(params=["rum", "gin"])
def ranking_path(request, monkeypatch):
    """Run a test through both ways PostgreSQL ranks: the RUM index (the setup script installs it) and
    GIN + ``ts_rank`` (a server without the ``rum`` extension)."""
    if request.param == "gin":
        monkeypatch.setattr(selectors, "rum_ready", lambda: False)
    else:
        assert selectors.rum_ready(), (
            "the test database has no RUM index: scripts/system-setup.sh installs postgresql-15-rum "
            "and creates the extension in template1"
        )
    return request.param
