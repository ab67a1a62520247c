"""Recommendations on made-up letters: who asks whom to do what, curated measures, list items."""
from __future__ import annotations

from fentkg.namespaces import FXD
from fentkg.vocab import FX

from .conftest import Extract, label, said

LETTER = "Example Caucus\n\nMay 2, 2031\n\nDear Secretary Blinken:\n\n"
META = {"author": "Jo Example", "addressee": "Antony Blinken, Secretary of State", "date": "2031-05-02"}


def test_first_person_ask_to_the_addressee(extract: Extract) -> None:
    r = extract(LETTER + "I urge you to require know-your-customer rules for chemical exporters.\n", **META)
    [ask] = said(r, FX.recommends)
    assert ask.object == FXD["measure-know-your-customer"]  # a curated measure (patterns.yml), shared across documents
    assert label(r, ask.subject) == "Jo Example"  # the author, minted: not in the alias table
    assert {c.object for c in said(r, FX.recommendedTo)} == {FXD["person-antony-blinken"]}


def test_modal_ask_names_who_is_asked(extract: Extract) -> None:
    r = extract(LETTER + "Congress should fund more cargo scanners at the ports of Manzanillo and Lázaro Cárdenas.\n", **META)
    [ask] = said(r, FX.recommends)
    assert label(r, ask.object).startswith("fund more cargo scanners")
    assert {c.object for c in said(r, FX.recommendedTo)} == {FXD["leg-us-congress"]}


def test_numbered_imperative_items_are_asks(extract: Extract) -> None:
    r = extract(LETTER + "We ask for three steps:\n\n1. Expand port inspections.\n2. Require advance data for parcels.\n3. Combating fraud is hard.\n", **META)
    labels = {label(r, c.object) for c in said(r, FX.recommends)}
    assert {"expand port inspections", "require advance data for parcels"} <= labels
    assert not any(l.startswith("combating") for l in labels)  # a gerund heads no ask


def test_question_and_reported_speech_are_no_asks(extract: Extract) -> None:
    r = extract(LETTER + "Should talks fail, what tools remain? Officials said exporters should exercise caution.\n", **META)
    assert not said(r, FX.recommends)


def test_named_third_party_asks_in_their_own_name(extract: Extract) -> None:
    r = extract(LETTER + "Senator Tom Cotton urged the State Department to close the parcel loophole.\n", **META)
    [ask] = said(r, FX.recommends)
    assert ask.subject == FXD["person-tom-cotton"]
    assert label(r, ask.object) == "close the parcel loophole"


def test_without_metadata_the_document_itself_recommends(extract: Extract) -> None:
    r = extract("Example Caucus\n\nMay 2, 2031\n\nWe urge Congress to fund more cargo scanners at the ports.\n")
    [ask] = said(r, FX.recommends)
    assert ask.subject == FXD["doc-2031-05-02-example"]
    assert {c.object for c in said(r, FX.recommendedTo)} == {FXD["leg-us-congress"]}
