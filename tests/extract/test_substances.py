"""Substances on made-up sentences: reference links, compounds, new analogues, URLs."""
from __future__ import annotations

from fentkg.namespaces import FXD
from fentkg.vocab import FX

from .conftest import Extract, label, said

HEAD = "Example Institute\n\nMay 2, 2031\n\n"


def named(r):
    return [(c.evidence.exact, c.object) for c in said(r, FX.mentions, "substances")]


def test_abbreviation_linked_to_the_reference_table(extract: Extract) -> None:
    r = extract(HEAD + "Seized drums held NPP and 4-AP.\n")
    assert named(r) == [("NPP", FXD["sub-npp"]), ("4-AP", FXD["sub-4-ap"])]
    props = dict(r.entities[FXD["sub-npp"]].properties)
    assert str(props[FX.casNumber]) == "39742-60-4"  # from data/reference/precursors.csv


def test_compound_adjective_names_the_substance(extract: Extract) -> None:
    r = extract(HEAD + "Agents found fentanyl-laced pills and counter-fentanyl kits.\n")
    assert named(r) == [("fentanyl", FXD["sub-fentanyl"]), ("fentanyl", FXD["sub-fentanyl"])]


def test_new_analogue_is_minted(extract: Extract) -> None:
    r = extract(HEAD + "A new analogue, para-examplofentanyl, appeared in 2030.\n")
    [(text, iri)] = named(r)
    assert text == "para-examplofentanyl" and label(r, iri) == "para-examplofentanyl"
    assert FX.ControlledDrug in r.entities[iri].types


def test_class_wins_over_its_first_word(extract: Extract) -> None:
    r = extract(HEAD + "All fentanyl-related substances and nitazenes are controlled.\n")
    assert named(r) == [("fentanyl-related substances", FXD["sub-fentanyl-related-substances"]), ("nitazenes", FXD["sub-nitazenes"])]


def test_words_of_a_url_are_no_substance(extract: Extract) -> None:
    r = extract(HEAD + "See https://example.gov/fentanyl/heroin-facts for more.\n")
    assert named(r) == []
