"""The packet's one page numbering, "หน้า n จาก N", laid over every page without touching its content.

The numbers are drawn once (ReportLab, one small PDF, one embedded subset of Sarabun); each page
gets its number's drawing as one more small content stream after its own. The pages' content
streams are neither parsed nor rewritten (pypdf's ``merge_transformed_page`` parses and renames
every operator of every page: ~0.8 ms a page), and the font is written once for the whole packet.
"""

from __future__ import annotations

import io

_STAMP_FONT = "SarabunPacket"
_FONT = "/PkN"


def page_numbers(sizes: list[tuple[float, float]]) -> bytes:
    """One page a size, each carrying only "หน้า n จาก N" where the documents print it (bottom centre of
    the text area, as ``pdf/document.css`` does), to lay over the packet's pages.

    Drawn with ReportLab: WeasyPrint takes ~15 ms a page for this, more than merging the papers.
    The phrase has no stacked marks, so ReportLab's unshaped Thai draws and extracts it right.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from reports import fonts

    if _STAMP_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_STAMP_FONT, str(fonts.source_dir() / "Sarabun-Regular.ttf")))
    total = len(sizes)
    out = io.BytesIO()
    c = canvas.Canvas(out, pageCompression=1, invariant=1, initialFontName=_STAMP_FONT, initialFontSize=12)
    cm = 72 / 2.54
    for n, (width, height) in enumerate(sizes, start=1):
        width, height = float(width), float(height)
        c.setPageSize((width, height))
        c.setFont(_STAMP_FONT, 12)
        c.drawCentredString(width / 2 + 0.5 * cm, 1 * cm - 4, f"หน้า {n} จาก {total}")
        c.showPage()
    c.save()
    return out.getvalue()


def _resources(page):
    """The resources the page uses: its own, or those it inherits from its page tree (created if none)."""
    from pypdf.generic import DictionaryObject, NameObject

    node = page
    while node is not None:
        if "/Resources" in node:
            return node["/Resources"].get_object()
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    page[NameObject("/Resources")] = DictionaryObject()
    return page["/Resources"]


def _font_name(fonts, name: str, ref) -> str:
    """A name for a stamp font in a page's font dictionary that is free or already means this font."""
    while name in fonts and fonts[name] != ref:
        name += "x"
    return name


def number_pages(writer) -> None:
    """Lay "หน้า n จาก N" over every page of ``writer``, in order.

    Each page gets one small content stream after its own (wrapped so that whatever state its own
    content leaves does not move the number) and the stamp's font in its font resources: the same
    font object on every page, so a packet embeds the subset once whatever its length.
    """
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    pages = list(writer.pages)
    stamps = PdfReader(io.BytesIO(page_numbers([(p.mediabox.width, p.mediabox.height) for p in pages])))

    def stream(data: bytes):
        s = DecodedStreamObject()
        s.set_data(data)
        return writer._add_object(s.flate_encode(level=9))

    save = stream(b"q\n")
    cloned: dict[str, object] = {}  # the stamp's fonts, each written once into the packet
    for page, stamp in zip(pages, stamps.pages, strict=True):
        stamp_fonts = stamp["/Resources"].get_object()["/Font"].get_object()
        resources = _resources(page)
        fonts = resources.get("/Font")
        if fonts is None:
            fonts = resources[NameObject("/Font")] = DictionaryObject()
        fonts = fonts.get_object()
        drawn = stamp["/Contents"].get_object()
        drawn = drawn if isinstance(drawn, ArrayObject) else [drawn]
        text = b"\n".join(c.get_object().get_data() for c in drawn)
        for i, (stamp_name, stamp_font) in enumerate(sorted(stamp_fonts.items())):
            if stamp_name not in cloned:
                cloned[stamp_name] = stamp_font.clone(writer)
            name = _font_name(fonts, f"{_FONT}{i}", cloned[stamp_name])
            fonts[NameObject(name)] = cloned[stamp_name]
            text = text.replace(stamp_name.encode() + b" ", name.encode() + b" ")
        left, bottom = float(page.mediabox.left), float(page.mediabox.bottom)
        number = stream(b"Q\nq 1 0 0 1 %g %g cm\n" % (left, bottom) + text + b"\nQ\n")
        contents = page.get("/Contents")  # a stream, an array of streams, or none (a blank page)
        if contents is None:
            parts = []
        elif isinstance(contents.get_object(), ArrayObject):
            parts = list(contents.get_object())
        else:
            parts = [contents]
        page[NameObject("/Contents")] = ArrayObject([save, *parts, number])
