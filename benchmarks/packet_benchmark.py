"""Benchmark of the meeting packet (not a test): 10 PDF papers of 20 pages each.

Adds the papers to the demo meeting ครั้งที่ 2/2564 of Samut Prakan (seed_demo) inside a transaction
that is rolled back at the end, then compares, interleaved, median of 5:

- pypdf merging the 10 papers alone (PdfWriter.append + write);
- the whole packet as the worker builds it (cover and agenda, the minutes to adopt, the papers,
  bookmarks, "หน้า n จาก N" stamped on every page).

and the packet's size against the sum of its parts (papers + cover/agenda + minutes, the generated
parts rendered as the packet renders them). Wall time and the process's CPU time are both
reported: the machine is shared, and CPU time is what other engineers' load does not inflate.
The load average (``os.getloadavg``) is printed before and after.

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

PAPERS, PAGES, RUNS = 10, 20, 7


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
        load_before = os.getloadavg()
        merge_times, packet_times, merge_cpu, packet_cpu = [], [], [], []
        for _ in range(RUNS):
            t, c = time.perf_counter(), time.process_time()
            merged = merge_alone()
            merge_times.append(time.perf_counter() - t)
            merge_cpu.append(time.process_time() - c)
            t, c = time.perf_counter(), time.process_time()
            built = packet()
            packet_times.append(time.perf_counter() - t)
            packet_cpu.append(time.process_time() - c)
        load_after = os.getloadavg()
        plain = {"pdf_variant": None}  # as the packet renders its own parts (README: not tagged)
        front = render_template_to_pdf(
            doc.template, {**doc.context(target), "title": doc.title(target), "generated_at": FIXED_NOW}, **plain
        ).pdf
        parts = sum(len(p) for p in papers) + len(front)
        for part in doc.context(target)["minutes_to_adopt"]:
            parts += len(
                render_template_to_pdf(
                    Minutes.template,
                    {**part.minutes, "title": part.title, "generated_at": FIXED_NOW, "unnumbered": True},
                    **plain,
                ).pdf
            )
        transaction.set_rollback(True)
    m, p = statistics.median(merge_times), statistics.median(packet_times)
    mc, pc = statistics.median(merge_cpu), statistics.median(packet_cpu)
    pages = len(PdfReader(io.BytesIO(built)).pages)
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min; 2 cores shared)")
    print(f"papers: {PAPERS} x {PAGES} pages, sum of papers {sum(len(x) for x in papers):,} bytes")
    print(f"merge alone (pypdf): median {m:.2f} s  runs {[round(x, 2) for x in merge_times]}  {len(merged):,} bytes")
    print(
        f"whole packet:        median {p:.2f} s  runs {[round(x, 2) for x in packet_times]}  {len(built):,} bytes, {pages} pages"
    )
    print(f"CPU time: merge median {mc:.2f} s {[round(x, 2) for x in merge_cpu]}")
    print(f"          packet median {pc:.2f} s {[round(x, 2) for x in packet_cpu]}")
    print(f"packet / merge: wall {p / m:.2f}x, CPU {pc / mc:.2f}x (limit 2x)")
    print(f"packet size / sum of parts ({parts:,} bytes): {len(built) / parts:.3f} (limit 1.10)")


if __name__ == "__main__":
    main()
