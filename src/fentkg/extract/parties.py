"""Parties of a document: who wrote it ("I", "we") and to whom it is addressed ("you").

From the metadata (`author`, `addressee`), else from the salutation ("Dear Secretary Blinken:").
Names resolve through the alias table; an author it lacks is minted (a person for a personal name,
an organisation otherwise) and logged, so that "I urge you …" always has someone behind it.
Example: addressee "Jo Example, Minister of Health" resolves to the curated person Jo Example.
"""
from __future__ import annotations

import logging
import re

from rdflib import URIRef

from ..reference import ACTOR_TYPES
from ..vocab import FX
from .context import Context, Entity

log = logging.getLogger("fentkg.extract.parties")

SALUTATION = re.compile(r"^\s*Dear\s+(?P<who>[^,:\n]{3,80})[,:]", re.MULTILINE)
PERSONAL_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}(?:,\s+[A-Z]\.[A-Z]\.)?$")


def _resolve(ctx: Context, text: str) -> URIRef | None:
    """The actor a piece of text names: the whole text, else its first curated actor name."""
    entry = ctx.reference.resolve(text.strip())
    if entry is None:
        found = [e for _, _, e in ctx.reference.mentions(text) if e.type in ACTOR_TYPES]
        people = [e for e in found if e.type == "Person"]
        entry = (people or found)[0] if found else None
    return ctx.entry_iri(entry) if entry is not None and entry.type in ACTOR_TYPES else None


def addressee(ctx: Context) -> list[URIRef]:
    """The addressee of the document ("you"), if the metadata or the salutation names a known actor."""
    meta = ctx.doc.meta.addressee
    if meta:
        for part in [meta, *meta.split(",")]:
            who = _resolve(ctx, part)
            if who is not None:
                return [who]
    m = SALUTATION.search(ctx.doc.text[:4000])
    if m:
        who = _resolve(ctx, m["who"])
        if who is not None:
            return [who]
    return []


def authors(ctx: Context) -> list[URIRef]:
    """The authors of the document ("I", "we"); names the alias table lacks are minted and logged."""
    found = []
    for name in ctx.doc.meta.authors:
        who = _resolve(ctx, name) if ctx.reference.resolve(name) else None
        if who is None:
            cls = FX.Person if PERSONAL_NAME.match(name.strip()) else FX.Organization
            who = ctx.make_iri("actor", cls, name.strip().lower())
            if who not in ctx.entities:
                log.info("new author %r (%s) of %s: add it to data/reference/aliases.yml", name, cls, ctx.doc.id)
            ctx.declare(Entity(who, (cls,), name.strip()))
        found.append(who)
    return found
