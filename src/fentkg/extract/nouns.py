"""Nouns: what a stated number counts or measures, read off the words after it.

"5,600 arrests" counts arrests; "100,000 annual overdose deaths in" counts deaths; "three Sample,
Ruritania-based firms" counts firms; "9 of their managers" counts managers; "9,000 pounds of
fentanyl" measures fentanyl and "… of fentanyl and xylazine precursor chemicals", chemicals.
Pure text functions: the statistics extractor picks indicators and refuses durations with them.
"""
from __future__ import annotations

import re

_POSSESSIVE_OF = re.compile(r"[ \t]+of[ \t]+(?:their|its|his|her|our|the)[ \t]+", re.IGNORECASE)

_TOKEN = re.compile(r"[ \t]+(?:\]\([^)\s]*\)[ \t]*)?([A-Za-z][A-Za-z0-9'’.-]*,?)")  # never across a line break
_ADDRESS_WORDS = frozenset({"street", "st.", "avenue", "ave.", "road", "suite", "nw", "ne", "sw", "se", "floor", "building"})
_STOP_NOUNS = frozenset({
    "of", "and", "or", "to", "the", "a", "an", "in", "on", "from", "for", "with", "by", "as", "at", "is", "are", "was",
    "were", "has", "have", "had", "that", "which", "who", "this", "these", "those", "its", "their", "than", "per",
    "percent", "times", "into", "each", "every", "be", "will", "would", "could", "across", "since", "between", "during",
    "it", "they", "he", "she", "we", "you", "there", "over", "under", "through", "after", "before", "when", "where",
})


def counted_noun(text: str, pos: int) -> str:
    """The head noun a number counts: '5,600 arrests' → 'arrests'; '100,000 annual overdose deaths in'
    → 'deaths'; 'four Sonora, Mexico-based firms' → 'firms'; '12 of their executives' → 'executives'."""
    m = _POSSESSIVE_OF.match(text, pos)
    if m:
        pos = m.end() - 1
    words: list[str] = []
    while len(words) < 6:
        m = _TOKEN.match(text, pos)
        if not m:
            break
        raw = m.group(1)
        word = raw.rstrip(".,")
        low = word.lower()
        if len(word) < 2 or low in _ADDRESS_WORDS:
            return ""
        if words and words[-1].endswith("-") and low in ("or", "and"):
            pos = m.end()  # "China- or Hong Kong-based persons": a suspended compound goes on
            continue
        if low in _STOP_NOUNS or (words and re.search(r"(?:ing|ed)$", word) and not word.endswith("based")):
            break
        words.append(word)
        pos = m.end()
        if raw.endswith(","):
            nxt = _TOKEN.match(text, pos)
            if not (nxt and nxt.group(1).rstrip(".,").endswith("-based")):
                break  # "Sonora, Mexico-based firms" goes on; "deaths, and" stops
        elif raw[-1:] == ".":
            break
    return words[-1] if words else ""


_OF = re.compile(r"[ \t]+of[ \t]+", re.IGNORECASE)
_PHRASE_STOPS = frozenset({
    "to", "from", "in", "into", "at", "by", "for", "with", "that", "which", "who", "was", "were", "is", "are", "has",
    "have", "had", "so", "since", "during", "enough", "than", "per", "each", "across", "through", "bound", "on",
})


def measured_noun(text: str, pos: int) -> str:
    """What a mass is of: '9,000 pounds of fentanyl' → 'fentanyl'; '… of fentanyl and xylazine
    precursor chemicals' → 'chemicals'; '… of fentanyl powder equating to …' → 'powder'."""
    m = _OF.match(text, pos)
    if not m:
        return ""
    words: list[str] = []
    pos = m.end() - 1
    while len(words) < 8:
        t = _TOKEN.match(text, pos)
        if not t:
            break
        raw = t.group(1)
        word = raw.rstrip(".,")
        low = word.lower()
        if low in _PHRASE_STOPS or re.search(r"(?:ing|ed)$", low):
            break
        if low not in ("and", "or", "the", "these", "those", "its", "their"):
            words.append(word)
        pos = t.end()
        if raw[-1:] in ".,":
            break
    return words[-1] if words else ""
