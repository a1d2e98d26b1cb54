"""The report worker's memory settings (issue #12): malloc arenas capped in each worker
process, and a child recycled after a bounded number of tasks."""

import ctypes.util

from django.conf import settings

from config.celery import app
from reports.tasks import limit_malloc_arenas


def test_worker_processes_cap_malloc_arenas():
    if not ctypes.util.find_library("c"):
        assert limit_malloc_arenas(2) is False  # no glibc: nothing to cap, nothing breaks
    else:
        assert limit_malloc_arenas(2) is True
    assert settings.REPORTS_MALLOC_ARENAS >= 1


def test_a_worker_child_is_recycled_after_a_bounded_number_of_tasks():
    assert 0 < app.conf.worker_max_tasks_per_child == settings.CELERY_WORKER_MAX_TASKS_PER_CHILD


def test_every_document_of_a_thread_is_laid_out_with_one_font_configuration(monkeypatch):
    """WeasyPrint makes a new font configuration (a fontconfig configuration and a Pango font map) for each
    document it is not given one; Pango keeps ~0.23 MB of each. Every document of a thread gets the same."""
    import threading

    import weasyprint

    from reports import pdf
    from tests.reports.helpers import pdf_text

    given = []
    render = weasyprint.HTML.render

    def spy(self, font_config=None, *args, **kwargs):
        given.append(font_config)
        return render(self, font_config, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", spy)
    ctx = pdf.base_context()
    faces = "".join(
        f'@font-face {{ font-family: "Sarabun PDF"; font-weight: {f["weight"]}; src: url("{f["url"]}"); }}'
        for f in ctx["pdf_fonts"]
    )
    texts = []
    for word in ("คำสั่งแต่งตั้ง", "ผู้ว่าราชการจังหวัด", "รายงานประจำปี"):
        html = f'<style>{faces} body {{ font-family: "Sarabun PDF" }}</style><p>{word}</p><p><b>{word}</b></p>'
        texts.append(pdf_text(pdf.html_to_pdf(html).pdf))
    assert len(given) == 3 and given[0] is not None and all(c is given[0] for c in given)
    # the shared configuration lays out each document right: every word reads back, Regular and Bold
    for word, text in zip(("คำสั่งแต่งตั้ง", "ผู้ว่าราชการจังหวัด", "รายงานประจำปี"), texts, strict=True):
        assert text.count(word) == 2
    # another thread gets its own (a Pango font map is not thread-safe)
    other = []
    worker = threading.Thread(target=lambda: other.append(pdf.font_config()))
    worker.start()
    worker.join()
    assert other[0] is not given[0]
