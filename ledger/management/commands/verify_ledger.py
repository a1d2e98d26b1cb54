"""``manage.py verify_ledger``: check the whole chain, or one record (``--entry N``, ``--hash H``, ``--record kind:id``)."""

from django.core.management.base import BaseCommand, CommandError

from ledger import verify
from ledger.records import KINDS, label


class Command(BaseCommand):
    help = "ตรวจสอบความถูกต้องของบันทึก (ทั้งสาย หรือบันทึกเดียว); จบด้วยรหัส 1 เมื่อพบความผิดปกติ"

    def add_arguments(self, parser):
        parser.add_argument("--entry", help="เลขรายการ")
        parser.add_argument("--hash", help="ค่าแฮชของรายการ")
        parser.add_argument("--record", help="ประเภท:รหัส เช่น vote:12 (" + ", ".join(KINDS) + ")")

    def handle(self, *args, entry=None, hash=None, record=None, **options):
        if entry or hash:
            found = verify.find_entry(entry or hash)
            if found is None:
                raise CommandError("ไม่พบรายการนี้ในสายบันทึก")
            report = verify.verify_entry(found)
        elif record:
            kind, _, pk = record.partition(":")
            if kind not in KINDS or not pk.isdigit():
                raise CommandError("ระบุบันทึกเป็น ประเภท:รหัส เช่น vote:12")
            report = verify.verify_record(kind, int(pk))
        else:
            report = verify.verify_chain()
        self.stdout.write(
            f"ตรวจ {report.entries:,} รายการ, {report.records:,} บันทึก ใน {report.seconds:.2f} วินาที; "
            f"ท้ายสาย: รายการที่ {report.head_seq} {report.head_hash}"
        )
        if report.ok:
            self.stdout.write(self.style.SUCCESS("ถูกต้อง: ไม่พบการแก้ไขหรือการลบ"))
            return
        first = report.first
        self.stdout.write(self.style.ERROR(f"ไม่ถูกต้อง: รายการแรกที่ผิดคือรายการที่ {first.seq}"))
        for p in sorted(report.problems, key=lambda p: p.seq):
            what = f" [{label(p.kind)} รหัส {p.object_id}]" if p.kind else ""
            self.stdout.write(f"  รายการที่ {p.seq}{what}: {p.message}")
        raise SystemExit(1)
