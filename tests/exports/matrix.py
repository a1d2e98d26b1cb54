from committees.choices import Role
from tests.harness import Page

READERS = frozenset({Role.NATIONAL, Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.VIEWER})

# Every dataset x role x format x province is in tests/exports/test_scopes.py; here the URL pattern itself.
PAGES = [
    Page("exports:download", lambda w: "/exports/meetings.csv", READERS),
]
