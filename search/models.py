from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from search.choices import SourceKind


class SearchEntry(models.Model):
    """One searchable thing (a resolution, minutes, an agenda item, a proposal, a paper's text).

    ``terms`` holds the Thai-segmented words; PostgreSQL indexes it with a 'simple' tsvector (GIN)
    and pg_trgm (GIN), SQLite with an FTS5 table (see the migration). ``province`` and
    ``proposer`` carry the scope: a search never returns what the user's pages would not show.
    """

    kind = models.CharField(gettext_lazy("ชนิด"), max_length=20, choices=SourceKind.choices)
    object_id = models.PositiveBigIntegerField(gettext_lazy("รหัสรายการ"))
    province = models.ForeignKey(
        "committees.Province", on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("จังหวัด")
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(gettext_lazy("หัวเรื่อง"), max_length=500)
    url = models.CharField(gettext_lazy("ลิงก์"), max_length=300)
    body = models.TextField(gettext_lazy("ข้อความ"), blank=True)
    terms = models.TextField(gettext_lazy("คำที่ตัดแล้ว"), blank=True)
    happened_at = models.DateTimeField(gettext_lazy("วันที่"), null=True, blank=True)
    indexed_at = models.DateTimeField(gettext_lazy("จัดทำดัชนีเมื่อ"), auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("ดัชนีค้นหา")
        verbose_name_plural = gettext_lazy("ดัชนีค้นหา")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_entry_per_source")]
        indexes = [models.Index(fields=["province", "kind"], name="search_province_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
