"""The hash-chained ledger: an append-only chain of what was decided.

Each ``Entry`` holds the canonical serialisation (``body``) of one record as it
was written, the previous entry's hash and its own hash
``sha256(prev_hash + body)``. ``Head`` is the one row that serialises appends
(locked for each append) and remembers the chain's last entry, so a deleted
tail is noticed too. The database refuses UPDATE and DELETE on entries
(migration 0002: a PostgreSQL trigger, and the same on SQLite).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

GENESIS = "0" * 64


class Entry(models.Model):
    seq = models.PositiveBigIntegerField(gettext_lazy("ลำดับรายการ"), primary_key=True)
    kind = models.CharField(gettext_lazy("ประเภทบันทึก"), max_length=30)
    object_id = models.PositiveBigIntegerField(gettext_lazy("รหัสบันทึก"))
    province = models.ForeignKey(
        "committees.Province",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        verbose_name=gettext_lazy("จังหวัด"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        verbose_name=gettext_lazy("ผู้บันทึก"),
    )
    recorded_at = models.DateTimeField(gettext_lazy("บันทึกเมื่อ"))
    body = models.TextField(gettext_lazy("ข้อมูลที่ลงบันทึก"))
    prev_hash = models.CharField(gettext_lazy("ค่าแฮชของรายการก่อนหน้า"), max_length=64)
    hash = models.CharField(gettext_lazy("ค่าแฮช"), max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        verbose_name = gettext_lazy("รายการในบันทึกที่ตรวจสอบได้")
        verbose_name_plural = gettext_lazy("รายการในบันทึกที่ตรวจสอบได้")
        indexes = [models.Index(fields=["kind", "object_id", "seq"], name="ledger_entry_record")]

    def __str__(self) -> str:
        return _("รายการที่ %(seq)s") % {"seq": self.seq}


class Head(models.Model):
    """The chain's last entry; its row lock orders every append."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS)

    class Meta:
        verbose_name = gettext_lazy("ท้ายสายบันทึก")
        verbose_name_plural = gettext_lazy("ท้ายสายบันทึก")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="ledger_single_head")]

    def __str__(self) -> str:
        return f"{self.seq}: {self.hash}"
