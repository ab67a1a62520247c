"""Coordinated and collective actor names: each entity with its own span (issue 3)."""
from __future__ import annotations

from fentkg.namespaces import FXD
from fentkg.vocab import FX

from .conftest import Extract, label, said

HEAD = "Example Institute\n\nMay 2, 2031\n\n"


def named(r):
    return [(c.evidence.exact, label(r, c.object)) for c in said(r, FX.mentions, "actors")]


def test_coordinated_cartels_each_with_its_own_span(extract: Extract) -> None:
    r = extract(HEAD + "Brokers supply the Sinaloa and Gulf cartels.\n")
    assert named(r) == [("Sinaloa", "Sinaloa Cartel"), ("Gulf cartels", "Gulf Cartel")]  # not the state of Sinaloa


def test_coordinated_new_cartel_names_are_minted(extract: Extract) -> None:
    r = extract(HEAD + "The Valle Oscuro, Rio Bravo and Sierra Cartels fight.\n")
    assert [n for _, n in named(r)] == ["Valle Oscuro Cartel", "Rio Bravo Cartel", "Sierra Cartel"]


def test_coordinated_departments(extract: Extract) -> None:
    r = extract(HEAD + "The Departments of Justice and Treasury acted.\n")
    mentioned = {c.object for c in said(r, FX.mentions, "actors")}
    assert {FXD["org-doj"], FXD["org-treasury"]} <= mentioned


def test_country_and_collective_are_no_coordinated_cartel_names(extract: Extract) -> None:
    r = extract(HEAD + "China and Mexican cartels work together.\n")
    assert named(r) == [("China", "China"), ("Mexican cartels", "Mexican cartels")]
    [cartels] = [c.object for c in said(r, FX.mentions, "actors") if label(r, c.object) == "Mexican cartels"]
    assert FX.CriminalOrganization in r.entities[cartels].types
