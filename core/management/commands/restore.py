"""Restore a backup into an empty database: ``manage.py restore FOLDER [--database-url URL] [--media-root DIR]``."""

from pathlib import Path

import environ
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core import backup


class Command(BaseCommand):
    help = "Restore a backup folder into an EMPTY database (checksums verified first) and the media folder."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--database-url", default=None, help="target database (default: DATABASE_URL)")
        parser.add_argument("--media-root", default=None, help="target media folder (default: MEDIA_ROOT)")

    def handle(self, *args, **options):
        db = environ.Env.db_url_config(options["database_url"]) if options["database_url"] else connection.settings_dict
        media = Path(options["media_root"] or settings.MEDIA_ROOT)
        try:
            manifest = backup.restore(Path(options["folder"]), db=db, media_root=media)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        except Exception as exc:  # pg_restore's own failure (CalledProcessError) carries its stderr
            raise CommandError(f"{exc}: {getattr(exc, 'stderr', b'')!r}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"กู้คืนแล้ว / restored {len(manifest['database']['tables'])} tables and "
                f"{len(manifest['media'])} media files from {manifest['created_at']}"
            )
        )
