"""Back up, restore into a new empty database, compare every table's rows and every media file."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from core import backup
from tests.fundproposals.helpers import complete_proposal
from tests.prod import procs

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _admin(db):
    return psycopg.connect(
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture
def empty_database():
    db = connection.settings_dict
    name = f"ctip_restore_{uuid.uuid4().hex[:10]}"
    with _admin(db) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**db, "NAME": name}
    finally:
        with _admin(db) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_then_restore_into_a_new_database_gives_the_same_rows_and_files(
    world, settings, tmp_path, empty_database
):
    media = tmp_path / "media"
    (media / "papers" / "2567").mkdir(parents=True)
    (media / "papers" / "2567" / "a.pdf").write_bytes(b"%PDF-1.4 agenda " * 1000)
    (media / "reports" / "2567").mkdir(parents=True)
    (media / "reports" / "2567" / "ร.pdf").write_bytes(b"%PDF-1.4 report")
    settings.MEDIA_ROOT = str(media)
    complete_proposal(world)

    call_command("backup", dest=str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").glob("ctip-*")
    source_counts = backup.table_counts(connection)
    assert source_counts["fundproposals_proposal"] >= 1 and source_counts["committees_province"] == 77

    restored_media = tmp_path / "restored-media"
    url = procs.database_url(empty_database)
    call_command("restore", str(folder), database_url=url, media_root=str(restored_media))

    with psycopg.connect(
        host=empty_database.get("HOST") or "127.0.0.1",
        port=empty_database.get("PORT") or 5432,
        user=empty_database["USER"],
        password=empty_database.get("PASSWORD") or None,
        dbname=empty_database["NAME"],
    ) as conn:
        assert backup.table_counts(conn) == source_counts
    assert backup.media_checksums(restored_media) == backup.media_checksums(media)
    assert len(backup.media_checksums(media)) == 2

    # never over data, and never from a tampered archive
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(folder), database_url=url, media_root=str(restored_media))
    with (folder / "database.dump").open("ab") as f:
        f.write(b"x")
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(folder), database_url=url, media_root=str(restored_media))


def test_the_nightly_backup_is_on_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["core-nightly-backup"]
    assert entry["task"] == "core.tasks.nightly_backup"
