"""The OpenAPI description at /-/openapi.json, and schemathesis run against the live server with it (issue 6).

schemathesis generates requests for every operation from the description (valid and invalid parameters,
bodies, headers) and checks each answer: no 5xx, a status the description names, a declared media type,
a body that matches the declared schema (the error shape included).
"""
from __future__ import annotations

import requests
import schemathesis
from schemathesis import checks
from hypothesis import HealthCheck, given, settings

from server.conftest import Server


def test_openapi_names_every_route(rel_server: Server) -> None:
    response = requests.get(rel_server.url + "/-/openapi.json", timeout=30)
    assert response.status_code == 200 and response.headers["Access-Control-Allow-Origin"] == "*"
    described = response.json()
    assert described["openapi"].startswith("3.")
    for path in ("/sparql", "/sparql/update", "/sparql/graph", "/id/{name}", "/dump/{name}", "/-/health", "/-/version",
                 "/.well-known/void", "/ontology", "/", "/search", "/statistics"):
        assert path in described["paths"], path


# Not `positive_data_acceptance`: a `query` that is a string by the schema is rarely valid SPARQL, and its 400
# is right. Every other answer must be no 5xx, with a described status, media type, headers and body.
def no_5xx_but_the_deadline(ctx: object, response: schemathesis.Response, case: schemathesis.Case) -> None:
    """Like schemathesis' not_a_server_error, except the deadline's 503 (a client may ask for 1e-300 s)."""
    if response.status_code >= 500:
        assert response.status_code == 503 and "deadline" in response.text, (response.status_code, response.text[:300])


CHECKS = [no_5xx_but_the_deadline, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance, checks.negative_data_rejection, checks.unsupported_method]
EXAMPLES = 30  # per operation: ~25 operations, so some 750 generated requests in CI


def test_the_live_server_keeps_its_description(rel_server: Server) -> None:
    """Every operation, EXAMPLES generated cases each. (schemathesis' own pytest plugin does not load under
    pytest 9, so the operations' Hypothesis strategies are driven here directly.)"""
    schema = schemathesis.openapi.from_url(rel_server.url + "/-/openapi.json")
    tried = 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case: schemathesis.Case) -> None:
            nonlocal tried
            tried += 1
            case.call_and_validate(base_url=rel_server.url, timeout=30, checks=CHECKS)

        check()
    assert tried >= 20 * 10
