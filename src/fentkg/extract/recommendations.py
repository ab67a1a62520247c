"""Recommendations: the policy asks of a document — who asks whom to do what.

Three phrasings: a first-person ask ("I urge you to …", "we respectfully request …", "I call on you
to …"), a modal ask ("The U.S. should …", "Congress must …", "it is time for the State Department to
…"), and an item of a numbered or bulleted list that opens with an imperative verb ("1. Adopt
know-your-customer rules."). Each ask becomes an fx:PolicyMeasure (a curated measure of patterns.yml
`policy_measures` when its words match one, so that the same ask in two documents is one measure,
else one named by the ask itself), recommended (fx:recommends) by the document's authors — or by the
actor the sentence names as asking ("Senator Example urged …") — and recommended to (fx:recommendedTo)
the actor asked: the addressee for "you", else the subject of "should".
Example: "We urge you to require know-your-customer rules. 2. Expand port inspections."
"""
from __future__ import annotations

import re
from typing import Any

from rdflib import URIRef

from ..corpus import Document, Span
from ..namespaces import FXD, doc_iri
from ..vocab import FX
from .context import Context, Entity
from .cues import prose_sentences, trim
from .mentions import Mention, recorded_mentions, within
from .parties import addressee, authors

ASKERS = (FX.Person, FX.Country, FX.GovernmentAgency, FX.Legislature, FX.Organization, FX.InternationalOrganization)
FIRST_PERSON = re.compile(r"\b(?P<who>I|We|we)\s+(?:(?:also|respectfully|strongly|therefore|again|further)\s+)?(?P<verb>urge|request|ask|call on|recommend|encourage)\b\s*(?P<rest>.*)", re.S)
THIRD_PERSON = re.compile(r"\b(?P<verb>urged|urging|called on|calling on)\s+(?P<rest>.*)", re.S)
MODAL = re.compile(r"(?<![?])\b(?P<modal>should|must|ought to|needs to)\s+(?!not\b|never\b)(?P<rest>.*)", re.S)
# Someone else's words: "exporters should …" in what Beijing said, "countries who agree that … must …".
REPORTED = re.compile(r"\b(?:said|says|warned|stated|noted|argued|agree|agreed|believes|claimed)\b(?:\s+that)?")
TIME_FOR = re.compile(r"\bit is time for\s+(?P<subject>.{2,60}?)\s+to\s+(?P<rest>.*)", re.S | re.I)
# A numbered item, or a bulleted item whose words are bold (a heading of a recommendation).
LIST_ITEM = re.compile(r"^[ \t]*(?:\d+\.[ \t]+(?:\*\*)?|[-•*][ \t]+\*\*)(?P<item>[A-Z][a-z]+)\b(?P<more>[^\n]*)", re.M)
# Words that cannot open an imperative: function words and question words (grammar, not domain knowledge).
NOT_IMPERATIVE = frozenset("""The A An This That These Those It Its Our Their His Her What Which Who When Where Why How
Through During In On At For From With By As If While Since After Before Although Because Under Over To Of And Or But Is
Are Was Were Will Would Should Could Can May Must Do Does Did Has Have Had Fentanyl China Mexico Congress""".split())
CLAUSE_END = re.compile(r"\.(?:\s|$)|;|:\s|\?|\s(?:in order to|so that)\s")
LEAD = re.compile(r"^(?:you\s+to|that\s+you|you|that\s+the\s+|that\s+)\s*", re.I)
MAX_LABEL = 140


def extract(doc: Document, ctx: Context) -> None:
    mentions = recorded_mentions(ctx)
    measures = ctx.reference.patterns.get("policy_measures", {}).get("measures", [])
    for sentence in prose_sentences(doc):
        if doc.footnote_at(sentence.start) is not None:
            continue  # notes quote and cite; the asks are in the body
        text = doc.text[sentence.start:sentence.end]
        if text.rstrip().endswith("?") or re.match(r"\s*Should\b", text):
            continue  # questions and conditions ("Should diplomatic efforts fail, …") ask nothing
        for ask in asks_in(doc, ctx, sentence, mentions):
            emit_ask(doc, ctx, sentence, measures, *ask)


def asks_in(doc: Document, ctx: Context, sentence: Span, mentions: list[Mention]) -> list[tuple[str, list[URIRef], list[URIRef]]]:
    """(ask, recommenders, addressees) for each ask of a sentence."""
    text = doc.text[sentence.start:sentence.end]
    here = within(mentions, sentence.start, sentence.end)
    found = []
    m = FIRST_PERSON.search(text)
    if m:
        to = addressee(ctx) if re.match(r"\s*(?:you|that you)\b", m["rest"]) else _actor_after(here, sentence.start + m.start("rest"))
        found.append((m["rest"], authors(ctx), to))
    elif (m := THIRD_PERSON.search(text)) is not None:
        asker = _actor_before(here, sentence.start + m.start())
        to = addressee(ctx) if re.match(r"\s*you\b", m["rest"]) else _actor_after(here, sentence.start + m.start("rest"))
        named = re.match(r"(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){1,5}to\s+|[^,]{0,40},[^,]{0,80},\s+to\s+", m["rest"])
        if asker:  # "urged Chinese President Xi Jinping to stop …": the ask is what follows the one urged
            found.append((m["rest"][named.end():] if named else m["rest"], asker, to))
    elif (m := TIME_FOR.search(text)) is not None:
        found.append((m["rest"], authors(ctx), _actor_after(here, sentence.start + m.start("subject"))))
    elif (m := MODAL.search(text)) is not None and not REPORTED.search(text[:m.start()]):
        before = text[:m.start()]
        subject = _actor_before(here, sentence.start + m.start(), reach=25, text=doc.text)
        if re.search(r"\b(?:you|You)\s+(?:\w+\s+)?$", before):
            subject = addressee(ctx)
        found.append((m["rest"], authors(ctx), subject))
    line = _line_start(doc, sentence.start)
    # only the sentence that opens a list item is its heading; the item's later sentences are prose
    item = LIST_ITEM.match(doc.text, line, sentence.end) if re.fullmatch(r"[ \t]*(?:\d+\.|[-•*])?[ \t]*(?:\*\*)?", doc.text[line:sentence.start]) else None
    heading = re.split(r"[:.]|\*\*", item["item"] + item["more"])[0].split() if item else []
    # an imperative heading has an object ("Mine the hack."); two words are a topic ("Trade controls.")
    if not found and item and len(heading) >= 3 and item["item"] not in NOT_IMPERATIVE and not re.search(r"(?:ing|ed|ly|s)$", item["item"]):
        found.append((item["item"] + item["more"], authors(ctx), addressee(ctx)))
    return found


def _line_start(doc: Document, offset: int) -> int:
    return doc.text.rfind("\n", 0, offset) + 1


def _actor_before(here: list[Mention], offset: int, reach: int = 200, text: str | None = None) -> list[URIRef]:
    """The actor just before `offset`; with `text`, only one not cut off from it by a comma (a subject)."""
    actors = [m for m in here if m.end <= offset and offset - m.end <= reach and m.isa(*ASKERS)
              and (text is None or "," not in text[m.end:offset])]
    return [actors[-1].iri] if actors else []


def _actor_after(here: list[Mention], offset: int) -> list[URIRef]:
    actors = [m for m in here if m.start >= offset and m.start - offset <= 80 and m.isa(*ASKERS)]
    return [actors[0].iri] if actors else []


def normalise(ask: str) -> str:
    """The ask as a label: its first clause, without "you to", Markdown or a trailing period."""
    ask = re.sub(r"\*+|\[|\]\(#\)|\s+", " ", ask).strip()
    ask = LEAD.sub("", ask)
    end = CLAUSE_END.search(ask)
    if end:
        ask = ask[:end.start()]
    ask = ask.strip(" .,;:—-")
    if len(ask) > MAX_LABEL:
        ask = ask[:MAX_LABEL].rsplit(" ", 1)[0] + " …"
    return ask[:1].lower() + ask[1:] if ask[:2] != ask[:2].upper() else ask


def measure_for(ctx: Context, ask: str, measures: list[dict[str, Any]]) -> URIRef | None:
    """The curated measure whose cue the ask contains, else a measure named by the ask (None if empty)."""
    lowered = ask.lower()
    for measure in measures:
        if any(str(cue).lower() in lowered for cue in measure.get("cues", [])):
            iri = FXD[str(measure["id"])]
            ctx.declare(Entity(iri, (FX.PolicyMeasure,), str(measure["label"])))
            return iri
    label = normalise(ask)
    if len(label.split()) < 2:
        return None  # "[though] they should." asks for nothing that can be named
    iri = ctx.make_iri("measure", label.lower())
    ctx.declare(Entity(iri, (FX.PolicyMeasure,), label))
    return iri


def emit_ask(doc: Document, ctx: Context, sentence: Span, measures: list[dict[str, Any]], ask: str,
             recommenders: list[URIRef], addressees: list[URIRef]) -> None:
    if not recommenders:  # no author known (no metadata): the document itself recommends
        recommenders = [doc_iri(doc.id)]
    measure = measure_for(ctx, ask, measures)
    if measure is None:
        return
    evidence = doc.span(*trim(doc, sentence.start, sentence.end))
    for who in recommenders:
        ctx.emit(who, FX.recommends, measure, evidence=evidence, confidence=0.6)
    for whom in addressees:
        if whom not in recommenders:
            ctx.emit(measure, FX.recommendedTo, whom, evidence=evidence, confidence=0.5)
