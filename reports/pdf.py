"""HTML to PDF with WeasyPrint: the safe URL fetcher and the renderer.

WeasyPrint is imported when this module is imported; the worker imports it at
start (``reports.tasks`` warms it) so no task pays the ~1 s import.

Every document of a thread is laid out with that thread's one font configuration
(``font_config()``), not a new one per document as WeasyPrint does by default:
each new one is a fontconfig configuration plus a Pango font map, and Pango does
not give back about 0.23 MB of every font map it frees (issue #12; README,
Performance). The worker child grew by that much per report until it was recycled.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from reports import fonts

logger = logging.getLogger(__name__)


class RenderError(Exception):
    """A document could not be rendered; the message is Thai and shown to the requester."""


def allowed_roots() -> list[Path]:
    """The only folders WeasyPrint may read: the product's static files and the prepared fonts."""
    roots = [Path(p if isinstance(p, (str, os.PathLike)) else p[1]) for p in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    roots.append(fonts.font_dir())
    return [r.resolve() for r in roots]


class SafeURLFetcher(weasyprint.URLFetcher):
    """Fetch only ``data:`` URLs and files under ``allowed_roots()``; refuse everything else."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols=("data", "file"), **kwargs)
        self.roots = allowed_roots()
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return weasyprint.urls.URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})
        self.refused.append(url)
        raise ValueError(f"URL not allowed in documents: {url}")


def stylesheet_path() -> Path:
    found = finders.find("pdf/document.css")
    if not found:
        raise RenderError("ไม่พบแบบเอกสาร (pdf/document.css)")
    return Path(found)


def base_context() -> dict:
    """What every PDF template needs: the stylesheet and the prepared fonts as file URLs."""
    paths = fonts.prepared_fonts()
    return {
        "pdf_css_url": stylesheet_path().as_uri(),
        "pdf_fonts": [{"weight": w, "url": p.as_uri()} for w, p in paths.items()],
    }


_thread = threading.local()


def font_config():
    """This thread's WeasyPrint font configuration, made on first use and given to every document.

    What it holds is the same for every document: the system's fonts and the prepared Sarabun of
    ``templates/pdf/base.html``'s ``@font-face`` rules, which WeasyPrint adds once (a rule it has
    already added is skipped). One per thread because a Pango font map is not thread-safe; the
    report worker's children run one task at a time, so each child has one for its life.
    """
    config = getattr(_thread, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _thread.font_config = FontConfiguration()
    return config


def release_font_config() -> None:
    """Drop this thread's font configuration (its temporary font folder goes with it)."""
    _thread.__dict__.pop("font_config", None)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@dataclass
class Rendered:
    pdf: bytes
    pages: int


def html_to_pdf(html: str, *, strict: bool = True, **pdf_options) -> Rendered:
    """Render ``html``; with ``strict`` an image that cannot be read fails the document."""
    fonts.prepared_fonts()
    fetcher = SafeURLFetcher()
    handler = _Collect()
    wp_logger = logging.getLogger("weasyprint")
    wp_logger.addHandler(handler)
    try:
        document = weasyprint.HTML(string=html, base_url=str(stylesheet_path().parent), url_fetcher=fetcher).render(
            font_config=font_config()
        )
        # Tagged PDF/UA-1 (structure tree, /Lang th, title shown): Thai text extraction is unchanged (README).
        pdf = document.write_pdf(**{"pdf_variant": "pdf/ua-1", **pdf_options})
    finally:
        wp_logger.removeHandler(handler)
    broken = [m for m in handler.messages if "image" in m.lower()]
    if strict and broken:
        raise RenderError("มีรูปภาพในเอกสารที่เปิดไม่ได้ หรือไม่อนุญาตให้ใช้: " + broken[0][:200])
    return Rendered(pdf=pdf, pages=len(document.pages))


def render_template_to_pdf(template: str, context: dict, *, strict: bool = True, **pdf_options) -> Rendered:
    with translation.override("th"):  # a Thai official document, whatever language the page was in
        html = render_to_string(template, {**base_context(), **context})
    return html_to_pdf(html, strict=strict, **pdf_options)
