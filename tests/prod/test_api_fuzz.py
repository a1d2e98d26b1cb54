"""Schemathesis against the API, through its own OpenAPI schema: no 5xx, whatever the parameters.

Positive and negative cases (the schema's types broken on purpose), as the
national officer (all provinces) and as a member (one province).
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode

from committees.choices import Role


def test_the_api_answers_every_generated_request_without_a_server_error(world, client_for):
    national = client_for(world.users[Role.NATIONAL])
    member = client_for(world.users[Role.MEMBER])
    raw = national.get("/api/v1/schema/", {"format": "json"})
    assert raw.status_code == 200
    schema = schemathesis.openapi.from_dict(raw.json())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 4  # provinces and proposals, list and detail
    tried = 0
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=25,
                derandomize=True,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def probe(case):
                nonlocal tried
                for client in (national, member):
                    resp = client.generic(case.method.upper(), case.formatted_path, QUERY_STRING=_query(case.query))
                    tried += 1
                    assert resp.status_code < 500, (
                        f"{case.method} {case.formatted_path} {case.query}: {resp.status_code}"
                    )

            probe()
    assert tried > 100


def _query(query) -> str:
    from urllib.parse import urlencode

    return urlencode(query or {}, doseq=True)
