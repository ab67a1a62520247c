"""Designations on made-up sentences: status, authority, regime, legal basis, dates, one IRI per act."""
from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import XSD

from fentkg.namespaces import FXD, FXV
from fentkg.vocab import FX

from .conftest import Extract, label, said

LETTER = "Example Caucus\n\nMay 2, 2031\n\nDear Secretary Example:\n\n"


def designation(result, target_label):  # the designation IRI whose target has this label
    return next(c.subject for c in said(result, FX.designatedEntity) if label(result, c.object) == target_label)


def values(result, iri, predicate):
    return {c.object for c in said(result, predicate) if c.subject == iri}


def test_urged_designation_is_not_in_force(extract: Extract) -> None:
    r = extract(LETTER + "We urge you to designate the Rio Oscuro Cartel as a Foreign Terrorist Organization.\n")
    d = designation(r, "Rio Oscuro Cartel")
    assert values(r, d, FX.designationStatus) == {FXV["status-urged"]}
    assert values(r, d, FX.regime) == {FXV["regime-fto"]}
    assert values(r, d, FX.authority) == {FXD["org-state"]}  # who would make it: the regime's authority (vocab.ttl)
    assert FX.TerroristDesignation in r.entities[d].types
    assert not values(r, d, FX.effectiveDate)


def test_recommended_designation_with_should(extract: Extract) -> None:
    r = extract(LETTER + "Washington should consider designating the Rio Oscuro Cartel as a Foreign Terrorist Organization.\n")
    assert values(r, designation(r, "Rio Oscuro Cartel"), FX.designationStatus) == {FXV["status-recommended"]}


def test_sanction_in_force_with_date_and_legal_basis(extract: Extract) -> None:
    r = extract(LETTER + "On March 3, 2031, OFAC designated Sample Chemical Co., Ltd. under the Kingpin Act.\n")
    d = designation(r, "Sample Chemical Co., Ltd.")
    assert values(r, d, FX.designationStatus) == {FXV["status-in-force"]}
    assert values(r, d, FX.authority) == {FXD["org-ofac"]}
    assert values(r, d, FX.legalBasis) == {FXD["law-kingpin-act"]}
    assert values(r, d, FX.effectiveDate) == {Literal("2031-03-03", datatype=XSD.date)}
    assert FX.Sanction in r.entities[d].types


def test_entity_list_removal(extract: Extract) -> None:
    r = extract(LETTER + "In June 2029, the Department of Commerce added Example Biotech Co., Ltd. to the Entity List. "
                "On June 9, 2031, the Bureau of Industry and Security removed Example Biotech Co., Ltd. from the Entity List.\n")
    d = designation(r, "Example Biotech Co., Ltd.")
    assert values(r, d, FX.designationStatus) == {FXV["status-in-force"], FXV["status-revoked"]}  # one listing, two acts
    assert values(r, d, FX.endDate) == {Literal("2031-06-09", datatype=XSD.date)}
    assert values(r, d, FX.effectiveDate) == {Literal("2029-06", datatype=XSD.gYearMonth)}
    assert FX.EntityListing in r.entities[d].types


def test_class_wide_scheduling(extract: Extract) -> None:
    r = extract(LETTER + "On 1 May 2019, China placed all fentanyl-related substances under control as a class.\n")
    d = designation(r, "fentanyl-related substances (class)")
    assert values(r, d, FX.regime) == {FXV["regime-cn-fentanyl-class-scheduling"]}
    assert values(r, d, FX.authority) == {FXD["country-cn"]}
    assert values(r, d, FX.effectiveDate) == {Literal("2019-05-01", datatype=XSD.date)}


def test_us_schedule_asked_of_no_one_named_goes_to_the_regime_authority(extract: Extract) -> None:
    r = extract(LETTER + "The statute should permanently classify fentanyl-related substances as Schedule I.\n")
    d = designation(r, "fentanyl-related substances (class)")
    assert values(r, d, FX.regime) == {FXV["regime-csa-schedule-i"]}  # not China's list: "Schedule I" is a U.S. regime
    assert values(r, d, FX.authority) == {FXD["org-dea"]}
    assert values(r, d, FX.designationStatus) == {FXV["status-recommended"]}


def test_same_designation_in_two_documents_is_one_iri(extract: Extract) -> None:
    one = extract(LETTER + "In 2030, OFAC sanctioned the Rio Oscuro Cartel.\n", name="2031-05-02-one")
    two = extract(LETTER + "The Rio Oscuro Cartel was sanctioned by OFAC in 2030.\n", name="2031-05-03-two")
    assert designation(one, "Rio Oscuro Cartel") == designation(two, "Rio Oscuro Cartel")


def test_target_described_by_count_is_no_designation(extract: Extract) -> None:
    r = extract(LETTER + "In 2030, OFAC sanctioned nine individuals in Mexico.\n")
    assert not said(r, FX.designatedEntity)
