"""Run the vendored axe-core engine in a Playwright page and sort what it finds by impact."""

from __future__ import annotations

import hashlib
from pathlib import Path

AXE_VERSION = "4.14.1"
AXE_PATH = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"

# WCAG 2.1 A and AA (the government website standard's level), plus axe's best
# practices (landmarks, headings) which mostly come out as "moderate".
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = frozenset({"serious", "critical"})


def axe_source() -> str:
    data = AXE_PATH.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    assert digest == AXE_SHA256, f"{AXE_PATH} is not axe-core {AXE_VERSION} (sha256 {digest})"
    return data.decode()


def run_axe(page, source: str) -> list[dict]:
    """Inject axe into ``page`` (already loaded) and return its violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=source)
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary, html: n.html}))
            }));
        }""",
        TAGS,
    )
    return result


def summarise(found: list[tuple[str, dict]], limit: int = 12) -> str:
    """One block per rule: the pages it was found on, then a few offending nodes with axe's advice."""
    by_rule: dict[str, dict] = {}
    for where, violation in found:
        entry = by_rule.setdefault(violation["id"], {"v": violation, "pages": [], "nodes": {}})
        entry["pages"].append(where)
        for node in violation["nodes"]:
            # Nodes failing for the same reason (same colours, same missing name) are one finding.
            entry["nodes"].setdefault(" ".join((node["summary"] or node["html"]).split()), node)
    blocks = []
    for rule, entry in sorted(by_rule.items()):
        v = entry["v"]
        lines = [f"[{v['impact']}] {rule}: {v['help']} -- on {len(entry['pages'])} pages: {', '.join(entry['pages'])}"]
        for reason, node in list(entry["nodes"].items())[:limit]:
            lines.append(f"    {node['target']}  {node['html'][:160]}  -- {reason[:300]}")
        if len(entry["nodes"]) > limit:
            lines.append(f"    ... and {len(entry['nodes']) - limit} more distinct nodes")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)
