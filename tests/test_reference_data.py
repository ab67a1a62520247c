"""Curated reference data and the seed sources stay consistent.

Checks data/reference/{aliases,substances,patterns}.yml against actors.csv and
precursors.csv, and data/sources/ against the shared seed documents. Does not import
fentkg: these files are inputs the package reads, so they are checked on their own.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "data" / "reference"
SOURCES = ROOT / "data" / "sources"
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"

ACTOR_TYPES = {
    "Country", "GovernmentAgency", "Legislature", "InternationalOrganization",
    "CriminalOrganization", "Company", "Organization", "Person", "Place", "Initiative",
    "Agreement", "LegalInstrument",
}
SUBSTANCE_TYPES = {"ControlledDrug", "Precursor", "SubstanceClass", "ChemicalSubstance"}
ACTOR_KEYS = {
    "id", "label", "type", "aliases", "acronym", "parent", "jurisdiction", "iso3166",
    "demonyms", "role", "source", "verification",
}
SUBSTANCE_KEYS = {"id", "label", "type", "aliases", "precursor_id", "source", "verification"}
VERIFICATIONS = {"reference-csv", "official-site", "document"}
META_KEYS = [
    "title", "author", "author_role", "addressee", "date", "genre", "publisher", "url",
    "notes", "expected",
]
GENRES = {"letter", "testimony", "policy-paper", "report", "press-release", "fact-sheet"}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _yaml(name: str) -> list[dict]:
    data = yaml.safe_load((REFERENCE / name).read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{name} must be a YAML list"
    return data


def _csv(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ALIASES = _yaml("aliases.yml")
SUBSTANCES = _yaml("substances.yml")
ACTORS_CSV = _csv("actors.csv")
PRECURSORS_CSV = _csv("precursors.csv")
SOURCE_STEMS = {p.name[: -len(".txt")] for p in SOURCES.glob("*.txt")}


def _check_entry(entry: dict, types: set[str], keys: set[str]) -> None:
    where = entry.get("id", entry)
    for key in ("id", "label", "type", "source", "verification"):
        assert entry.get(key), f"{where}: missing {key}"
    assert set(entry) <= keys, f"{where}: unknown keys {set(entry) - keys}"
    assert ID_RE.match(entry["id"]), f"{where}: id is not a lowercase slug"
    assert entry["type"] in types, f"{where}: type {entry['type']!r} not allowed"
    assert entry["verification"] in VERIFICATIONS, f"{where}: bad verification"
    aliases = entry.get("aliases", [])
    assert isinstance(aliases, list) and all(isinstance(a, str) and a.strip() == a and a for a in aliases), (
        f"{where}: aliases must be a list of trimmed, non-empty strings"
    )
    source, verification = entry["source"], entry["verification"]
    if verification == "document":
        assert source.startswith("document:"), f"{where}: document verification needs document:<stem>"
        assert source[len("document:"):] in SOURCE_STEMS, f"{where}: {source} names no file in data/sources"
    elif verification == "reference-csv":
        assert source in {"data/reference/actors.csv", "data/reference/precursors.csv"}, f"{where}: {source}"
    else:
        assert source.startswith(("https://", "http://")), f"{where}: official-site needs a URL"


@pytest.mark.parametrize("entry", ALIASES, ids=lambda e: str(e.get("id")))
def test_alias_entry_is_complete(entry: dict) -> None:
    _check_entry(entry, ACTOR_TYPES, ACTOR_KEYS)
    if "iso3166" in entry or "demonyms" in entry:
        assert entry["type"] == "Country", f"{entry['id']}: iso3166/demonyms are for countries only"
    if entry["type"] == "Country":
        assert re.fullmatch(r"[A-Z]{2}", str(entry.get("iso3166", ""))), f"{entry['id']}: iso3166"
    if "role" in entry:
        assert entry["type"] == "Person", f"{entry['id']}: role is for people only"
        role = entry["role"]
        assert isinstance(role, str) or (isinstance(role, list) and all(isinstance(r, str) for r in role))


@pytest.mark.parametrize("entry", SUBSTANCES, ids=lambda e: str(e.get("id")))
def test_substance_entry_is_complete(entry: dict) -> None:
    _check_entry(entry, SUBSTANCE_TYPES, SUBSTANCE_KEYS)


def test_ids_are_unique_across_both_files() -> None:
    ids = [e["id"] for e in ALIASES + SUBSTANCES]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"duplicate ids: {dupes}"


def test_parents_resolve() -> None:
    ids = {e["id"] for e in ALIASES}
    missing = {e["id"]: e["parent"] for e in ALIASES if "parent" in e and e["parent"] not in ids}
    assert not missing, f"parents not in aliases.yml: {missing}"


def test_actors_csv_rows_are_in_aliases_with_same_label_and_type() -> None:
    by_id = {e["id"]: e for e in ALIASES}
    for row in ACTORS_CSV:
        entry = by_id.get(row["id"])
        assert entry is not None, f"actors.csv id {row['id']} missing from aliases.yml"
        assert entry["label"] == row["label"], f"{row['id']}: label differs from actors.csv"
        assert entry["type"] == row["actor_type"], f"{row['id']}: type differs from actors.csv"
        if row["acronym"]:
            assert entry.get("acronym") == row["acronym"], f"{row['id']}: acronym differs from actors.csv"
        assert entry["verification"] == "reference-csv", f"{row['id']}: should cite actors.csv"


def test_no_surface_form_maps_to_two_ids() -> None:
    """Labels, aliases, acronyms and demonyms: one string, one id (case-sensitive)."""
    owner: dict[str, str] = {}
    clashes = []
    for entry in ALIASES + SUBSTANCES:
        forms = {entry["label"], *entry.get("aliases", []), *entry.get("demonyms", [])}
        if entry.get("acronym"):
            forms.add(entry["acronym"])
        for form in forms:
            if owner.setdefault(form, entry["id"]) != entry["id"]:
                clashes.append((form, owner[form], entry["id"]))
    assert not clashes, f"surface forms with two ids: {clashes}"


def test_substance_precursor_ids_exist_in_precursors_csv() -> None:
    csv_ids = {row["id"] for row in PRECURSORS_CSV}
    for entry in SUBSTANCES:
        if "precursor_id" in entry:
            assert entry["precursor_id"] in csv_ids, f"{entry['id']}: unknown precursor_id"
            assert entry["id"] == f"sub-{entry['precursor_id']}", f"{entry['id']}: id must be sub-<precursor_id>"
    linked = {e["precursor_id"] for e in SUBSTANCES if "precursor_id" in e}
    assert linked == csv_ids, f"precursors.csv rows without an entry: {csv_ids - linked}"


def test_patterns_lists_say_why() -> None:
    patterns = yaml.safe_load((REFERENCE / "patterns.yml").read_text(encoding="utf-8"))
    for name in ("org_suffixes", "agency_heads", "person_titles", "designation_verbs",
                 "recommendation_cues", "event_verbs", "relation_cues"):
        block = patterns.get(name)
        assert block and block.get("why"), f"patterns.yml: {name} needs a why"
        values = block.get("values") or [v for group in block.get("groups", {}).values() for v in group]
        assert values and all(isinstance(v, str) and v for v in values), f"patterns.yml: {name} is empty"


def test_there_are_sources() -> None:
    assert SOURCE_STEMS, "data/sources holds no .txt files"


@pytest.mark.parametrize("stem", sorted(SOURCE_STEMS))
def test_source_is_a_seed_byte_for_byte(stem: str) -> None:
    data = (SOURCES / f"{stem}.txt").read_bytes()
    data.decode("utf-8")  # the corpus reads sources as UTF-8
    seeds = {p.read_bytes() for p in SEEDS.glob("*.txt")}
    assert data in seeds, f"{stem}.txt is not byte-identical to any file in {SEEDS}"


@pytest.mark.parametrize("stem", sorted(SOURCE_STEMS))
def test_source_metadata(stem: str) -> None:
    path = SOURCES / f"{stem}.meta.json"
    assert path.exists(), f"{stem}: no .meta.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    assert set(meta) <= set(META_KEYS), f"{stem}: unknown keys {set(meta) - set(META_KEYS)}"
    assert list(meta) == [k for k in META_KEYS if k in meta], f"{stem}: keys out of order"
    assert meta.get("title"), f"{stem}: no title"
    author = meta.get("author")
    assert author and (isinstance(author, str) or all(isinstance(a, str) and a for a in author)), (
        f"{stem}: author must be a non-empty string or list"
    )
    prefix = re.match(r"^(\d{4}-\d{2}-\d{2})-", stem)
    assert prefix, f"{stem}: file name must start with the ISO date"
    assert meta.get("date") == prefix.group(1), f"{stem}: date {meta.get('date')} != file-name prefix"
    assert meta.get("genre") in GENRES, f"{stem}: genre {meta.get('genre')!r}"
