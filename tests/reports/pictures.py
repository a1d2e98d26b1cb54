"""Picture-level comparison of PDFs: pages rendered with pdftoppm, compared pixel by pixel with Pillow."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageChops

DPI = 40  # small references (a few hundred KB in all), still enough to see a moved line
CHANNEL_TOLERANCE = 32  # a pixel differs when a channel moves by more than this (anti-aliasing noise)
MAX_DIFFERING = 0.001  # a page fails past 0.1 % of its pixels differing (a changed heading is ~0.3 %)
REFERENCES = Path(__file__).parent / "pictures"


def pages_as_png(pdf: bytes, dpi: int = DPI) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(Path(folder) / "p")], check=True)  # noqa: S603, S607
        return [Image.open(p).convert("RGB") for p in sorted(Path(folder).glob("p-*.png"))]


def differing_share(a: Image.Image, b: Image.Image) -> tuple[float, Image.Image]:
    """Share of pixels that differ, and the difference picture (differing pixels red over the reference)."""
    if a.size != b.size:
        return 1.0, b
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > CHANNEL_TOLERANCE else 0)
    share = sum(1 for v in diff.getdata() if v) / (diff.width * diff.height)
    overlay = Image.composite(Image.new("RGB", a.size, (255, 0, 0)), a.convert("L").convert("RGB"), diff)
    return share, overlay


def compare(name: str, pdf: bytes, *, refresh: bool, diff_dir: Path) -> list[str]:
    """Problems found comparing ``pdf`` with the references ``<name>-<n>.png`` (or, refreshing, write them)."""
    pages = pages_as_png(pdf)
    if refresh:
        for old in REFERENCES.glob(f"{name}-*.png"):
            old.unlink()
        for n, page in enumerate(pages, start=1):
            page.save(REFERENCES / f"{name}-{n:02d}.png", optimize=True)
        return []
    refs = sorted(REFERENCES.glob(f"{name}-*.png"))
    problems = []
    if len(refs) != len(pages):
        problems.append(f"{name}: {len(pages)} pages, the reference has {len(refs)}")
    for n, (page, ref_path) in enumerate(zip(pages, refs, strict=False), start=1):
        share, overlay = differing_share(Image.open(ref_path).convert("RGB"), page)
        if share > MAX_DIFFERING:
            diff_dir.mkdir(parents=True, exist_ok=True)
            out = diff_dir / f"{name}-{n:02d}-diff.png"
            overlay.save(out)
            page.save(diff_dir / f"{name}-{n:02d}-now.png")
            problems.append(f"{name} page {n}: {share:.2%} of pixels differ (limit {MAX_DIFFERING:.1%}); see {out}")
    return problems
