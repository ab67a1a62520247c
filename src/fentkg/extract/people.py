"""People with the office they hold, as the document states it (fx:holdsPosition).

Two phrasings: a title before a name ("Secretary of State Jo Example", "Foreign Minister Li Sample",
"Assistant Secretary of State for Example Affairs Sam Placeholder", "Deputy Advisor Ana Example"), with the titles of
patterns.yml (`person_titles`); and a signature block, a name on its own line with the office on
the next ("Jo Example" / "Member of Congress"), which is how letters name their signatories.
Names the alias table lacks are minted as new people and logged for curators.
Example: "Deputy Minister Ana Example met the delegation." / "Sincerely,\\n\\nJo Example\\nMember of Congress"
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from rdflib import Literal, URIRef

from ..corpus import Document
from ..reference import Reference
from ..vocab import FX
from .context import Context, Entity
from .cues import cue_values
from .mentions import emit_mention, scan_regions

log = logging.getLogger("fentkg.extract.people")

_NAME_WORD = r"(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.|[A-Z][a-z]*[A-Z][a-zà-ÿ'’-]+|de|del|la|van|von)"
_NAME = rf"[A-Z][a-zà-ÿ'’-]+(?:[ \t]+{_NAME_WORD}){{0,3}}"
_QUALIFIER = r"(?:[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?[A-Z][\w'’.-]*(?:[ \t]+(?:and[ \t]+|of[ \t]+|for[ \t]+)?[A-Z][\w'’.-]*)*)?"
# An organisation or nationality written before a title belongs to the office ("White House Deputy …").
_LEAD = r"(?:(?:former|then-)[ \t]*)?(?P<lead>(?:[A-Z][\w.’'-]*[ \t]+(?:(?:of|for|and|the)[ \t]+)*){0,6}?)"
SIGNATURE_NAME = re.compile(r"^[ \t]*(?:The Honorable[ \t]+)?(?P<name>(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.|[A-Z]{2,}[A-Z'’-]*)(?:[ \t]+(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.|[A-Z]{2,}[A-Z'’-]*|de|la)){1,3}(?:,[ \t]+[A-Z]\.[A-Z]\.)?)[ \t]*(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+)?[ \t]*$", re.MULTILINE)


# A signature line "<NAME> <Office>" right after a closing ("Sincerely,") and a blank line.
INLINE_SIGNATURE = re.compile(r"(?:Sincerely|Respectfully|Regards|Yours truly|Best regards),?[ \t]*\n(?:[ \t]*\n)*[ \t]*(?P<line>[A-Z][^\n]{3,120}?)[ \t]*$", re.MULTILINE)


@lru_cache(maxsize=4)
def _title_pattern(titles: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    return re.compile(rf"(?<![\w-]){_LEAD}(?P<title>{alternation}){_QUALIFIER}[ \t]+(?P<name>{_NAME})")


def titles(reference: Reference) -> tuple[str, ...]:
    return tuple(reference.cue_list("person_titles"))


def extract(doc: Document, ctx: Context) -> None:
    honorifics = set(cue_values(ctx.reference, "person_honorifics"))
    pattern = _title_pattern(titles(ctx.reference))
    for start, end in scan_regions(doc):
        for m in pattern.finditer(doc.text, start, end):
            extract_titled(doc, ctx, m, honorifics)
    extract_signatures(doc, ctx)


def extract_titled(doc: Document, ctx: Context, m: re.Match[str], honorifics: set[str]) -> None:
    """A title (and its office words) before a name."""
    office_start = m.start("title")
    lead = m["lead"]
    if lead:  # keep only an organisation or nationality that ends right before the title
        known = _known_lead(ctx.reference, lead.strip())
        if known:
            office_start = m.start("lead") + lead.rindex(known)
    name_start, name = _split_name(ctx.reference, doc.text[m.end("title"):m.end("name")], m.end("title"))
    if name is None:
        return
    name = best_name(ctx.reference, name)
    office = doc.text[office_start:name_start].strip()
    person = resolve_person(doc, ctx, name, name_start)
    if person is None:
        return
    if m["title"] not in honorifics:
        ctx.emit(person, FX.holdsPosition, Literal(office), evidence=doc.span(office_start, name_start + len(name)), confidence=0.8)


def _known_lead(reference: Reference, lead: str) -> str | None:
    """The longest tail of `lead` that names an organisation, country or place, or is a demonym."""
    words = lead.split()
    for i in range(len(words)):
        tail = " ".join(words[i:])
        entry = reference.resolve(tail)
        if (entry is not None and entry.type != "Person") or any(tail in e.demonyms for e in reference.entries.values()):
            return tail
    return None


def _split_name(reference: Reference, tail: str, offset: int) -> tuple[int, str | None]:
    """Where the name starts in `tail` (office qualifier words, then the name) and the name itself.

    "for Example Affairs and Sample Enforcement Sam Placeholder": the longest ending that
    the alias table knows as a person, else the last two words.
    """
    words = list(re.finditer(r"\S+", tail))
    for i in range(len(words)):
        candidate = tail[words[i].start():].strip()
        entry = reference.resolve(candidate)
        if entry is not None and entry.type == "Person":
            return offset + words[i].start(), candidate
    if re.match(r"\s+(?:of|for)\s", tail):  # a qualifier, then a name the table lacks
        if len(words) < 4:
            return offset, None
        first = words[-2]
        return offset + first.start(), tail[first.start():].strip()
    lead = re.match(r"\s*", tail)
    return offset + (lead.end() if lead else 0), tail.strip()


def best_name(reference: Reference, name: str) -> str:
    """The name without a possessive and without trailing words: the longest leading part the alias
    table knows as a person ("Rahul Gupta" of "Rahul Gupta Releases Statement"), else up to the
    first possessive or lone initial ("Antony Blinken" of "Antony Blinken U.")."""
    name = re.split(r"['’]s\b", name)[0].strip()
    words = name.split()
    for j in range(len(words), 0, -1):
        entry = reference.resolve(" ".join(words[:j]))
        if entry is not None and entry.type == "Person":
            return " ".join(words[:j])
    while len(words) > 2 and re.fullmatch(r"[A-Z]\.", words[-1]):
        words.pop()
    return " ".join(words)


def resolve_person(doc: Document, ctx: Context, name: str, start: int) -> URIRef | None:
    """The curated person a name resolves to, else a new person (logged); None when the name is something else."""
    entry = ctx.reference.resolve(name)
    if entry is not None:
        return ctx.entry_iri(entry) if entry.type == "Person" else None
    if len(name.split()) < 2 or set(name.split()) & set(cue_values(ctx.reference, "person_name_stopwords")):
        return None  # a bare surname is too weak to mint a person; "Capitol Building" is no name
    label = " ".join(w.capitalize() if w.isupper() and len(w) > 1 and not w.endswith(".") else w for w in name.split())
    iri = ctx.make_iri("person", label.lower())
    if iri not in ctx.entities:
        log.info("new person %r in %s at %d: add it to data/reference/aliases.yml", label, doc.id, start)
    ctx.declare(Entity(iri, (FX.Person,), label, evidence=doc.span(start, start + len(name))))
    emit_mention(doc, ctx, iri, start, start + len(name), confidence=0.6)
    return iri


def extract_signatures(doc: Document, ctx: Context) -> None:
    """Signature blocks: a name on its own line, the office on the next non-blank line."""
    title_start = re.compile(r"^[ \t]*(?P<office>(?:" + "|".join(re.escape(t) for t in sorted(titles(ctx.reference), key=len, reverse=True)) + r")\b[^\n]{0,80}?)[ \t]*$", re.MULTILINE)
    for m in SIGNATURE_NAME.finditer(doc.text):
        if doc.in_header(m.start()):
            continue
        following = re.match(r"(?:[ \t]*\n)+", doc.text[m.end():])
        if following is None:
            continue
        line = title_start.match(doc.text, m.end() + following.end())
        if line is None:
            continue
        name = best_name(ctx.reference, m["name"])
        person = resolve_person(doc, ctx, name, m.start("name"))
        if person is not None:
            office = line["office"].strip()
            ctx.emit(person, FX.holdsPosition, Literal(office), evidence=doc.span(m.start("name"), line.start("office") + len(office)), confidence=0.8)
    for m in INLINE_SIGNATURE.finditer(doc.text):
        if not doc.in_header(m.start()):
            extract_inline_signature(doc, ctx, m)


def extract_inline_signature(doc: Document, ctx: Context, line: re.Match[str]) -> None:
    """A line holding a name and then an office ("DANIEL CAMERON Attorney General of Kentucky")."""
    text = line["line"]
    titles_here = [t for t in sorted(titles(ctx.reference), key=len, reverse=True)]
    for word in re.finditer(r"\S+", text):
        at = word.start()
        title = next((t for t in titles_here if text.startswith(t, at) and re.match(r"(?:[ \t]|$)", text[at + len(t):] or " ")), None)
        if title is None:
            continue
        name = text[:at].strip()
        office = text[at:].strip()
        if not 2 <= len(name.split()) <= 4 or not re.fullmatch(r"(?:of|for)?[ \t]*[A-Z\w .,'’-]*", office[len(title):].strip()):
            return
        start = line.start("line")
        person = resolve_person(doc, ctx, best_name(ctx.reference, name), start)
        if person is not None:
            ctx.emit(person, FX.holdsPosition, Literal(office), evidence=doc.span(start, start + len(text.rstrip())), confidence=0.7)
        return
