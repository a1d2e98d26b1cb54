"""The embedded default a new user gets from `make run`: SQLite, in-process Celery, demo data.

Runs manage.py in a subprocess against a scratch SQLite file, as `make run` does.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(db: Path, *args: str) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "REDIS_URL": "",
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    out = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout


COUNT = (
    "from django.apps import apps; "
    "print(sum(m.objects.count() for m in apps.get_models() if m._meta.app_label in "
    "('committees','meetings','actionplans','fundproposals','accounts')))"
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """One scratch SQLite file, migrated and seeded once, as `make run` leaves it."""
    db = tmp_path_factory.mktemp("embedded") / "embedded.sqlite3"
    _manage(db, "migrate", "--noinput", "-v0")
    return db, _manage(db, "seed_demo")


def test_migrate_and_demo_data_load_on_sqlite_and_a_second_run_keeps_them(seeded):
    db, first = seeded
    assert "sp-secretariat" in first and "proposer" in first
    rows = int(_manage(db, "shell", "-c", COUNT).strip().splitlines()[-1])
    _manage(db, "migrate", "--noinput", "-v0")
    _manage(db, "seed_demo")
    assert int(_manage(db, "shell", "-c", COUNT).strip().splitlines()[-1]) == rows
    # the real cases of DESIGN.md are there
    check = (
        "from meetings.models import Meeting; "
        "m = Meeting.objects.get(subcommittee__province__code='11', number=1, number_year=2564); "
        "print(m.label, m.state, m.starts_at.date())"
    )
    assert _manage(db, "shell", "-c", check).strip().endswith("ครั้งที่ 1/2564 adopted 2021-01-27")
    # adopted minutes are frozen by the database on SQLite too
    frozen = (
        "from django.db import IntegrityError; from meetings.models import Minutes; "
        "m = Minutes.objects.filter(adopted_on__isnull=False).first()\n"
        "try:\n    Minutes.objects.filter(pk=m.pk).update(content={})\n    print('changed')\n"
        "except IntegrityError:\n    print('frozen')"
    )
    assert _manage(db, "shell", "-c", frozen).strip().endswith("frozen")


def test_every_kind_of_page_answers_on_sqlite_for_every_demo_user(seeded):
    """Code that works only on PostgreSQL breaks `make run`: walk the demo site there."""
    db, _ = seeded
    out = _manage(db, "shell", "-c", (ROOT / "tests" / "core" / "embedded_walk.py").read_text())
    assert "FAILED" not in out, out[-3000:]
    assert int(out.strip().splitlines()[-1].split()[-1]) > 100, out[-3000:]
