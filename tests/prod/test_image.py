"""The Dockerfile and docker-compose.yml say what the issue asks (CI also runs `docker-compose config`)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_the_dockerfile_is_slim_non_root_collects_static_and_checks_health():
    text = (ROOT / "Dockerfile").read_text()
    assert "FROM python:3.11-slim-bookworm" in text
    assert "scripts/system-setup.sh runtime" in text  # the same script CI runs
    assert "collectstatic" in text
    assert "\nUSER ctip\n" in text
    assert "HEALTHCHECK" in text and "/healthz" in text
    assert '"gunicorn", "config.wsgi"' in text


def test_compose_starts_by_health_migrates_once_and_keeps_media():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "migrate", "web", "worker", "beat"} <= set(services)
    for name in ("postgres", "redis", "web", "worker"):
        assert services[name]["healthcheck"]["test"], name
    assert services["migrate"]["command"][-2:] == ["migrate", "--noinput"]
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("web", "worker", "beat"):
        deps = services[name]["depends_on"]
        assert deps["migrate"]["condition"] == "service_completed_successfully"
        assert deps["redis"]["condition"] == "service_healthy"
    assert "media:/app/var/media" in services["web"]["volumes"]
    assert "media:/app/var/media" in services["worker"]["volumes"]
    assert {"pgdata", "media", "backups"} <= set(compose["volumes"])


def test_the_system_script_installs_pg_dump_matching_the_server():
    text = (ROOT / "scripts" / "system-setup.sh").read_text()
    assert "postgresql-client-15" in text


def test_the_database_gets_the_rum_extension_in_ci_and_in_the_image():
    """Search ranks from the RUM index (search/migrations/0004_rum_index.py) where the server has it."""
    setup = (ROOT / "scripts" / "system-setup.sh").read_text()
    assert "postgresql-15-rum" in setup
    assert 'for db in template1 "$DB_NAME"' in setup and "CREATE EXTENSION IF NOT EXISTS rum" in setup
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert compose["services"]["postgres"]["build"] == "docker/postgres"
    image = (ROOT / "docker" / "postgres" / "Dockerfile").read_text()
    assert "FROM postgres:15" in image and "postgresql-${PG_MAJOR}-rum" in image
