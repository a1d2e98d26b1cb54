"""Which release of the code is running: a short digest of its Python, templates and translations.

The cache keeps rendered markup for an hour (page bodies per data version, crispy forms, the menu),
keyed on the data, not on the code that drew it. Its keys carry this digest (``CACHES``'
``KEY_PREFIX``), so a deploy that changes a template, a view or a translation starts from an empty
cache instead of serving the old markup. Every process of one release (gunicorn workers, the Celery
worker) computes the same digest from the same files; reading them takes about 10 ms at start-up.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

# folders whose files do not change what a page draws (tests, tooling, data, the virtualenv)
_SKIP = {"var", "node_modules", "tests", "docs", "benchmarks", "media", "static", "staticfiles", "scripts", "docker"}
_KINDS = (".py", ".html", ".txt", ".mo")


def code_release(base_dir: Path) -> str:
    digest = hashlib.blake2b(digest_size=6)
    for root, dirs, files in os.walk(base_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")) and d not in _SKIP)
        for name in sorted(files):
            if name.endswith(_KINDS):
                path = Path(root, name)
                digest.update(str(path.relative_to(base_dir)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()
