"""Extractors on made-up documents (not the seeds): the phenomena each must handle."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from rdflib.namespace import DCTERMS

from fentkg.corpus import Document, load_corpus
from fentkg.errors import EvidenceError
from fentkg.extract import extract_document
from fentkg.extract.context import Context, Observation, digest
from fentkg.namespaces import FXD, FXV, UNIT
from fentkg.reference import Reference, load_reference
from fentkg.vocab import FX

ROOT = Path(__file__).resolve().parents[1]

LETTER = """Example Coalition for Safer Streets

May 2, 2031

Dear Secretary Example,

So far in FY2031, U.S. Customs and Border Protection has seized over 9,000 pounds of fentanyl.¹ The DEA found that 7 out of 10 pills it tested were lethal. Congress appropriated $2.5 billion for the Merida Initiative from 2010 to 2020.² The Valle Oscuro Cartel buys precursors from Sample Chemical Co., Ltd. in China.

¹ Example Seizure Statistics FY2031, U.S. Customs and Border Protection (last updated Apr. 1, 2031), https://example.gov/stats.
² Id.
"""


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference(ROOT / "data" / "reference", ROOT / "ontology" / "vocab.ttl")


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory) -> Document:
    folder = tmp_path_factory.mktemp("letter")
    (folder / "2031-05-02-example-letter.txt").write_text(LETTER, encoding="utf-8")
    return load_corpus(folder).documents[0]


def test_statistics_with_bounds_units_periods(letter: Document, reference: Reference) -> None:
    facts = extract_document(letter, reference).facts
    stats = {f.evidence.exact: f for f in facts if isinstance(f, Observation)}
    seized = stats["over 9,000 pounds"]
    assert (seized.value, seized.unit, seized.qualifier) == (Decimal(9000), UNIT.LB, FXV["qual-more-than"])
    assert seized.lower == Decimal(9000) and seized.lower_inclusive is False and seized.upper is None
    assert seized.period == FXD["period-us-fy2031-to-2031-05-02"]
    assert seized.indicator == FXV["ind-fentanyl-seized-mass"]
    assert stats["7 out of 10"].value == Decimal(70) and stats["7 out of 10"].unit == UNIT.PERCENT
    money = next(f for q, f in stats.items() if "2.5 billion" in q)
    assert money.value == Decimal(2_500_000_000) and money.unit == UNIT.CCY_USD
    assert money.period == FXD["period-2010-to-2020"]
    assert not any(q.strip() in {"2031", "2010", "1", "2"} for q in stats)


def test_footnotes_become_cited_works_and_id_resolves(letter: Document, reference: Reference) -> None:
    result = extract_document(letter, reference)
    refs = [f for f in result.facts if getattr(f, "predicate", None) == DCTERMS.references]
    assert len(refs) == 2 and refs[0].object == refs[1].object  # "Id." is the previous note's work
    seized = next(f for f in result.facts if isinstance(f, Observation) and f.unit == UNIT.LB)
    assert seized.evidence.cites == (1,)
    assert result.notes[1].work == refs[0].object


def test_actors_from_aliases_and_patterns(letter: Document, reference: Reference) -> None:
    result = extract_document(letter, reference)
    mentioned = {f.evidence.exact: f.object for f in result.facts if getattr(f, "predicate", None) == FX.mentions}
    assert mentioned["U.S. Customs and Border Protection"] == FXD["org-cbp"]
    assert mentioned["DEA"] == FXD["org-dea"]
    assert mentioned["China"] == FXD["country-cn"]
    cartel = mentioned["Valle Oscuro Cartel"]
    assert FX.CriminalOrganization in result.entities[cartel].types
    company = next(v for k, v in mentioned.items() if k.startswith("Sample Chemical"))
    assert FX.Company in result.entities[company].types


def test_emit_refuses_evidence_that_does_not_match(letter: Document, reference: Reference) -> None:
    ctx = Context(letter, reference, "test")
    good = letter.span(0, 7)
    bad = good.__class__(**{**{f: getattr(good, f) for f in good.__slots__}, "exact": "Nothing"})
    with pytest.raises(EvidenceError):
        ctx.emit(FXD.x, FX.mentions, FXD.y, evidence=bad)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(max_size=20), min_size=1, max_size=5))
def test_iri_minting_is_deterministic(parts: list[str]) -> None:
    assert digest(*parts) == digest(*parts)
    assert digest(*parts) != digest(*parts, "x")
