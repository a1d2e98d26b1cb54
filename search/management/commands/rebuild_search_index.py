from django.core.management.base import BaseCommand

from search.indexers import SOURCES
from search.services import rebuild


class Command(BaseCommand):
    help = "สร้างดัชนีค้นหาใหม่ทั้งหมดจากข้อมูลต้นทาง (มติ รายงานการประชุม ระเบียบวาระ โครงการ เอกสาร PDF)"

    def add_arguments(self, parser):
        parser.add_argument("--kind", action="append", choices=[str(k) for k in SOURCES], help="เฉพาะชนิดนี้")

    def handle(self, *args, **opts):
        counts = rebuild(kinds=opts.get("kind"))
        for kind, n in counts.items():
            self.stdout.write(f"{kind}: {n}")
