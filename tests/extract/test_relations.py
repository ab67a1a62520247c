"""Relations on made-up sentences: supply, trafficking, cooperation and its suspension, with clause evidence."""
from __future__ import annotations

from fentkg.namespaces import FXD
from fentkg.vocab import FX

from .conftest import Extract, label, said

HEAD = "Example Institute\n\nMay 2, 2031\n\n"


def triples(r, predicate):
    return {(label(r, c.subject), label(r, c.object)) for c in said(r, predicate)}


def test_suspended_cooperation(extract: Extract) -> None:
    r = extract(HEAD + "In August 2030, China suspended counternarcotics cooperation with Canada.\n")
    [claim] = said(r, FX.suspendedCooperationWith)
    assert (claim.subject, claim.object) == (FXD["country-cn"], FXD["country-ca"])
    assert claim.evidence.exact == "China suspended counternarcotics cooperation with Canada"  # the clause


def test_coordinated_cartels_traffic_into_a_country(extract: Extract) -> None:
    r = extract(HEAD + "The Valle Oscuro and Rio Bravo Cartels traffic fentanyl into Canada.\n")
    assert triples(r, FX.trafficsInto) == {("Valle Oscuro Cartel", "Canada"), ("Rio Bravo Cartel", "Canada")}


def test_precursor_supplier_sells_to_a_cartel(extract: Extract) -> None:
    r = extract(HEAD + "Sample Chemical Co., Ltd. sold precursors to the Valle Oscuro Cartel.\n")
    assert ("Sample Chemical Co., Ltd.", "Valle Oscuro Cartel") in triples(r, FX.suppliesPrecursorsTo)


def test_passive_source_of_precursors(extract: Extract) -> None:
    r = extract(HEAD + "The Valle Oscuro Cartel presses pills with precursors sourced mainly from India.\n")
    assert triples(r, FX.sourcesPrecursorsFrom) == {("Valle Oscuro Cartel", "India")}


def test_cooperation_between_coordinated_subjects(extract: Extract) -> None:
    r = extract(HEAD + "Sample Chemical Co., Ltd. and the Valle Oscuro Cartel work in tandem.\n")
    assert triples(r, FX.cooperatesWith) == {("Sample Chemical Co., Ltd.", "Valle Oscuro Cartel")}


def test_negated_relation_is_not_stated(extract: Extract) -> None:
    r = extract(HEAD + "Officials insist that Canada does not produce fentanyl.\n")
    assert not said(r, FX.traffics)


def test_drug_moving_from_one_country_to_another(extract: Extract) -> None:
    r = extract(HEAD + "Investigators traced fentanyl from India to Canada in 2030. Rifles also moved from Canada to Mexico.\n")
    assert triples(r, FX.trafficsInto) == {("India", "Canada")}  # rifles are no drug
