"""Cues: the cue lists of data/reference/patterns.yml compiled to regular expressions, and prose sentences.

A cue is a surface string matched on word boundaries; "…" in a cue is a gap that holds the
object ("added … to the Entity List"), captured as the group `gap`. Shared by the extractors
of issue 3 part B (designations, agreements, events, relations, recommendations).
Example: cue_regex(["added … to the Entity List"]) matches "added Example Co. to the Entity List".
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ..corpus import Document, Span
from ..reference import Reference

GAP = "…"
SHORT_NOTE = 300  # characters: a footnote shorter than this is a bare reference, not prose
MAX_GAP = 160  # characters a gap may span: an object phrase, never a whole paragraph
# Footnote sentences that are bibliography, not prose: they hold a URL or a retrieval note.
_BIBLIOGRAPHIC = re.compile(r"https?://|www\.|\(last (?:visited|updated)|available at", re.IGNORECASE)


def _piece(text: str) -> str:
    body = re.escape(text.strip())
    left = r"(?<![\w-])" if text.strip()[:1].isalnum() else ""
    right = r"(?![\w])" if text.strip()[-1:].isalnum() else ""
    return left + body + right


def cue_pattern(cue: str) -> str:
    """The regex source of one cue; a gap becomes the named group `gap`."""
    if GAP not in cue:
        return _piece(cue)
    head, tail = cue.split(GAP, 1)
    return _piece(head) + rf"\s+(?P<gap>[^;:!?]{{1,{MAX_GAP}}}?)\s*" + _piece(tail)


@lru_cache(maxsize=256)
def _compile(cues: tuple[str, ...], ignore_case: bool) -> re.Pattern[str]:
    # Longest first, so that "imposed sanctions on" wins over "sanctions"; Python forbids a group
    # name twice in one pattern, so gaps are numbered and read back with `gap_of`.
    ordered = sorted(set(cues), key=len, reverse=True)
    parts = [f"(?:{cue_pattern(c).replace('(?P<gap>', f'(?P<gap{i}>')})" for i, c in enumerate(ordered)]
    return re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE if ignore_case else 0)


def cue_regex(cues: Iterable[str], ignore_case: bool = False) -> re.Pattern[str]:
    """One compiled alternation of the cues, longest first; match `.group()` is the cue as written."""
    return _compile(tuple(cues), ignore_case)


def gap_of(match: re.Match[str]) -> tuple[int, int] | None:
    """The span of the gap of a gapped cue match, if the matched cue has one."""
    for name, value in match.groupdict().items():
        if name.startswith("gap") and value is not None:
            return match.span(name)
    return None


def cue_groups(reference: Reference, name: str) -> dict[str, list[str]]:
    """A grouped cue list of patterns.yml (`groups:` of `name`), group → cues."""
    value: Any = reference.patterns.get(name, {})
    groups = value.get("groups", value) if isinstance(value, dict) else {}
    return {str(k): [str(c) for c in v] for k, v in groups.items() if isinstance(v, list)}


def cue_values(reference: Reference, name: str, key: str | None = None) -> list[str]:
    """A flat cue list of patterns.yml (`values:` of `name`, or the list under `key`)."""
    value: Any = reference.patterns.get(name, [])
    if isinstance(value, dict):
        value = value.get(key or "values", [])
    return [str(v) for v in value or []]


def prose_sentences(doc: Document) -> Iterator[Span]:
    """Sentences worth reading for events and acts: body text and prose footnotes, not bibliography."""
    for sentence in doc.sentences:
        if doc.in_header(sentence.start):
            continue
        text = doc.text[sentence.start:sentence.end]
        note = doc.footnote_at(sentence.start)
        if note is not None and (_BIBLIOGRAPHIC.search(text) or note.body_end - note.body_start < SHORT_NOTE):
            continue  # a short note is a reference: its sentences are titles ("China cuts off U.S. contacts")
        yield sentence


def trim(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding white space and list/Markdown decoration."""
    text = doc.text
    while start < end and (text[start].isspace() or text[start] in "*#->•"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "*"):
        end -= 1
    return start, end
