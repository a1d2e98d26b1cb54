"""Load the demo data of every app, once. Running it again changes nothing."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: later apps use what earlier ones made.
DEMO_MODULES = ["committees.demo", "meetings.demo", "actionplans.demo", "fundproposals.demo", "reports.demo"]


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo accounts."

    def handle(self, *args, **options):
        ctx: dict = {}
        with transaction.atomic():
            for name in DEMO_MODULES:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name != name:
                        raise
                    continue
                result = module.load(ctx)
                if isinstance(result, dict):
                    ctx.update(result)
        from committees.demo import DEMO_PASSWORD, DEMO_USERS

        self.stdout.write(self.style.SUCCESS("ข้อมูลสาธิตพร้อมใช้งาน / demo data ready"))
        self.stdout.write(f"บัญชีสาธิต (รหัสผ่าน '{DEMO_PASSWORD}', ใช้เพื่อสาธิตเท่านั้น):")
        for username, (_full_name, position, *_rest) in DEMO_USERS.items():
            self.stdout.write(f"  {username:<18} {position}")
        self.stdout.write("  admin              ผู้ดูแลระบบ (Django admin)")
