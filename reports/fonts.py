"""Sarabun prepared for PDFs whose text layer reads as the Thai it shows.

Why: HarfBuzz's Thai shaper always decomposes SARA AM (ำ, U+0E33) into
NIKHAHIT + SARA AA before the font's lookups run, so the PDF draws the very
glyph that plain SARA AA (า) uses. A PDF maps each glyph to one fixed text
(ToUnicode), so WeasyPrint's copy/extract text read every ำ as า ("คำ" came
out "คา"), and a tone mark merged into that cluster could read as nothing.

The fix has two halves:

1. a copy of each Sarabun weight, made once with fontTools, gets one more
   glyph (``uni0E32.am``, the same outline as SARA AA) and one more GSUB lookup
   in ``ccmp``: SARA AA right after a NIKHAHIT (alone or ligated with a tone
   mark) becomes ``uni0E32.am``. The page looks exactly the same;
2. while WeasyPrint writes a PDF, the text of the glyphs of these fonts is
   fixed (``_FixedToUnicode``): ``uni0E32.am`` reads ำ, the decomposed
   NIKHAHIT reads nothing (its text now belongs to ำ), a NIKHAHIT+tone
   ligature reads the tone mark, and every other Thai glyph reads its own
   character whatever cluster WeasyPrint met it in first.

What remains: a NIKHAHIT typed on its own (U+0E4D, Pali/Sanskrit spellings,
not modern Thai) extracts as nothing.
"""

from __future__ import annotations

import copy
import hashlib
import os
import threading
from pathlib import Path

from django.conf import settings

# Regular for the text, Bold for titles, headings and the attendees' roles (official style).
# Both get the same SARA AM fix. Bold lifts a tone mark over an upper vowel (ผู้, ที่) with a
# GPOS offset, which WeasyPrint writes as a separate positioned run: ``pdftotext -raw``
# (content-stream order) reads it right; layout mode sorts glyphs by position and may print
# the lifted mark apart ("ผูม ้"). The README says so; the tests read ``-raw``.
WEIGHTS = {"400": "Sarabun-Regular.ttf", "700": "Sarabun-Bold.ttf"}
AM_GLYPH = "uni0E32.am"
_VERSION = "am-1"
_lock = threading.Lock()
# sha256 of a prepared font file -> {glyph id: text}
_FIXES: dict[str, dict[int, str]] = {}
_patched = False


def source_dir() -> Path:
    import fontpkg_sarabun

    return Path(fontpkg_sarabun.__file__).parent / "files"


def font_dir() -> Path:
    """Where the prepared fonts live (outside git; the URL fetcher allows it)."""
    return Path(getattr(settings, "REPORTS_FONT_DIR", settings.BASE_DIR / "var" / "pdf-fonts"))


def _prepare(src: Path, dst: Path) -> None:
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables import otTables as ot

    font = TTFont(src)
    order = list(font.getGlyphOrder())
    font["glyf"].glyphs[AM_GLYPH] = copy.deepcopy(font["glyf"]["uni0E32"])
    font["hmtx"].metrics[AM_GLYPH] = font["hmtx"].metrics["uni0E32"]
    order.append(AM_GLYPH)
    font.setGlyphOrder(order)
    font["glyf"].glyphOrder = order
    font["maxp"].numGlyphs = len(order)
    gdef = font["GDEF"].table if "GDEF" in font else None
    if gdef is not None and gdef.GlyphClassDef is not None:
        gdef.GlyphClassDef.classDefs[AM_GLYPH] = gdef.GlyphClassDef.classDefs.get("uni0E32", 1)

    def coverage(names):
        cov = ot.Coverage()
        cov.glyphs = sorted(names, key=font.getGlyphID)
        return cov

    gsub = font["GSUB"].table
    lookups = gsub.LookupList.Lookup
    single = ot.Lookup()
    single.LookupType, single.LookupFlag = 1, 0
    sub = ot.SingleSubst()
    sub.Format, sub.mapping = 2, {"uni0E32": AM_GLYPH}
    single.SubTable, single.SubTableCount = [sub], 1

    chain = ot.Lookup()
    chain.LookupType, chain.LookupFlag = 6, 0
    rule = ot.ChainContextSubst()
    rule.Format = 3
    rule.BacktrackCoverage = [coverage([n for n in order if n.startswith("uni0E4D")])]
    rule.BacktrackGlyphCount = 1
    rule.InputCoverage, rule.InputGlyphCount = [coverage(["uni0E32"])], 1
    rule.LookAheadCoverage, rule.LookAheadGlyphCount = [], 0
    record = ot.SubstLookupRecord()
    record.SequenceIndex = 0
    lookups.extend([chain, single])
    record.LookupListIndex = len(lookups) - 1
    rule.SubstLookupRecord, rule.SubstCount = [record], 1
    chain.SubTable, chain.SubTableCount = [rule], 1
    gsub.LookupList.LookupCount = len(lookups)
    for feature in gsub.FeatureList.FeatureRecord:
        if feature.FeatureTag == "ccmp":
            feature.Feature.LookupListIndex.append(len(lookups) - 2)
            feature.Feature.LookupCount = len(feature.Feature.LookupListIndex)
    tmp = dst.with_suffix(f".{os.getpid()}.tmp")
    font.save(tmp)
    tmp.replace(dst)


def _fixes_for(path: Path) -> dict[int, str]:
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    fixes: dict[int, str] = {}
    for codepoint, name in font.getBestCmap().items():
        if 0x0E00 <= codepoint <= 0x0E7F:
            fixes[font.getGlyphID(name)] = chr(codepoint)
    for name in font.getGlyphOrder():
        if name.startswith("uni0E4D"):
            tone = name[7:].split(".")[0]
            fixes[font.getGlyphID(name)] = chr(int(tone, 16)) if tone else ""
    fixes[font.getGlyphID(AM_GLYPH)] = "\u0e33"
    return fixes


def prepared_fonts() -> dict[str, Path]:
    """``{css weight: path}`` of the prepared Sarabun files (made on first use, then reused)."""
    out = font_dir()
    paths = {w: out / f"{Path(name).stem}-{_VERSION}.ttf" for w, name in WEIGHTS.items()}
    with _lock:
        out.mkdir(parents=True, exist_ok=True)
        for weight, name in WEIGHTS.items():
            path = paths[weight]
            if not path.exists():
                _prepare(source_dir() / name, path)
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest not in _FIXES:
                _FIXES[digest] = _fixes_for(path)
        _install_text_fix()
    return paths


class _FixedToUnicode(dict):
    """WeasyPrint's glyph -> text map for one font, with the fixed texts winning."""

    def __init__(self, fixes: dict[int, str]):
        super().__init__()
        self.fixes = fixes

    def __setitem__(self, glyph_id, text):
        super().__setitem__(glyph_id, self.fixes.get(glyph_id, text))


def _install_text_fix() -> None:
    global _patched
    if _patched:
        return
    from weasyprint.pdf import fonts as wp_fonts

    original = wp_fonts.Font.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        fixes = _FIXES.get(hashlib.sha256(self.file_content).hexdigest()) if _FIXES else None
        if fixes:
            self.to_unicode = _FixedToUnicode(fixes)

    wp_fonts.Font.__init__ = init
    _patched = True
