"""Targets and agents of acts: which named entities of a phrase an act is about, and who does it.

Shared by the designation, event and relation extractors. A phrase ("six Example Cartel members in
Ruritania and the leader of the Sample Clan Jo Example") is split into conjuncts; in each, the
entity that heads it is picked by kind (a person before an organisation before a country), skipping
modifiers: possessives ("Mexico's"), "-based" and hyphenated prefixes ("China-based", "U.S.-Mexico")
and words after a preposition that ends the noun phrase ("members in Ruritania"). A bare "cartels"
refers back to the last collective cartel named before ("Mexican cartels").
Example: pick_targets on "the Example Cartel and two Sample Co. executives" gives both organisations.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from rdflib import URIRef

from ..namespaces import FXD
from ..reference import Reference
from ..vocab import FX
from .mentions import Mention

SUBSTANCES = (FX.ChemicalSubstance, FX.Precursor, FX.ControlledDrug, FX.SubstanceClass)
ACTOR_RANK = (FX.Person, FX.CriminalOrganization, FX.Company, FX.GovernmentAgency, FX.Organization,
              FX.InternationalOrganization, FX.Legislature)
AUTHORITIES = (FX.GovernmentAgency, FX.Country, FX.Person, FX.InternationalOrganization, FX.Legislature)
CONJUNCT_SPLIT = re.compile(r",\s*(?:and|or)\s+|,\s+|\s+and\s+|\s+or\s+|\s*;\s*")
# A preposition that ends the noun phrase of a conjunct; "of" keeps going ("members of the cartel").
PHRASE_END = re.compile(r"\s(?:in|from|under|for|to|with|at|on|by|based|accused|involved|who|which|that)\s")
QUANTIFIERS = re.compile(r"^(?:the|all|any|some|many|several|most|its|their|more|than|at|least|\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|\s)+", re.IGNORECASE)
BARE_COLLECTIVE = re.compile(r"^(?:the\s+)?(?:drug\s+)?cartels$", re.IGNORECASE)


def _modifier(text: str, m: Mention) -> bool:
    """A mention that modifies the head of its phrase rather than naming it."""
    after = text[m.end:m.end + 8]
    return bool(re.match(r"['’]s?\b|\s*[-–]", after))


def pick_targets(text: str, here: list[Mention], start: int, end: int, mentions: list[Mention], family: str) -> list[Mention]:
    """The entities the phrase text[start:end] names as the objects of an act of kind `family`."""
    picked: dict[URIRef, Mention] = {}
    # split at commas and "and"/"or", never inside a name ("Huayang Fine Chemical Co., Ltd.")
    cuts = [m for m in CONJUNCT_SPLIT.finditer(text, start, end) if not any(n.start < m.end() and m.start() < n.end for n in here)]
    bounds = [start, *(x for m in cuts for x in m.span()), end]
    for p_start, p_end in zip(bounds[::2], bounds[1::2]):
        cut = PHRASE_END.search(text, p_start, p_end)
        head_end = cut.start() if cut else p_end
        inside = [m for m in here if p_start <= m.start and m.end <= head_end and not _modifier(text, m)]
        best = _head(text, inside, p_start, head_end, family)
        if best is None and BARE_COLLECTIVE.match(text[p_start:head_end].strip()):
            best = _collective_before(mentions, start)
        if best is not None:
            picked.setdefault(best.iri, best)
    return list(picked.values())


def _head(text: str, inside: list[Mention], start: int, end: int, family: str) -> Mention | None:
    substances = [m for m in inside if m.isa(*SUBSTANCES)]
    if family == "schedule" and substances:
        return substances[0]
    for cls in ACTOR_RANK:
        for m in inside:
            if m.isa(cls):
                return m
    rest = QUANTIFIERS.sub("", text[start:end]).strip()
    for m in inside:  # a country is the target only when it is the whole phrase ("added China to …")
        if m.isa(FX.Country) and rest == text[m.start:m.end]:
            return m
    return None  # a substance is the target of a scheduling only ("fentanyl traffickers" are people)


def _collective_before(mentions: list[Mention], offset: int) -> Mention | None:
    collectives = [m for m in mentions if m.end <= offset and m.isa(FX.CriminalOrganization) and m.label.lower().endswith("cartels")]
    return collectives[-1] if collectives else None


def regions_before(text: str, sentence_start: int, offset: int) -> Iterator[int]:
    """Starts of the clauses before `offset`, nearest first, ending with the sentence start."""
    starts = [m.end() for m in re.finditer(r"[,;]\s+|\s(?:when|after|because|while)\s", text[sentence_start:offset])]
    for s in reversed(starts):
        yield sentence_start + s
    yield sentence_start


def authority_before(text: str, here: list[Mention], start: int, offset: int) -> Mention | None:
    """The actor nearest before `offset` that can act: an agency, country, person or legislature."""
    candidates = [m for m in here if start <= m.start and m.end <= offset and m.isa(*AUTHORITIES)
                  and not re.match(r"\s*[-–]|-based", text[m.end:m.end + 7])]
    heads = [m for m in candidates if not re.match(r"['’]s\s+(?:[A-Z]|\w+\s+[A-Z])", text[m.end:m.end + 40])]
    pool = heads or candidates  # "Treasury's OFAC": OFAC, not Treasury
    return pool[-1] if pool else None


def authority_by(text: str, here: list[Mention], offset: int, end: int) -> Mention | None:
    """The agent of a passive: the first acting actor after "by" ("… were designated by OFAC")."""
    by = re.search(r"\bby\s+", text[offset:end])
    if by is None:
        return None
    after = [m for m in here if m.start >= offset + by.end() and m.isa(*AUTHORITIES)]
    heads = [m for m in after if not re.match(r"['’]s\b", text[m.end:m.end + 3])]
    pool = heads or after
    return pool[0] if pool else None


def jurisdiction(reference: Reference, iri: URIRef) -> str | None:
    """The country code an entity acts for: a country's ISO code, an agency's jurisdiction."""
    if not str(iri).startswith(str(FXD)):
        return None
    entry = reference.entries.get(str(iri)[len(str(FXD)):])
    if entry is None:
        return None
    code = entry.extra.get("iso3166") or entry.extra.get("jurisdiction")
    return code.upper() if code and "|" not in code else None
