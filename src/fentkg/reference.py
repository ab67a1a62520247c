"""Reference: the curated tables of data/reference (aliases, substances, actors, precursors).

Everything here is curated knowledge with its source; it is loaded into the `reference`
graph on its own, and the extractors read it through `Reference.resolve` and
`Reference.mentions` so that no name or identifier lives in code.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import ORG, SKOS, XSD
from rdflib.term import Node

from .errors import ReferenceDataError
from .namespaces import BASE, FXD

FXO = Namespace(BASE + "ontology#")

# Types an entry may have, as named in the YAML tables.
ENTRY_TYPES = frozenset({
    "Country", "GovernmentAgency", "Legislature", "InternationalOrganization", "CriminalOrganization",
    "Company", "Organization", "Person", "Place", "Initiative", "Agreement", "LegalInstrument",
    "ChemicalSubstance", "Precursor", "ControlledDrug", "SubstanceClass",
})
ACTOR_TYPES = frozenset({
    "Country", "GovernmentAgency", "Legislature", "InternationalOrganization", "CriminalOrganization",
    "Company", "Organization", "Person",
})


@dataclass(frozen=True, slots=True)
class Entry:
    """One curated thing: its id (IRI slug), label, type, aliases and source."""

    id: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    source: str = ""
    verification: str = ""
    parent: str | None = None
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def iri(self) -> URIRef:
        return FXD[self.id]

    @property
    def classes(self) -> tuple[URIRef, ...]:
        return (FXO[self.type],)

    @property
    def properties(self) -> tuple[tuple[URIRef, Node], ...]:
        """Identifiers and links the entity record carries."""
        props: list[tuple[URIRef, Node]] = []
        if self.extra.get("acronym"):
            props.append((FXO.acronym, Literal(self.extra["acronym"])))
        if self.extra.get("iso3166"):
            props.append((FXO.iso3166Alpha2, Literal(self.extra["iso3166"])))
        if self.extra.get("cas"):
            props.append((FXO.casNumber, Literal(self.extra["cas"])))
        if self.extra.get("wikidata"):
            props.append((SKOS.exactMatch, URIRef("http://www.wikidata.org/entity/" + self.extra["wikidata"])))
        if self.parent:
            link = FXO.factionOf if self.type == "CriminalOrganization" else ORG.subOrganizationOf
            props.append((link, FXD[self.parent]))
        return tuple(props)


@dataclass
class Reference:
    """All curated entries, with an index from surface form to entry."""

    folder: Path
    entries: dict[str, Entry]
    patterns: dict[str, Any]
    precursor_rows: list[dict[str, str]]
    actor_rows: list[dict[str, str]]
    indicators: list[tuple[URIRef, frozenset[str], frozenset[URIRef]]] = field(default_factory=list)
    count_nouns: frozenset[str] = frozenset()
    vocab: Path | None = None  # ontology/vocab.ttl, for extractors that read SKOS concepts (regimes, event types)
    _by_name: dict[str, Entry] = field(default_factory=dict)
    _by_folded: dict[str, Entry] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        for entry in self.entries.values():
            for name in (entry.label, *entry.aliases):
                self._by_name.setdefault(name, entry)
                self._by_folded.setdefault(fold(name), entry)
        names = sorted(self._by_name, key=len, reverse=True)
        # Longest alias first, so "Sinaloa Cartel" wins over "Sinaloa"; word-bounded on both sides.
        # Word-bounded by letters and ASCII digits only: a footnote superscript ("Kentucky²") or a hyphen
        # joining names ("U.S.-Mexico", "PRC-based") does not hide a name.
        self._pattern = re.compile(r"(?<![^\W_¹²³⁴⁵⁶⁷⁸⁹⁰])(?:" + "|".join(re.escape(n) for n in names) + r")(?![^\W_¹²³⁴⁵⁶⁷⁸⁹⁰])")

    def resolve(self, name: str) -> Entry | None:
        """The entry a surface form names, exactly or after folding case, accents and 'the'."""
        return self._by_name.get(name) or self._by_folded.get(fold(name))

    def get(self, entry_id: str) -> Entry:
        return self.entries[entry_id]

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, Entry]]:
        """Every alias occurrence in text[start:end] as (start, end, entry), left to right."""
        assert self._pattern is not None
        for m in self._pattern.finditer(text, start, len(text) if end is None else end):
            yield m.start(), m.end(), self._by_name[m.group()]

    def cue_list(self, name: str) -> list[str]:
        """A controlled list from patterns.yml (e.g. 'person_titles')."""
        value = self.patterns.get(name, [])
        if isinstance(value, dict):
            value = value.get("items", value.get("values", []))
        return [str(v) for v in value]


def fold(name: str) -> str:
    """Case-, accent- and article-insensitive key for matching names."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[’'`]", "'", text)
    text = re.sub(r"^the\s+", "", text.strip())
    return re.sub(r"\s+", " ", text)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ReferenceDataError(f"{path}: cannot read reference table: {exc}") from None


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ReferenceDataError(f"{path}: cannot read reference table: {exc}") from None


def _entry(raw: dict[str, Any], path: Path) -> Entry:
    try:
        entry_id, label, kind = str(raw["id"]), str(raw["label"]), str(raw["type"])
    except (KeyError, TypeError):
        raise ReferenceDataError(f"{path}: entry without id/label/type: {raw!r}") from None
    if kind not in ENTRY_TYPES:
        raise ReferenceDataError(f"{path}: entry {entry_id}: unknown type {kind!r}")
    extra = {k: str(v) for k, v in raw.items() if k in ("acronym", "iso3166", "role", "jurisdiction", "precursor_id") and v}
    return Entry(
        id=entry_id,
        label=label,
        type=kind,
        aliases=tuple(str(a) for a in raw.get("aliases") or ()),
        demonyms=tuple(str(a) for a in raw.get("demonyms") or ()),
        source=str(raw.get("source") or ""),
        verification=str(raw.get("verification") or ""),
        parent=str(raw["parent"]) if raw.get("parent") else None,
        extra=extra,
    )


def load_indicators(vocab: Path) -> list[tuple[URIRef, frozenset[str], frozenset[URIRef]]]:
    """Indicator concepts of the SKOS vocabulary with their cue phrases and expected units."""
    from rdflib import Graph

    from .namespaces import FXV

    try:
        g = Graph().parse(vocab, format="turtle")
    except Exception as exc:  # rdflib raises many parser types
        raise ReferenceDataError(f"{vocab}: cannot read vocabulary: {exc}") from None
    out = []
    for concept in sorted(set(g.subjects(SKOS.inScheme, None))):
        if not str(concept).startswith(str(FXV) + "ind-"):
            continue
        cues = {str(o).lower() for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for o in g.objects(concept, p)}
        units = frozenset(u for u in g.objects(concept, FXO.expectedUnit) if isinstance(u, URIRef))
        out.append((concept, frozenset(cues), units))
    return out


def load_reference(folder: Path, vocab: Path | None = None) -> Reference:
    """Read every curated table of `folder` (and indicator cues from `vocab`); errors name the file."""
    if not folder.is_dir():
        raise ReferenceDataError(f"{folder}: reference data folder not found")
    entries: dict[str, Entry] = {}
    for name in ("aliases.yml", "substances.yml"):
        path = folder / name
        if not path.exists():
            continue
        for raw in _read_yaml(path) or []:
            entry = _entry(raw, path)
            if entry.id in entries:
                raise ReferenceDataError(f"{path}: duplicate id {entry.id}")
            entries[entry.id] = entry
    actors = _read_csv(folder / "actors.csv") if (folder / "actors.csv").exists() else []
    precursors = _read_csv(folder / "precursors.csv") if (folder / "precursors.csv").exists() else []
    for row in actors:  # verified identifiers enrich the alias entries of the same id
        if row["id"] in entries and row.get("wikidata_qid"):
            entries[row["id"]].extra["wikidata"] = row["wikidata_qid"]
    by_precursor = {e.extra.get("precursor_id"): e for e in entries.values() if e.extra.get("precursor_id")}
    for row in precursors:
        entry = by_precursor.get(row["id"])
        if entry and row.get("cas_number"):
            entry.extra["cas"] = row["cas_number"]
    patterns_path = folder / "patterns.yml"
    patterns = _read_yaml(patterns_path) if patterns_path.exists() else {}
    reference = Reference(folder, entries, patterns or {}, precursors, actors)
    if vocab is not None:
        reference.vocab = vocab
        reference.indicators = load_indicators(vocab)
        reference.count_nouns = frozenset(
            cue for _, cues, units in reference.indicators for cue in cues if " " not in cue
        )
    return reference
