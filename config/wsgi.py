import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# --- Search (issue #14): each web process loads the Thai word dictionary at start, not in a user's first search.
from search.thai import warm  # noqa: E402

warm()
