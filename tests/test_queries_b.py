"""The contract and competency queries of issue 3 part B return the seeds' facts (issue 3, "Done means")."""
from __future__ import annotations

from pathlib import Path

from fentkg.settings import Settings
from fentkg.store import Store

QUERIES = Path(__file__).resolve().parents[1] / "queries"
FXD = "https://w3id.org/fentkg/id/"
FXV = "https://w3id.org/fentkg/vocab/"


def rows(settings: Settings, name: str) -> list[dict[str, str]]:
    results = Store.open(settings.out_dir).query((QUERIES / name).read_text(encoding="utf-8"))
    names = [v.value for v in results.variables]
    return [{n: (row[n].value if row[n] is not None else "") for n in names} for row in results]


def test_designations_query_keeps_urged_apart_from_in_force(seed_settings: Settings) -> None:
    found = rows(seed_settings, "designations.rq")
    fto = [r for r in found if r["target"] in (f"{FXD}org-sinaloa-cartel", f"{FXD}org-cjng") and r["type"].endswith("TerroristDesignation")]
    assert fto and {r["status"] for r in fto} == {f"{FXV}status-recommended"}
    china = [r for r in found if r["target"] == f"{FXD}sub-fentanyl-related-substances" and r["authority"] == f"{FXD}country-cn"]
    assert len({r["document"] for r in china}) >= 3  # one designation, stated by several documents
    assert len({r["designation"] for r in china}) == 1
    assert any(r["status"] == f"{FXV}status-urged" and r["legalBasis"] == f"{FXD}law-8-usc-1189" for r in found)
    assert all(r["quote"] and int(r["end"]) > int(r["start"]) for r in found)


def test_agreements_query_gives_parties_and_dates(seed_settings: Settings) -> None:
    found = rows(seed_settings, "agreements.rq")
    coalition = [r for r in found if r["agreement"] == f"{FXD}init-global-coalition"]
    assert any(r["date"] == "2023-07-07" for r in coalition)
    merida = [r for r in found if r["agreement"] == f"{FXD}init-merida"]
    assert {f"{FXD}country-us", f"{FXD}country-mx"} <= {r["party"] for r in merida}


def test_events_query_gives_dated_events_with_participants(seed_settings: Settings) -> None:
    found = rows(seed_settings, "events.rq")
    meeting = [r for r in found if r["date"] == "2023-11-17" and r["type"].endswith("Meeting")]
    assert {f"{FXD}person-joe-biden", f"{FXD}person-andres-manuel-lopez-obrador"} <= {r["participant"] for r in meeting}
    assert any(r["type"].endswith("Extradition") and r["date"] == "2023-09-15" for r in found)


def test_competency_queries_answer(seed_settings: Settings) -> None:
    timeline = rows(seed_settings, "cq04_designation_timeline.rq")
    assert any(r["date"] == "2023-09-23" for r in timeline)
    recurring = rows(seed_settings, "cq07_recurring_recs.rq")
    assert any(r["measure"] == f"{FXD}measure-know-your-customer" for r in recurring)
    assert rows(seed_settings, "cq06_network.rq")
