"""The request-forgery guard's lexer (issue 4): keywords are found in code only, never in comments, strings or IRIs."""
from __future__ import annotations

import pytest

from fentkg.server.guard import Refused, apply_using, check_local, inspect_query, inspect_update


@pytest.mark.parametrize("query", [
    "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "select * { Service Silent <http://x/> { ?s ?p ?o } }",
    "SELECT * { ?s ?p 'a#b' SERVICE <http://x/> { ?s ?p ?o } }",  # a '#' inside a string starts no comment
    "SELECT * { ?s ?p \"\"\"a \" b\"\"\" SERVICE ?e { ?s ?p ?o } }",
    "SELECT * { ?s <http://x/#frag> ?o } SERVICE",
    "PREFIX : <http://x/> SELECT * { :a :b :c . SERVICE :d { ?s ?p ?o } }",
])
def test_service_is_found_wherever_it_is_code(query: str) -> None:
    with pytest.raises(Refused, match="SERVICE"):
        inspect_query(query)


@pytest.mark.parametrize("query", [
    "# SERVICE <http://x/>\nSELECT * { ?s ?p ?o }",
    "SELECT * { ?s ?p 'SERVICE <http://x/>' }",
    "SELECT * { ?s ?p '''multi\nline SERVICE''' }",
    "SELECT * { ?s <http://example.org/SERVICE> ?o }",
    "PREFIX service: <http://x/> SELECT ?service { ?service service:SERVICE ?o }",
])
def test_service_in_comments_strings_iris_and_names_is_fine(query: str) -> None:
    assert inspect_query(query).form == "SELECT"


def test_form_dataset_and_volatility() -> None:
    found = inspect_query("PREFIX e: <http://ex.org/> BASE <http://b/>\n"
                          "CONSTRUCT { ?s ?p ?o } FROM e:g1 FROM <g2> FROM NAMED <http://n/> WHERE { ?s ?p ?o }")
    assert (found.form, found.from_graphs, found.from_named) == ("CONSTRUCT", ("http://ex.org/g1", "http://b/g2"), ("http://n/",))
    assert found.cacheable and not inspect_query("SELECT (RAND() AS ?r) {}").cacheable
    with pytest.raises(Refused, match="no such graph"):
        check_local(found, frozenset({"http://ex.org/g1", "http://b/g2"}))
    check_local(found, frozenset({"http://ex.org/g1", "http://b/g2", "http://n/"}))


@pytest.mark.parametrize("text", ["INSERT DATA { <a> <b> <c> }", "PREFIX x: <y:> DELETE WHERE { ?s ?p ?o }", "CLEAR ALL",
                                  "LOAD <http://x/>"])
def test_updates_are_not_queries(text: str) -> None:
    with pytest.raises(Refused, match="read-only"):
        inspect_query(text)


def test_updates_never_load() -> None:
    with pytest.raises(Refused, match="LOAD"):
        inspect_update("CLEAR ALL ; load <http://127.0.0.1:9/x.ttl>")
    inspect_update("INSERT DATA { <a> <b> 'LOAD <http://x/>' }")


def test_using_parameters_become_using_clauses() -> None:
    update = "INSERT { ?s a <t> } WHERE { ?s a <d> { SELECT * WHERE { ?x ?y ?z } } } ; DELETE WHERE { ?a ?b ?c }"
    rewritten = apply_using(update, ["http://g/1"], ["http://g/2"])
    assert rewritten.count("USING <http://g/1> USING NAMED <http://g/2> WHERE") == 1  # not in the sub-select,
    assert rewritten.endswith("DELETE WHERE { ?a ?b ?c }")  # not in DELETE WHERE (which takes no USING)
    with pytest.raises(Refused, match="WITH"):
        apply_using("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", [], ["http://g/2"])
