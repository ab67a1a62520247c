"""People with the office the text gives them: title before a name, signature blocks."""
from __future__ import annotations

from rdflib import Literal

from fentkg.namespaces import FXD
from fentkg.vocab import FX

from .conftest import Extract, label, said

HEAD = "Example Institute\n\nMay 2, 2031\n\n"


def offices(r):
    return {(label(r, c.subject), str(c.object)) for c in said(r, FX.holdsPosition)}


def test_title_with_office_words_before_a_new_name(extract: Extract) -> None:
    r = extract(HEAD + "Assistant Secretary of State for Consular Affairs Ana Ruiz testified in March.\n")
    assert ("Ana Ruiz", "Assistant Secretary of State for Consular Affairs") in offices(r)


def test_organisation_before_the_title_belongs_to_the_office(extract: Extract) -> None:
    r = extract(HEAD + "White House Deputy Homeland Security Advisor Jen Daskal led the delegation.\n")
    assert offices(r) == {("Jen Daskal", "White House Deputy Homeland Security Advisor")}


def test_signature_block_of_a_letter(extract: Extract) -> None:
    r = extract(HEAD + "We thank you.\n\nSincerely,\n\nJo Example\nMember of Congress\n\nSam Sample\nMember of Congress\n")
    assert offices(r) == {("Jo Example", "Member of Congress"), ("Sam Sample", "Member of Congress")}


def test_signature_on_one_line(extract: Extract) -> None:
    r = extract(HEAD + "We thank you.\n\nSincerely,\n\nJO EXAMPLE Attorney General of Ohio\n")
    assert offices(r) == {("Jo Example", "Attorney General of Ohio")}


def test_curated_person_keeps_its_iri_and_honorific_is_no_office(extract: Extract) -> None:
    r = extract(HEAD + "Dr. Rahul Gupta spoke. Secretary of State Antony Blinken replied.\n")
    claims = said(r, FX.holdsPosition)
    assert {(c.subject, c.object) for c in claims} == {(FXD["person-antony-blinken"], Literal("Secretary of State"))}


def test_address_after_a_title_is_no_person(extract: Extract) -> None:
    r = extract(HEAD + "Jo Example Attorney General Capitol Building, Suite 118\n")
    assert not [e for e in r.entities.values() if e.label == "Capitol Building"]
