"""Backups: the database (pg_dump, custom format) and the media files, with a manifest of checksums.

A backup is one folder ``ctip-<UTC time>/`` holding ``database.dump``, ``media.tar``
and ``manifest.json`` (SHA-256 of both archives and of every media file, and
each table's row count when it was taken). ``restore`` checks the checksums,
refuses a database that already has tables, restores, then checks the media again.
Passwords reach pg_dump through the environment, never the command line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = 1


class BackupError(Exception):
    pass


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_checksums(root: Path) -> dict[str, str]:
    root = Path(root)
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): sha256(p) for p in sorted(root.rglob("*")) if p.is_file()}


def _pg_env(db: dict) -> tuple[list[str], dict]:
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432), "-U", db["USER"]]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or "", "PGCONNECT_TIMEOUT": "10"}
    return args, env


def table_counts(conn) -> dict[str, int]:
    with conn.cursor() as cur:
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [r[0] for r in cur.fetchall()]
        counts = {}
        for t in tables:
            cur.execute(f'SELECT count(*) FROM "{t}"')  # noqa: S608 (names from pg_tables)
            counts[t] = cur.fetchone()[0]
    return counts


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} is not installed (scripts/system-setup.sh installs postgresql-client-15)")
    return path


def backup(dest: Path, *, media_root: Path | None = None, keep: int | None = None) -> Path:
    """Take a backup into a new folder under ``dest``; keep the newest ``keep`` backups. Returns the folder."""
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        raise BackupError("backups need PostgreSQL (DATABASE_URL)")
    media_root = Path(media_root or settings.MEDIA_ROOT)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = Path(dest) / f"ctip-{stamp}"
    folder.mkdir(parents=True)
    args, env = _pg_env(db)
    dump = folder / "database.dump"
    counts = table_counts(connection)  # taken just before the dump (a busy site may add rows between)
    subprocess.run(  # noqa: S603
        [_tool("pg_dump"), *args, "-Fc", "--no-owner", "--no-privileges", "-f", str(dump), db["NAME"]],
        env=env,
        check=True,
        capture_output=True,
    )
    tar_path = folder / "media.tar"
    with tarfile.open(tar_path, "w") as tar:
        if media_root.exists():
            tar.add(media_root, arcname="media")
    manifest = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "database": {"file": dump.name, "sha256": sha256(dump), "name": db["NAME"], "tables": counts},
        "media_archive": {"file": tar_path.name, "sha256": sha256(tar_path)},
        "media": media_checksums(media_root),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    if keep:
        backups = sorted(p for p in Path(dest).glob("ctip-*") if p.is_dir())
        for old in backups[:-keep]:
            shutil.rmtree(old)
    return folder


def restore(folder: Path, *, db: dict, media_root: Path) -> dict:
    """Restore a backup into the empty database ``db`` (a settings dict) and ``media_root``; returns the manifest."""
    import psycopg

    folder = Path(folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    for part in ("database", "media_archive"):
        path = folder / manifest[part]["file"]
        if sha256(path) != manifest[part]["sha256"]:
            raise BackupError(f"{path.name}: checksum does not match the manifest")
    args, env = _pg_env(db)
    with psycopg.connect(
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        dbname=db["NAME"],
    ) as conn:
        if table_counts(conn):
            raise BackupError(f"database {db['NAME']} is not empty: restore only into an empty database")
    dump = str(folder / manifest["database"]["file"])
    # Extensions (pg_trgm) belong to the server's administrator: their comments are left out,
    # which a non-superuser role could not restore.
    toc = subprocess.run([_tool("pg_restore"), "-l", dump], check=True, capture_output=True, text=True).stdout  # noqa: S603
    listing = folder / ".restore.list"
    listing.write_text("\n".join(line for line in toc.splitlines() if "COMMENT - EXTENSION" not in line) + "\n")
    restore_args = ["--no-owner", "--no-privileges", "--exit-on-error", "-L", str(listing), "-d", db["NAME"], dump]
    try:
        subprocess.run([_tool("pg_restore"), *args, *restore_args], env=env, check=True, capture_output=True)  # noqa: S603
    finally:
        listing.unlink(missing_ok=True)
    media_root = Path(media_root)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / manifest["media_archive"]["file"]) as tar:
        for member in tar.getmembers():
            if not (member.isfile() or member.isdir()) or not member.name.startswith("media"):
                raise BackupError(f"unexpected entry in the media archive: {member.name}")
        staging = media_root.parent / f".restore-{media_root.name}"
        tar.extractall(staging, filter="data")
    src = staging / "media"
    if src.exists():
        shutil.copytree(src, media_root, dirs_exist_ok=True)
    shutil.rmtree(staging, ignore_errors=True)
    restored = media_checksums(media_root)
    missing = {k for k, v in manifest["media"].items() if restored.get(k) != v}
    if missing:
        raise BackupError(f"media files differ after restore: {sorted(missing)[:5]}")
    return manifest
