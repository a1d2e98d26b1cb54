"""Load the demo data of every app, once. Running it again changes nothing."""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo data even under production settings (a training copy); no superuser is created.",
        )

    def handle(self, *args, **options):
        production = getattr(settings, "IS_PRODUCTION", False)
        if production and not options["allow_production"]:
            raise CommandError(
                "ไม่โหลดข้อมูลสาธิตในระบบจริง (production settings): บัญชีสาธิตใช้รหัสผ่านที่ทุกคนรู้ "
                "สร้างบัญชีแรกด้วย `manage.py createsuperuser` หรือใช้ --allow-production สำหรับเครื่องฝึกอบรม"
            )
        # Under production settings (with --allow-production) no superuser with the demo password is made.
        ctx: dict = {"create_superuser": not production}
        with transaction.atomic():
            # order matters: later apps use what earlier ones made (settings.DEMO_MODULES)
            for name in settings.DEMO_MODULES:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name != name:
                        raise
                    continue
                result = module.load(ctx)
                if isinstance(result, dict):
                    ctx.update(result)
        accounts = ctx.get("demo_accounts", {})
        self.stdout.write(self.style.SUCCESS("ข้อมูลสาธิตพร้อมใช้งาน / demo data ready"))
        self.stdout.write(f"บัญชีสาธิต (รหัสผ่าน '{ctx.get('demo_password', '')}', ใช้เพื่อสาธิตเท่านั้น):")
        for username, (_full_name, position, *_rest) in accounts.items():
            self.stdout.write(f"  {username:<18} {position}")
        if not production:
            self.stdout.write("  admin              ผู้ดูแลระบบ (Django admin)")
