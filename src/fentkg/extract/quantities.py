"""Quantities: numbers as written ("over 22,000 pounds", "$3.5 billion", "6 out of 10",
"two percent", "50 to 100 times") → value, bounds, qualifier and QUDT unit.

Pure text functions, no RDF: `find_quantities(text, start, end)` yields `Quantity` spans.
Dates, years, ages, footnote and section numbers are not quantities.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..namespaces import UNIT

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12,
    "dozens": 24, "a million": 1_000_000,
}
SCALES = {"thousand": Decimal(1_000), "million": Decimal(1_000_000), "billion": Decimal(1_000_000_000),
          "trillion": Decimal(1_000_000_000_000), "k": Decimal(1_000), "m": Decimal(1_000_000), "bn": Decimal(1_000_000_000)}
# qualifier phrase → (qualifier concept slug, how the bound works)
QUALIFIERS = {
    "more than": "more-than", "over": "more-than", "in excess of": "more-than", "upwards of": "more-than",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "estimated": "about", "approx.": "about", "~": "about",
    "at least": "at-least", "no fewer than": "at-least", "up to": "up-to", "as many as": "up-to",
    "at most": "up-to", "less than": "less-than", "fewer than": "less-than", "under": "less-than", "below": "less-than",
}
# noun after the number → QUDT unit; everything counted that is not mass, money or share is unit:NUM
MASS_UNITS = {"pounds": UNIT.LB, "pound": UNIT.LB, "lbs": UNIT.LB, "lb": UNIT.LB, "kilograms": UNIT.KiloGM,
              "kilogram": UNIT.KiloGM, "kg": UNIT.KiloGM, "kilos": UNIT.KiloGM, "grams": UNIT.GM, "gram": UNIT.GM,
              "tons": UNIT.TON_SHORT, "tonnes": UNIT.TONNE, "metric tons": UNIT.TONNE, "tb": UNIT.TeraBYTE,
              "terabytes": UNIT.TeraBYTE}

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDS = r"(?:" + "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True)) + r")"
_NUM = rf"(?:{_DIGITS}|\b{_WORDS}\b)"
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion)\b|(?<=\d)(?:k|m|bn)\b)"
_QUAL = r"(?:" + "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True)) + r")"

QUANTITY = re.compile(
    rf"(?:(?P<qual>\b{_QUAL})\s+)?"
    rf"(?:(?P<money>\\?\$)\s?)?"
    rf"(?P<num>{_NUM})(?P<scale>{_SCALE})?"
    rf"(?:(?:\s?(?:-|–|to|and)\s?)(?:\\?\$)?(?P<num2>{_NUM})(?P<scale2>{_SCALE})?)?"
    rf"(?P<tail>\s?(?:%|percent\b|per\s?cent\b)|\s+out\s+of\s+(?P<den>\d+)|\s?(?:-?fold|times)\b"
    rf"|\s?(?:metric tons|pounds?|lbs?|kilograms?|kilos|kg|grams?|tons|tonnes|TB|terabytes)\b)?",
    re.IGNORECASE,
)
# Context that makes a number something else than a quantity (a date, a law, an age, a note).
_NOT_BEFORE = re.compile(
    r"(?:§\s?|\(\d{3}\)\s?|:|\b(?:Schedule|Table|List|Article|Category|Chapter|Phase|Tier|Level|Room|Suite)\s|\bFY\s?|\bP\.?L\.?\s?|\bNo\.\s?|\bSection\s|\bTitle\s|\bpp?\.\s?|\bPage\s\**|\baged?\s|\bages\s|\bnote\s"
    r"|[\w%/=&?#_-]|\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s|[/#^{]|\d[,.]?)$",
    re.IGNORECASE,
)
_NOT_AFTER = re.compile(r"^(?:[\w/%=&_]|-\d|\s?(?:st|nd|rd|th)\b|/\d|\s?(?:U\.S\.C|C\.F\.R|FR)\b|-(?:\d{2,}|century|year-old|hour)|[.,]\d|\s?of\s\d|\)|\s?a\.m|\s?p\.m|,\s\d{4}\b)")
_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    value: Decimal
    unit: object  # a QUDT unit IRI
    qualifier: str  # slug of fxv:qual-…
    lower: Decimal | None
    lower_inclusive: bool
    upper: Decimal | None
    upper_inclusive: bool
    noun: str  # the word(s) after the number ("pounds", "deaths", "" …)


def parse_number(raw: str, scale: str | None = None) -> Decimal | None:
    """'1,570,127' → 1570127; 'two' → 2; '3.5' + ' billion' → 3500000000."""
    raw = raw.strip().lower()
    if raw in WORD_NUMBERS:
        value = Decimal(WORD_NUMBERS[raw])
    else:
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            return None
    if scale:
        value *= SCALES[scale.strip().lower()]
    return plain(value)


def plain(value: Decimal) -> Decimal:
    """The same number without exponent or trailing zeros (22000, not 2.2E+4)."""
    return Decimal(format(value.normalize(), "f"))


def _bounds(qualifier: str, value: Decimal) -> tuple[Decimal | None, bool, Decimal | None, bool]:
    """Bounds as MODEL.md §2.9: 'over' → exclusive lower; 'nearly' → exclusive upper; 'about' ± 5 %."""
    if qualifier == "more-than":
        return value, False, None, True
    if qualifier == "at-least":
        return value, True, None, True
    if qualifier == "nearly":
        return None, True, value, False
    if qualifier in ("up-to",):
        return None, True, value, True
    if qualifier == "less-than":
        return None, True, value, False
    if qualifier == "about":
        margin = plain(value * Decimal("0.05"))
        return value - margin, True, value + margin, True
    return value, True, value, True


def find_quantities(text: str, start: int = 0, end: int | None = None, count_nouns: frozenset[str] = frozenset()) -> Iterator[Quantity]:
    """Every quantity in text[start:end], left to right.

    A number spelt as a word ("two ways") counts only when it has a unit or counts one of
    `count_nouns` (lower case), since prose uses small word numbers for much else.
    """
    end = len(text) if end is None else end
    for m in QUANTITY.finditer(text, start, end):
        quantity = _quantity(text, m, count_nouns)
        if quantity is not None:
            yield quantity


def _quantity(text: str, m: re.Match[str], count_nouns: frozenset[str]) -> Quantity | None:
    num, tail = m["num"], (m["tail"] or "").strip().lower()
    money = bool(m["money"])
    before = text[max(0, m.start("num") - 12):m.start("num") - (len(m["money"] or "") if money else 0)]
    after = text[m.end():m.end() + 12]
    if not money and (_NOT_BEFORE.search(before) or _NOT_AFTER.match(after)):
        return None
    if not money and not tail and not m["scale"] and _YEAR.match(num):
        return None  # a year
    if num.lower() in WORD_NUMBERS and not (tail or m["scale"]) and _counted_noun(text, m.end()).lower() not in count_nouns:
        return None  # "one of the", "two ways": only word numbers that count something known
    value = parse_number(num, m["scale"])
    if value is None:
        return None
    qualifier = QUALIFIERS.get((m["qual"] or "").lower(), "exact")
    unit: object = UNIT.NUM
    noun = ""
    if money:
        unit = UNIT.CCY_USD
    elif m["den"]:
        value = plain(value / Decimal(m["den"]) * 100)
        unit = UNIT.PERCENT
    elif tail in ("%", "percent", "per cent", "percent"):
        unit = UNIT.PERCENT
    elif tail in ("times", "fold", "-fold"):
        unit = UNIT.UNITLESS
    elif tail:
        unit, noun = MASS_UNITS.get(tail, MASS_UNITS.get(tail.rstrip("s"), UNIT.NUM)), tail
    if unit == UNIT.NUM:
        noun = _counted_noun(text, m.end())
        if not noun and not m["scale"]:
            return None  # a bare number counting nothing named is not a statistic
    lower, lower_inc, upper, upper_inc = _bounds(qualifier, value)
    if m["num2"]:
        second = parse_number(m["num2"], m["scale2"] or m["scale"])
        if second is None or second <= value:
            return None  # "18-45" style spans that are not ranges of a value
        qualifier, lower, lower_inc, upper, upper_inc = "range", value, True, second, True
    q_start = m.start("qual") if m["qual"] else (m.start("money") if money else m.start("num"))
    return Quantity(q_start, m.end(), value, unit, qualifier, lower, lower_inc, upper, upper_inc, noun)


_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’.-]*)")  # never across a line break
_ADDRESS_WORDS = frozenset({"street", "st.", "avenue", "ave.", "road", "suite", "nw", "ne", "sw", "se", "floor", "building"})
_STOP_NOUNS = frozenset({
    "of", "and", "or", "to", "the", "a", "an", "in", "on", "from", "for", "with", "by", "as", "at", "is", "are", "was",
    "were", "has", "have", "had", "that", "which", "who", "this", "these", "those", "its", "their", "than", "per",
    "percent", "times", "into", "each", "every", "be", "will", "would", "could", "across", "since", "between", "during",
})


def _counted_noun(text: str, pos: int) -> str:
    """The head noun a number counts ('5,600 arrests' → 'arrests'; '100,000 annual overdose deaths in' → 'deaths')."""
    words: list[str] = []
    while len(words) < 4:
        m = _WORD.match(text, pos)
        if not m:
            break
        word = m.group(1).rstrip(".,")
        if len(word) < 2 or word.lower() in _ADDRESS_WORDS:
            return ""
        if word.lower() in _STOP_NOUNS or (words and re.search(r"(?:ing|ed)$", word) and not word.endswith("based")):
            break
        words.append(word)
        pos = m.end()
        if m.group(1)[-1:] in ".,":
            break
    return words[-1] if words else ""
