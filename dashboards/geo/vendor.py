"""Rebuild ``thailand.json`` from the npm package ``@svg-maps/thailand`` (run by hand, never at runtime).

    cd /tmp && npm pack @svg-maps/thailand@2.0.0
    python -m dashboards.geo.vendor /tmp/svg-maps-thailand-2.0.0.tgz

Keeps only the path data, keyed by the Ministry of Interior code (``Province.code``), with absolute
coordinates simplified (Douglas-Peucker, 0.3 units of the 560-wide viewBox) and rounded to 0.1, then
written back as relative moves. Lake Songkhla is kept apart as water. See README.md beside this file.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHA256 = "d572a851f21b1a13aa816b33753bbb19da7c26e32493614589d68728a9e82813"
TOLERANCE = 0.5
# the package's English spelling where it differs from ours (committees migration 0002)
ALIASES = {
    "Buriram": "Buri Ram",
    "Phangnga": "Phang-nga",
}
WATER = {"Lake Songkha": "lake-songkhla"}


def _rings(d: str) -> list[list[tuple[float, float]]]:
    """Absolute rings from a path of relative ``m`` moves (implicit lines) and ``z`` closes."""
    rings, ring = [], []
    x = y = sx = sy = 0.0
    for cmd, body in re.findall(r"([mz])([^mz]*)", d):
        if cmd == "z":
            if ring:
                rings.append(ring)
            ring, x, y = [], sx, sy
            continue
        nums = [float(n) for n in re.findall(r"-?\d*\.?\d+(?:e-?\d+)?", body)]
        for i in range(0, len(nums), 2):
            x, y = x + nums[i], y + nums[i + 1]
            if i == 0:
                if ring:
                    rings.append(ring)
                ring, sx, sy = [], x, y
            ring.append((x, y))
    if ring:
        rings.append(ring)
    return rings


def _simplify(pts: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    if len(pts) < 3:
        return pts
    (ax, ay), (bx, by) = pts[0], pts[-1]
    dx, dy = bx - ax, by - ay
    norm = (dx * dx + dy * dy) ** 0.5
    far, index = -1.0, 0
    for i in range(1, len(pts) - 1):
        px, py = pts[i]
        dist = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
        if dist > far:
            far, index = dist, i
    if far <= tol:
        return [pts[0], pts[-1]]
    return _simplify(pts[: index + 1], tol)[:-1] + _simplify(pts[index:], tol)


def _encode(rings: list[list[tuple[float, float]]], tol: float) -> str:
    out, x, y = [], 0, 0
    for ring in rings:
        # split the closed ring in two halves so that both ends are kept
        half = len(ring) // 2
        pts = _simplify(ring[: half + 1], tol)[:-1] + _simplify([*ring[half:], ring[0]], tol)[:-1]
        if len(pts) < 3:
            continue
        ints = [(round(px * 10), round(py * 10)) for px, py in pts]
        steps = []
        for px, py in ints:
            if (px, py) != (x, y) or not steps:
                steps.append((px - x, py - y))
            x, y = px, py
        out.append("m" + " ".join(f"{_num(a)} {_num(b)}" for a, b in steps).replace(" -", "-") + "z")
        x, y = ints[0]  # after z the pen is back at the ring's start
    return "".join(out)


def _num(tenths: int) -> str:
    text = f"{tenths / 10:.1f}".rstrip("0").rstrip(".")
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def build(tgz: Path) -> dict:
    raw = tgz.read_bytes()
    if hashlib.sha256(raw).hexdigest() != SHA256:
        raise SystemExit(f"{tgz}: sha256 differs from {SHA256}; check the version and update README.md")
    with tarfile.open(tgz) as tar:
        source = tar.extractfile("package/index.js").read().decode()
    data = json.loads(source[source.index("{") :].rstrip().rstrip(";"))
    provinces = importlib.import_module("committees.migrations.0002_load_provinces").PROVINCES
    by_name = {name_en: code for code, _, name_en in provinces}
    out = {"viewBox": data["viewBox"], "provinces": {}, "water": {}}
    for loc in data["locations"]:
        if loc["name"] in WATER:
            out["water"][WATER[loc["name"]]] = _encode(_rings(loc["path"]), TOLERANCE)
            continue
        code = by_name[ALIASES.get(loc["name"], loc["name"])]
        if code in out["provinces"]:
            raise SystemExit(f"{loc['name']}: code {code} twice")
        out["provinces"][code] = _encode(_rings(loc["path"]), TOLERANCE)
    missing = set(by_name.values()) - set(out["provinces"])
    if missing:
        raise SystemExit(f"provinces missing from the package: {sorted(missing)}")
    out["provinces"] = dict(sorted(out["provinces"].items()))
    return out


if __name__ == "__main__":
    result = build(Path(sys.argv[1]))
    (HERE / "thailand.json").write_text(json.dumps(result, ensure_ascii=False, indent=0) + "\n")
    print(sum(len(d) for d in result["provinces"].values()), "bytes of province paths")
