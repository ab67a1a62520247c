"""Quantities: numbers as written ("over 22,000 pounds", "$3.5 billion", "6 out of 10",
"two percent", "50 to 100 times", "more than doubling") → value, bounds, qualifier and QUDT unit.

Pure text functions, no RDF: `find_quantities(text, start, end, …)` yields `Quantity` spans.
Dates, years, ages, durations ("within 60 days"), footnote, page and section numbers,
addresses and phone numbers are not quantities; nor are vague amounts ("thousands of").
The value is the number stated, in the stated unit's scale (MODEL.md §2.9).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rdflib import URIRef

from ..namespaces import UNIT
from .nouns import counted_noun, measured_noun

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
WORD_NUMBERS: dict[str, int] = {**UNITS, **TENS, "hundred": 100, "a hundred": 100, "a thousand": 1000,
                                "a dozen": 12, "a million": 1_000_000, "a billion": 1_000_000_000}
# Verbs that state a factor: "doubled" is a factor of 2 (unit:UNITLESS).
MULTIPLIERS: dict[str, Decimal] = {w: Decimal(v) for w, v in {
    "doubled": "2", "doubling": "2", "doubles": "2", "tripled": "3", "tripling": "3", "triples": "3",
    "quadrupled": "4", "quadrupling": "4", "quadruples": "4", "halved": "0.5"}.items()}
SCALES = {"thousand": Decimal(1_000), "million": Decimal(1_000_000), "billion": Decimal(1_000_000_000),
          "trillion": Decimal(1_000_000_000_000), "k": Decimal(1_000), "m": Decimal(1_000_000), "bn": Decimal(1_000_000_000)}
# Phrases that qualify the number after them → the slug of their fxv:qual-… concept. These are closed-class
# grammar words; tests check that they cover the hidden labels of the value-qualifier scheme in vocab.ttl.
QUALIFIERS = {
    "more than": "more-than", "over": "more-than", "in excess of": "more-than", "upwards of": "more-than",
    "above": "more-than", "greater than": "more-than", "well over": "more-than", "just over": "more-than",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly", "approaching": "nearly",
    "almost exactly": "about",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "estimated": "about", "approx.": "about", "~": "about", "circa": "about",
    "at least": "at-least", "no fewer than": "at-least", "no less than": "at-least", "a minimum of": "at-least",
    "up to": "up-to", "as many as": "up-to", "as much as": "up-to", "at most": "up-to", "as little as": "up-to",
    "as few as": "up-to",
    "less than": "less-than", "fewer than": "less-than", "under": "less-than", "below": "less-than",
    "exactly": "exact", "precisely": "exact",
}
MASS_UNITS = {"pounds": UNIT.LB, "pound": UNIT.LB, "lbs": UNIT.LB, "lb": UNIT.LB, "kilograms": UNIT.KiloGM,
              "kilogram": UNIT.KiloGM, "kg": UNIT.KiloGM, "kilos": UNIT.KiloGM, "grams": UNIT.GM, "gram": UNIT.GM,
              "milligrams": UNIT.MilliGM, "milligram": UNIT.MilliGM, "mg": UNIT.MilliGM, "micrograms": UNIT.MicroGM,
              "microgram": UNIT.MicroGM, "ounces": UNIT.OZ, "ounce": UNIT.OZ, "oz": UNIT.OZ,
              "tons": UNIT.TON_SHORT, "tonnes": UNIT.TONNE, "metric tons": UNIT.TONNE, "tb": UNIT.TeraBYTE,
              "terabytes": UNIT.TeraBYTE}
PERCENT_WORDS = ("%", "percent", "per cent", "percentage points")

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD = (r"(?:(?:" + "|".join(TENS) + r")[- ](?:" + "|".join(k for k in UNITS if UNITS[k] < 10) + r")"
         + "|" + "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True)) + ")")
_NUM = rf"(?:{_DIGITS}|\b{_WORD}\b)"
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion)\b|(?<=\d)(?:k|m|bn)\b)"
_QUAL = r"(?:" + "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True)) + r")"
_LINK_CLOSE = r"(?:\]\([^)\s]{0,300}\))?"  # the end of a Markdown link around the number: "[107,000](#)"

QUANTITY = re.compile(
    rf"(?:(?P<qual>(?<![\w-]){_QUAL})\s+)?(?P<open>\[)?"
    rf"(?:(?P<money>\\?\$)\s?)?"
    rf"(?P<num>{_NUM})(?P<scale>{_SCALE})?"
    rf"(?:\s?(?P<sep>-|–|to|and)\s?(?:\\?\$)?(?P<num2>{_NUM})(?P<scale2>{_SCALE})?)?"
    rf"(?P<close>{_LINK_CLOSE})"
    rf"(?P<tail>\s?(?:%|percent\b|per\s?cent\b)|\s+(?:out\s+of|in)\s+(?P<den>\d{{1,4}}|{_WORD})\b|\s?(?:-?fold|times)\b"
    rf"|\s?(?:metric tons|pounds?|lbs?|kilograms?|kilos|kg|milligrams?|mg|micrograms?|grams?|ounces?|oz|tons|tonnes|TB|terabytes)\b"
    rf"|\s(?:U\.S\.\s|US\s)?dollars\b)?"
    rf"(?P<close2>{_LINK_CLOSE})",
    re.IGNORECASE,
)
FRACTIONS: dict[str, Decimal] = {w: Decimal(v) for w, v in {
    "half": "50", "a third": "33.33", "one third": "33.33", "two thirds": "66.67", "a quarter": "25",
    "one quarter": "25", "three quarters": "75"}.items()}
FRACTION = re.compile(
    rf"(?:(?P<qual>(?<![\w-]){_QUAL})\s+)?(?<![\w-])(?P<frac>half|a third|one[- ]third|two[- ]thirds|a quarter|one[- ]quarter|three[- ]quarters)\s+of\b",
    re.IGNORECASE)
FACTOR = re.compile(rf"(?:(?P<qual>(?<![\w-]){_QUAL})\s+)?\b(?P<verb>{'|'.join(MULTIPLIERS)})\b", re.IGNORECASE)
# Context that makes a number something else than a quantity (a date, a law, an age, a note).
_NOT_BEFORE = re.compile(
    r"(?:§\s?|\(\d{3}\)\s?|:|\b(?:Schedule|Table|List|Article|Category|Chapter|Phase|Tier|Level|Room|Suite|Box|Route|Highway)\s|\bFY\s?|\bP\.?L\.?\s?|\bNo\.\s?|\bNos\.\s?|\bSection\s|\bTitle\s|\bpp?\.\s?|\bPage\s\**|\baged?\s|\bages\s|\bnote\s|\bnotes\s|\bnumber\s"
    r"|[\w%/=&?#_-]|\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s|[/#^{]|\d[,.]?)$",
    re.IGNORECASE,
)
_NOT_AFTER = re.compile(r"^(?:[\w/%=&_]|-\d|\s?(?:st|nd|rd|th)\b|/\d|\s?(?:U\.S\.C|C\.F\.R|FR|CFR|Stat)\b|-(?:\d{2,}|century|year-old|years?-old|hour|day|week|month|year|page|point)|[.,]\d|\s?of\s\d|\)|\s?a\.m|\s?p\.m|\s?(?:AM|PM)\b|,\s\d{4}\b)")
_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")
# Words before a spelt-out number that make it a reference, not a count: "the two leaders", "his three brothers".
_DEFINITE = re.compile(r"(?:\b(?:the|these|those|this|its|their|his|her|our|your|my|both|all|every|each|first|last|other|only)\s+)$", re.IGNORECASE)
_ANAPHORIC_OF = re.compile(r"[ \t]+of[ \t]+(?:those|them|these|whom|which)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    value: Decimal
    unit: URIRef  # a QUDT unit IRI
    qualifier: str  # slug of fxv:qual-…
    lower: Decimal | None
    lower_inclusive: bool
    upper: Decimal | None
    upper_inclusive: bool
    noun: str  # what is counted or measured ("deaths", "fentanyl", "" …)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The words that decide whether a number counts something: data from data/reference, not code."""

    count_nouns: frozenset[str] = frozenset()  # nouns a spelt-out number may count ("members", "pills")
    not_counted: frozenset[str] = frozenset()  # time units and discourse nouns: "60 days", "two ways"


def parse_number(raw: str, scale: str | None = None) -> Decimal | None:
    """'1,570,127' → 1570127; 'two' → 2; 'twenty-one' → 21; '3.5' + ' billion' → 3500000000."""
    raw = " ".join(raw.strip().lower().split())
    if raw in WORD_NUMBERS:
        value = Decimal(WORD_NUMBERS[raw])
    elif re.fullmatch(r"[a-z]+[- ][a-z]+", raw) and re.split(r"[- ]", raw)[0] in TENS:
        tens, unit = re.split(r"[- ]", raw)
        value = Decimal(TENS[tens] + UNITS.get(unit, 0))
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


def bounds(qualifier: str, value: Decimal) -> tuple[Decimal | None, bool, Decimal | None, bool]:
    """Bounds as shapes/statistics.ttl: 'over' → exclusive lower; 'nearly' → upper; 'about' ± 5 %."""
    if qualifier == "more-than":
        return value, False, None, True
    if qualifier == "at-least":
        return value, True, None, True
    if qualifier in ("nearly", "up-to"):
        return None, True, value, True
    if qualifier == "less-than":
        return None, True, value, False
    if qualifier == "about":
        margin = plain(value * Decimal("0.05"))
        return value - margin, True, value + margin, True
    return value, True, value, True


def find_quantities(text: str, start: int = 0, end: int | None = None, lexicon: Lexicon = Lexicon()) -> Iterator[Quantity]:
    """Every quantity in text[start:end], left to right.

    A number spelt as a word ("two ways") counts only when it has a unit, or counts a plural
    noun that is not a time unit or a discourse noun of `lexicon.not_counted`; prose uses
    small word numbers for much else.
    """
    end = len(text) if end is None else end
    found: list[Quantity] = []
    for m in QUANTITY.finditer(text, start, end):
        quantity = _quantity(text, m, lexicon, found[-1] if found else None)
        if quantity is not None:
            found.append(quantity)
    for m in FACTOR.finditer(text, start, end):
        found.append(_factor(m))
    for m in FRACTION.finditer(text, start, end):
        if not re.search(r"\b(?:the|first|second|other|latter|former)\s+$", text[max(0, m.start() - 10):m.start("frac")], re.IGNORECASE):
            found.append(_fraction(m))
    yield from sorted(found, key=lambda q: q.start)


def _factor(m: re.Match[str]) -> Quantity:
    """'more than doubling' → a factor of 2 with an exclusive lower bound."""
    value = plain(MULTIPLIERS[m["verb"].lower()])
    qualifier = QUALIFIERS.get((m["qual"] or "").lower(), "exact")
    lo, lo_inc, hi, hi_inc = bounds(qualifier, value)
    return Quantity(m.start(), m.end(), value, UNIT.UNITLESS, qualifier, lo, lo_inc, hi, hi_inc, m["verb"].lower())


def _fraction(m: re.Match[str]) -> Quantity:
    """'Nearly half of those seizures' → nearly 50 percent."""
    value = plain(FRACTIONS[" ".join(m["frac"].lower().replace("-", " ").split())])
    qualifier = QUALIFIERS.get((m["qual"] or "").lower(), "exact")
    lo, lo_inc, hi, hi_inc = bounds(qualifier, value)
    return Quantity(m.start(), m.end("frac"), value, UNIT.PERCENT, qualifier, lo, lo_inc, hi, hi_inc, "")


def _quantity(text: str, m: re.Match[str], lexicon: Lexicon, previous: Quantity | None) -> Quantity | None:
    num, tail = m["num"], " ".join((m["tail"] or "").lower().split())
    money = bool(m["money"])
    lead = m.start("money") if money else (m.start("open") if m["open"] else m.start("num"))
    before = text[max(0, lead - 14):lead]
    after = text[m.end():m.end() + 12]
    if _NOT_BEFORE.search(before) or (not tail and _NOT_AFTER.match(after)):
        return None
    if not money and not tail and not m["scale"] and _YEAR.match(num.replace(",", "")) and "," not in num:
        return None  # a year
    word = not num[0].isdigit()
    if word and num.lower() == "one" and not (m["scale"] or m["den"]):
        return None  # "one of the", "one day": never a count on its own
    value = parse_number(num, m["scale"])
    if value is None:
        return None
    qualifier = QUALIFIERS.get((m["qual"] or "").lower(), "exact")
    unit: URIRef = UNIT.NUM
    noun = ""
    if money or tail.endswith("dollars"):
        unit = UNIT.CCY_USD
    elif m["den"]:
        den = parse_number(m["den"])
        if den is None or den <= value or _YEAR.match(m["den"]):
            return None  # "5 in 2021" is not a ratio
        value = plain((value / den * 100).quantize(Decimal("0.01")))
        unit = UNIT.PERCENT
    elif tail in PERCENT_WORDS:
        unit = UNIT.PERCENT
    elif tail in ("times", "fold", "-fold"):
        unit = UNIT.UNITLESS
    elif tail:
        unit = MASS_UNITS.get(tail, MASS_UNITS.get(tail.rstrip("s"), UNIT.NUM))
        noun = measured_noun(text, m.end())
    if unit == UNIT.NUM:
        noun = counted_noun(text, m.end())
        anaphoric = bool(_ANAPHORIC_OF.match(text, m.end()))
        if noun.lower() in lexicon.not_counted:
            return None  # "within 60 days", "in two ways"
        if not noun and not anaphoric and not m["scale"]:
            return None  # a bare number counting nothing named is not a statistic
        if word and not (m["scale"] or anaphoric) and not _countable(text, lead, noun, lexicon):
            return None
    lower, lower_inc, upper, upper_inc = bounds(qualifier, value)
    if m["num2"]:
        second = parse_number(m["num2"], m["scale2"] or m["scale"])
        if second is None or second <= value or (
                m["sep"].lower() == "and" and not text[max(0, lead - 12):lead].rstrip().lower().endswith("between")):
            return None  # "18-45" style spans that are not ranges of a value; "five and two"
        qualifier, lower, lower_inc, upper, upper_inc = "range", value, True, second, True
    elif qualifier == "exact" and previous is not None and _coordinated(text, previous, lead):
        # "more than 50 million pills and 10,000 pounds": the qualifier covers both numbers.
        qualifier = previous.qualifier
        lower, lower_inc, upper, upper_inc = bounds(qualifier, value)
    q_start = m.start("qual") if m["qual"] else (m.start("money") if money else m.start("num"))
    q_end = max(m.end(g) for g in ("num", "scale", "num2", "scale2", "tail") if m[g])
    return Quantity(q_start, q_end, value, unit, qualifier, lower, lower_inc, upper, upper_inc, noun)


def _countable(text: str, lead: int, noun: str, lexicon: Lexicon) -> bool:
    """A spelt-out number counts a plural noun, not after 'the', 'his', 'both' (those refer, not count)."""
    if _DEFINITE.search(text[max(0, lead - 12):lead]):
        return False
    return noun.lower() in lexicon.count_nouns or (len(noun) > 3 and noun.endswith("s") and not noun.endswith("ss"))


def _coordinated(text: str, previous: Quantity, lead: int) -> bool:
    """True when this number follows a qualified one as the second of 'X … and Y' within one phrase."""
    if previous.qualifier in ("exact", "range") or not 0 < lead - previous.end <= 60:
        return False
    if text[max(0, previous.start - 2):previous.start].strip() == ",":
        return False  # "4,750 pounds, roughly 3.2 million pills and 1,180 kilograms": a list, each its own
    between = text[previous.end:lead]
    return bool(re.fullmatch(r"[^.;:,()\d]*\s(?:and|or)\s", between))
