"""The ledger's page: every role may check the chain (an entry's details stay within its province)."""

from committees.choices import Role
from tests.harness import Page

EVERYONE = frozenset({Role.NATIONAL, Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.PROPOSER, Role.VIEWER})

PAGES = [
    Page(name="ledger:verify", own=lambda world: "/ledger/verify/?all=1", allowed=EVERYONE),
]
