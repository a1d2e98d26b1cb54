"""Back up the database and the media files: ``manage.py backup [--dest DIR] [--keep N]``."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump custom format) and the media files, with a manifest of checksums."

    def add_arguments(self, parser):
        parser.add_argument("--dest", default=None, help="folder for backups (default: BACKUP_DIR)")
        parser.add_argument("--keep", type=int, default=None, help="keep only the newest N backups")

    def handle(self, *args, **options):
        dest = options["dest"] or getattr(settings, "BACKUP_DIR", "")
        if not dest:
            raise CommandError("set BACKUP_DIR or pass --dest")
        try:
            folder = backup.backup(Path(dest), keep=options["keep"] or getattr(settings, "BACKUP_KEEP", None))
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"สำรองข้อมูลแล้ว / backup written: {folder}"))
