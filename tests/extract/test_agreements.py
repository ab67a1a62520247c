"""Agreements, initiatives and laws on made-up sentences: new names, status, date, parties, renaming."""
from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import XSD

from fentkg.namespaces import FXD, FXV
from fentkg.vocab import FX

from .conftest import Extract, label, said

HEAD = "Example Institute\n\nMay 2, 2031\n\n"


def by_label(r, name):
    return next(i for i, e in r.entities.items() if e.label == name)


def of(r, iri, predicate):
    return {c.object for c in said(r, predicate) if c.subject == iri}


def test_launch_with_date_and_parties(extract: Extract) -> None:
    r = extract(HEAD + "On 4 March 2031, Canada and Mexico launched the Northern Shield Initiative.\n")
    initiative = by_label(r, "Northern Shield Initiative")  # minted: not in aliases.yml
    assert FX.Initiative in r.entities[initiative].types
    assert of(r, initiative, FX.status) == {FXV["agreement-launched"]}
    assert of(r, initiative, FX.date) == {Literal("2031-03-04", datatype=XSD.date)}
    assert of(r, initiative, FX.participant) == {FXD["country-ca"], FXD["country-mx"]}


def test_declared_dead(extract: Extract) -> None:
    r = extract(HEAD + "In 2030, the new government declared the Mérida Initiative dead.\n")
    assert of(r, FXD["init-merida"], FX.status) == {FXV["agreement-declared-dead"]}


def test_renamed_links_the_successor(extract: Extract) -> None:
    r = extract(HEAD + "Ottawa renamed the Northern Shield Initiative—now called the Arctic Drug Dialogue—in 2030.\n")
    old, new = by_label(r, "Northern Shield Initiative"), by_label(r, "Arctic Drug Dialogue")
    assert of(r, old, FX.status) == {FXV["agreement-renamed"]}
    assert of(r, old, FX.renamedTo) == {new}


def test_country_pair_in_the_name_gives_the_parties(extract: Extract) -> None:
    r = extract(HEAD + "Both governments praised the U.S.-Mexico Bicentennial Framework.\n")
    assert of(r, FXD["init-bicentennial-framework"], FX.participant) == {FXD["country-us"], FXD["country-mx"]}


def test_law_by_citation_is_minted(extract: Extract) -> None:
    r = extract(HEAD + "The defendants were charged under 21 U.S.C. § 960 in 2030.\n")
    law = by_label(r, "21 U.S.C. § 960")
    assert FX.LegalInstrument in r.entities[law].types
    assert any(c.object == law for c in said(r, FX.mentions))


def test_bare_head_word_is_no_new_name(extract: Extract) -> None:
    r = extract(HEAD + "The Framework has no new ideas.\n")
    assert not [e for e in r.entities.values() if e.label == "Framework"]
    assert label(r, FXD["init-merida"]) == "init-merida"  # nothing about Mérida was declared either
