"""Print the demo documents to a folder (PDF, and PNG pages with ``--png``): to read them as their signer would."""

import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand

from reports import demo


class Command(BaseCommand):
    help = "พิมพ์เอกสารตัวอย่างทุกชนิดจากข้อมูลสาธิต (seed_demo) ลงในโฟลเดอร์"

    def add_arguments(self, parser):
        parser.add_argument("out", help="โฟลเดอร์ปลายทาง")
        parser.add_argument("--png", type=int, default=0, help="ความละเอียด (dpi) ของภาพหน้ากระดาษ; 0 คือไม่ทำภาพ")
        parser.add_argument("--only", nargs="*", default=None, help="เฉพาะเอกสารชื่อเหล่านี้")

    def handle(self, *args, out, png, only, **options):
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        for name, target in demo.demo_documents().items():
            if only and name not in only:
                continue
            path = folder / f"{name}.pdf"
            path.write_bytes(demo.render(target))
            if png:
                subprocess.run(["pdftoppm", "-r", str(png), "-png", str(path), str(folder / name)], check=True)  # noqa: S603, S607
            self.stdout.write(str(path))
