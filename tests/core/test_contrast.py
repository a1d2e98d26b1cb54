"""WCAG 2.1 AA contrast (1.4.3, at least 4.5:1) of the colour tokens in static/css/app.css.

The stylesheet is parsed, custom properties are resolved, and every pair that
the pages put text on is checked: rules that set both ``color`` and a
background (risk-group badges, skip link), Bootstrap button variables (each
state), outline buttons against the page and card backgrounds, the text
colour tokens (links, muted, success, danger, warning, info) against both
backgrounds, white text on the filled tokens, and the progress-bar series.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

AA = 4.5
CSS = Path(settings.BASE_DIR) / "static" / "css" / "app.css"


def parse(css: str) -> list[tuple[list[str], dict[str, str]]]:
    """(selectors, declarations) of each plain rule, in source order; at-rule wrappers are ignored."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        selectors = selectors.split("{")[-1].strip()
        if selectors.startswith("@"):
            continue
        decls = {}
        for part in body.split(";"):
            if ":" in part:
                name, value = part.split(":", 1)
                decls[name.strip()] = value.replace("!important", "").strip()
        rules.append(([s.strip() for s in selectors.split(",")], decls))
    return rules


def root_vars(rules) -> dict[str, str]:
    found: dict[str, str] = {}
    for selectors, decls in rules:
        if ":root" in selectors:
            found.update({k: v for k, v in decls.items() if k.startswith("--")})
    return found


def rgb(value: str, variables: dict[str, str], under: tuple[float, float, float] = (255, 255, 255)):
    """An opaque (r, g, b) for a CSS colour: #rgb, #rrggbb, rgb()/rgba() blended over ``under``, var()."""
    value = value.strip()
    var = re.fullmatch(r"var\((--[\w-]+)\)", value)
    if var:
        return rgb(variables[var.group(1)], variables, under)
    if value.startswith("#"):
        h = value[1:]
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        return tuple(int(h[i : i + 2], 16) for i in (0, 2, 4))
    m = re.fullmatch(r"rgba?\(([^)]*)\)", value)
    if m:
        parts = [float(p) for p in re.split(r"[,\s/]+", m.group(1).strip()) if p]
        alpha = parts[3] if len(parts) == 4 else 1.0
        return tuple(round(c * alpha + u * (1 - alpha)) for c, u in zip(parts[:3], under, strict=True))
    raise ValueError(f"not a colour: {value!r}")


def luminance(colour) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(fg, bg) -> float:
    a, b = luminance(fg), luminance(bg)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def pairs() -> list[tuple[str, str, str]]:
    """(what, foreground, background) for every pair the stylesheet puts text on."""
    rules = parse(CSS.read_text())
    v = root_vars(rules)
    page, surface = v["--ctip-page-bg"], v["--ctip-surface-bg"]
    found = []
    for selectors, d in rules:
        name = ", ".join(selectors)
        background = d.get("background-color") or d.get("background")
        if "color" in d and background:
            found.append((name, d["color"], background))
        if "--bs-btn-bg" in d:
            for state in ("", "hover-", "active-", "disabled-"):
                if f"--bs-btn-{state}bg" in d:
                    found.append((f"{name} {state or 'rest'}", d[f"--bs-btn-{state}color"], d[f"--bs-btn-{state}bg"]))
        elif "--bs-btn-color" in d:  # outline buttons: text on whatever is behind them
            behind = [v["--ctip-primary"]] if "outline-light" in name else [page, surface]
            for bg in behind:
                found.append((f"{name} rest on {bg}", d["--bs-btn-color"], bg))
            for state in ("hover-", "active-"):
                found.append((f"{name} {state}", d[f"--bs-btn-{state}color"], d[f"--bs-btn-{state}bg"]))
        if "--bs-progress-bar-bg" in d:
            found.append((f"{name} bar label", "#fff", d["--bs-progress-bar-bg"]))
    text_tokens = [
        "--ctip-primary",
        "--bs-link-color",
        "--bs-link-hover-color",
        "--bs-secondary-color",
        "--ctip-muted",
        "--ctip-success",
        "--ctip-danger",
        "--ctip-warning-text",
        "--ctip-info-text",
    ]
    for token in text_tokens:
        for bg_name, bg in (("page", page), ("surface", surface)):
            found.append((f"{token} text on the {bg_name}", v[token], bg))
    for token in ("--bs-primary", "--bs-success", "--bs-danger", "--ctip-muted"):
        found.append((f"white text on {token}", "#fff", v[token]))
    return [(what, fg, bg) for what, fg, bg in found], v


def test_the_ratio_is_wcag_s():
    assert ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert ratio((0x76, 0x76, 0x76), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert rgb("rgba(0, 0, 0, .5)", {}) == (128, 128, 128)


def test_the_stylesheet_defines_the_tokens_checked():
    found, _ = pairs()
    names = " ".join(what for what, _, _ in found)
    for must in (".risk-A", ".risk-D", ".risk-none", ".btn-primary", ".btn-outline-primary", ".skip-link", "bar label"):
        assert must in names, f"{must} is no longer checked"
    assert len(found) > 40


def test_every_colour_pair_meets_aa():
    found, variables = pairs()
    failing = []
    for what, fg, bg in found:
        background = rgb(bg, variables)
        value = ratio(rgb(fg, variables, under=background), background)
        if value < AA:
            failing.append(f"{what}: {fg} on {bg} is {value:.2f}:1")
    assert failing == [], "colour pairs below 4.5:1:\n" + "\n".join(failing)
