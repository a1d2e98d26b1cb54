"""Template rules axe cannot see in every state: icon fonts are decorative or named, images have alt text."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _tags(pattern: str):
    for path in sorted(TEMPLATES.rglob("*.html")):
        if "pdf" in path.relative_to(TEMPLATES).parts:
            continue  # PDFs are not read by a browser's screen reader (see reports/pdf.py)
        for match in re.finditer(pattern, path.read_text()):
            yield path.relative_to(TEMPLATES), match.group(0)


def test_icons_are_hidden_from_screen_readers_or_named():
    # A Bootstrap icon is a private-use glyph: read aloud it is noise, so it is
    # aria-hidden, or (when it alone carries meaning) role="img" with a label.
    bad = [
        f"{path}: {tag}"
        for path, tag in _tags(r"<i\s[^>]*class=\"[^\"]*\bbi\b[^>]*>")
        if 'aria-hidden="true"' not in tag and not ('role="img"' in tag and "aria-label=" in tag)
    ]
    assert bad == [], 'add aria-hidden="true" to these icons:\n' + "\n".join(bad)


def test_images_have_alt_text():
    bad = [f"{path}: {tag}" for path, tag in _tags(r"<img\s[^>]*>") if "alt=" not in tag]
    assert bad == [], "images without alt:\n" + "\n".join(bad)


def test_the_minutes_diff_has_no_empty_header_cells():
    from core.templatetags.a11y import accessible_diff
    from meetings.services import diff_html

    html = accessible_diff(diff_html("ก", "ข", before_label="ฉบับที่ 1", after_label="ฉบับที่ 2"))
    header = html[html.index("<thead>") : html.index("</thead>")]
    assert re.findall(r"<th[^>]*>\s*(?:<br ?/?>)?\s*</th>", header) == []
    assert "ฉบับที่ 1" in header and "ฉบับที่ 2" in header
