"""Benchmark of the meeting packet (not a test): 10 PDF papers of 20 pages each.

Adds the papers to the demo meeting ครั้งที่ 2/2564 of Samut Prakan (seed_demo) inside a transaction
that is rolled back at the end, then compares, interleaved, median of 5:

- pypdf merging the 10 papers alone (PdfWriter.append + write);
- the whole packet as the worker builds it (cover and agenda, the minutes to adopt, the papers,
  bookmarks, "หน้า n จาก N" stamped on every page).

and the packet's size against the sum of its parts (papers + cover/agenda + minutes).

    DATABASE_URL=postgres://ctip:ctip@127.0.0.1:5432/ctip_docs .venv/bin/python benchmarks/packet_benchmark.py
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

PAPERS, PAGES, RUNS = 10, 20, 5


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction
    from pypdf import PdfReader, PdfWriter

    from meetings.models import AgendaItem, Meeting
    from reports.demo import FIXED_NOW
    from reports.documents import document_for
    from reports.documents.meeting import Minutes
    from reports.pdf import render_template_to_pdf
    from reports.services import target_for
    from tests.reports.packet_helpers import add_paper, text_pdf

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="packet-bench-")
    meeting = Meeting.objects.filter(subcommittee__province__code="11", fiscal_year=2564).order_by("starts_at")[1]
    papers = [text_pdf(PAGES, f"เอกสารประกอบที่ {i + 1}") for i in range(PAPERS)]
    with transaction.atomic():
        items = list(
            AgendaItem.objects.filter(meeting=meeting, parent__isnull=False).order_by("parent__order", "order")
        )
        for i, data in enumerate(papers):
            add_paper(items[i % len(items)], f"paper-{i + 1}.pdf", data)
        doc = document_for("packet")
        target = target_for("packet", object_id=meeting.pk)

        def merge_alone() -> bytes:
            writer = PdfWriter()
            for data in papers:
                writer.append(PdfReader(io.BytesIO(data)))
            out = io.BytesIO()
            writer.write(out)
            return out.getvalue()

        def packet() -> bytes:
            return doc.render(target, title=doc.title(target), generated_at=FIXED_NOW).pdf

        merge_alone(), packet()  # warm fonts and imports
        merge_times, packet_times = [], []
        for _ in range(RUNS):
            t = time.perf_counter()
            merged = merge_alone()
            merge_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            built = packet()
            packet_times.append(time.perf_counter() - t)
        front = render_template_to_pdf(
            doc.template, {**doc.context(target), "title": doc.title(target), "generated_at": FIXED_NOW}
        ).pdf
        parts = sum(len(p) for p in papers) + len(front)
        for part in doc.context(target)["minutes_to_adopt"]:
            parts += len(
                render_template_to_pdf(
                    Minutes.template,
                    {**part.minutes, "title": part.title, "generated_at": FIXED_NOW, "unnumbered": True},
                ).pdf
            )
        transaction.set_rollback(True)
    m, p = statistics.median(merge_times), statistics.median(packet_times)
    pages = len(PdfReader(io.BytesIO(built)).pages)
    print(f"papers: {PAPERS} x {PAGES} pages, sum of papers {sum(len(x) for x in papers):,} bytes")
    print(f"merge alone (pypdf): median {m:.2f} s  runs {[round(x, 2) for x in merge_times]}  {len(merged):,} bytes")
    print(
        f"whole packet:        median {p:.2f} s  runs {[round(x, 2) for x in packet_times]}  {len(built):,} bytes, {pages} pages"
    )
    print(f"packet / merge: {p / m:.2f}x (limit 2x)")
    print(f"packet size / sum of parts ({parts:,} bytes): {len(built) / parts:.3f} (limit 1.10)")


if __name__ == "__main__":
    main()
