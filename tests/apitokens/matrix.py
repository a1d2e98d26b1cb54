from committees.choices import Role
from tests.harness import Page

EVERYONE = frozenset({Role.NATIONAL, Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.PROPOSER, Role.VIEWER})

PAGES = [
    Page("apitokens:list", lambda w: "/api-tokens/", EVERYONE),
    # revoking is a POST of one's own token (tests/apitokens/test_tokens.py); a GET is refused for everyone
    Page("apitokens:revoke", lambda w: "/api-tokens/999999/revoke/", frozenset(), denied_status=405),
]
