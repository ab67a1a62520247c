"""Events on made-up sentences: type, date resolved against the document's date, participants, place."""
from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import XSD

from fentkg.namespaces import FXD, FXV
from fentkg.vocab import FX

from .conftest import Extract, label, said

HEAD = "Example Institute\n\nMay 2, 2031\n\n"


def events(r, kind):
    return [c.subject for c in said(r, FX.eventType) if c.object == FXV[f"event-{kind}"]]


def of(r, iri, predicate):
    return {c.object for c in said(r, predicate) if c.subject == iri}


def test_meeting_with_relative_date(extract: Extract) -> None:
    r = extract(HEAD + "Last month, Deputy Minister Ana Ruiz met with President Xi Jinping in Beijing.\n")
    [meeting] = events(r, "meeting")
    assert of(r, meeting, FX.date) == {Literal("2031-04", datatype=XSD.gYearMonth)}  # the month before May 2031
    assert {label(r, p) for p in of(r, meeting, FX.participant)} >= {"Ana Ruiz", "Xi Jinping"}
    assert of(r, meeting, FX.location) == {FXD["place-beijing"]}
    assert FX.Meeting in r.entities[meeting].types


def test_month_without_year_is_the_latest_before_the_document(extract: Extract) -> None:
    r = extract(HEAD + "In November, the Secretary of Homeland Security Kirstjen Nielsen visited Mexico City.\n")
    [visit] = events(r, "visit")
    assert of(r, visit, FX.date) == {Literal("2030-11", datatype=XSD.gYearMonth)}


def test_extradition_with_place(extract: Extract) -> None:
    r = extract(HEAD + "On June 2, 2030, Mexico extradited Ovidio Guzmán to Chicago.\n")
    [extradition] = events(r, "extradition")
    assert of(r, extradition, FX.date) == {Literal("2030-06-02", datatype=XSD.date)}
    assert of(r, extradition, FX.location) == {FXD["place-chicago"]}
    assert of(r, extradition, FX.target) == {FXD["person-ovidio-guzman-lopez"]}
    assert FX.Extradition in r.entities[extradition].types


def test_two_acts_in_one_sentence_keep_their_own_dates(extract: Extract) -> None:
    r = extract(HEAD + "Police arrested Ovidio Guzmán in January 2030 in Mexico and extradited him to Chicago in March 2030.\n")
    [arrest], [extradition] = events(r, "arrest"), events(r, "extradition")
    assert of(r, arrest, FX.date) == {Literal("2030-01", datatype=XSD.gYearMonth)}
    assert of(r, extradition, FX.date) == {Literal("2030-03", datatype=XSD.gYearMonth)}


def test_definite_noun_refers_back_and_is_no_new_event(extract: Extract) -> None:
    r = extract(HEAD + "On March 3, 2031, President Biden met President Xi Jinping. The meeting produced little.\n")
    assert len(events(r, "meeting")) == 1
    assert len([c for c in said(r, FX.eventType)]) == 1


def test_anaphoric_sentence_continues_the_event(extract: Extract) -> None:
    r = extract(HEAD + "On March 3, 2031, President Biden met President Xi Jinping in Beijing. "
                "The two leaders agreed to resume counternarcotics cooperation.\n")
    [resumption] = events(r, "resumption")
    assert of(r, resumption, FX.date) == {Literal("2031-03-03", datatype=XSD.date)}


def test_launch_targets_the_initiative(extract: Extract) -> None:
    r = extract(HEAD + "On 4 March 2031, Canada and Mexico launched the Northern Shield Initiative.\n")
    [launch] = events(r, "launch")
    assert {label(r, t) for t in of(r, launch, FX.target)} == {"Northern Shield Initiative"}


def test_ask_is_no_event(extract: Extract) -> None:
    r = extract(HEAD + "The two governments should meet every month and hold regular bilateral meetings.\n")
    assert not said(r, FX.eventType)
