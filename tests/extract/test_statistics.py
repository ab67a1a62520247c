"""Statistics on made-up sentences, one golden case per phenomenon (issue 3).

Each case is a short document dated 2031-05-02 and the numbers it must yield, as
(quote, value, unit, qualifier, indicator, period); `None` leaves a field unchecked.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Graph
from rdflib.namespace import SKOS

from fentkg.extract.context import Observation
from fentkg.extract.quantities import QUALIFIERS, find_quantities
from fentkg.namespaces import FXV

from .conftest import ROOT, Extract

HEAD = "Example Institute\n\nMay 2, 2031\n\n"
Row = tuple[str, object, str, str | None, str | None, str | None]

CASES: dict[str, tuple[str, list[Row]]] = {
    "over_qualifier_exclusive_lower_bound": (
        "So far in FY2031, the Example Border Agency has seized over 9,000 pounds of fentanyl.",
        [("over 9,000 pounds", 9000, "LB", "more-than", "fentanyl-seized-mass", "us-fy2031-to-2031-05-02")]),
    "fiscal_year_so_far": (
        "Since FY29, agents have seized more than 12,000 kilograms of precursor chemicals. "
        "In FY 2030, agents made over 4,100 arrests.",
        [("more than 12,000 kilograms", 12000, "KiloGM", "more-than", "precursor-seized-mass", "us-fy2029-to-2031-05-02"),
         ("over 4,100", 4100, "NUM", "more-than", "arrests", "us-fy2030")]),
    "out_of_ratio_as_percent": (
        "Testing found that 7 out of 10 fake pills contained a lethal dose, and one in four contained xylazine.",
        [("7 out of 10", 70, "PERCENT", "exact", "counterfeit-pills-lethal-share", None),
         ("one in four", 25, "PERCENT", "exact", None, None)]),
    "word_numbers": (
        "Officials sanctioned twelve individuals and three companies. The inspection rate is two percent. "
        "The coalition has twenty-one members. It helps in two ways. The two leaders met.",
        [("twelve", 12, "NUM", "exact", "persons-sanctioned", None),
         ("three", 3, "NUM", "exact", "entities-sanctioned", None),
         ("two percent", 2, "PERCENT", "exact", "inspection-rate", None),
         ("twenty-one", 21, "NUM", "exact", "coalition-members", None)]),
    "money_scales": (
        "Congress appropriated $3.5 billion for the program and \\$133 million for training. "
        "Agents seized $750,000 in bulk cash. The cartels earned 1.2bn dollars.",
        [("$3.5 billion", 3_500_000_000, "CCY_USD", "exact", "appropriation", None),
         ("\\$133 million", 133_000_000, "CCY_USD", "exact", "appropriation", None),
         ("$750,000", 750_000, "CCY_USD", "exact", "currency-seized", None),
         ("1.2bn dollars", 1_200_000_000, "CCY_USD", "exact", "criminal-revenue", None)]),
    "ranges": (
        "Fentanyl is 50 to 100 times more potent than morphine. Between 40 and 60 percent of pills were fake. "
        "Dealers moved 2,000-3,000 pounds of fentanyl.",
        [("50 to 100 times", 50, "UNITLESS", "range", "potency-ratio", None),
         ("40 and 60 percent", 40, "PERCENT", "range", None, None),
         ("2,000-3,000 pounds", 2000, "LB", "range", None, None)]),
    "dates_are_not_statistics": (
        "On July 7, 2031, in FY2030, the Example Agency at 1400 Example Avenue NW, Washington, DC 20500, "
        "(202) 555-0100, acted under 21 U.S.C. § 841 and Section 7 of Title 21 for people aged 18 to 45 within "
        "60 days, as in 2029 and 2030, see p. 14, Schedule 1, the 21st-century border and the 9/11 attacks.",
        []),
    "about_and_nearly_bounds": (
        "Fentanyl caused nearly 73% of overdose deaths in Kentucky and around 67% nationwide.",
        [("nearly 73%", 73, "PERCENT", "nearly", "overdose-deaths-share", None),
         ("around 67%", 67, "PERCENT", "about", "overdose-deaths-share", None)]),
    "doubling_is_a_factor": (
        "The number of pills seized has increased every year, more than doubling from 2029 to 2030.",
        [("more than doubling", 2, "UNITLESS", "more-than", "growth-rate", "2029-to-2030")]),
    "month_range_period": (
        "Between February 2029 and February 2030, 109,000 people died of drug overdoses.",
        [("109,000", 109000, "NUM", "exact", "overdose-deaths", "2029-02-to-2030-02")]),
    "last_year_relative_to_document": (
        "Last year, the agency seized 10,000 pounds of fentanyl powder.",
        [("10,000 pounds", 10000, "LB", "exact", "fentanyl-seized-mass", "cy-2030")]),
    "qualifier_covers_coordinated_numbers": (
        "Agents seized more than 50 million pills and 10,000 pounds of fentanyl powder. "
        "Officers seized 4,750 pounds of fentanyl, roughly 3.2 million pills and 1,180 kilograms of precursor chemicals.",
        [("more than 50 million", 50_000_000, "NUM", "more-than", "pills-seized", None),
         ("10,000 pounds", 10000, "LB", "more-than", "fentanyl-seized-mass", None),
         ("4,750 pounds", 4750, "LB", "exact", "fentanyl-seized-mass", None),
         ("roughly 3.2 million", 3_200_000, "NUM", "about", "pills-seized", None),
         ("1,180 kilograms", 1180, "KiloGM", "exact", "precursor-seized-mass", None)]),
    "sentence_refers_back_to_the_period": (
        "In 2029, 107,000 Americans died of drug overdoses. 70,000 of those died from synthetic opioids.",
        [("107,000", 107000, "NUM", "exact", "overdose-deaths", "cy-2029"),
         ("70,000", 70000, "NUM", "exact", "synthetic-opioid-deaths", "cy-2029")]),
    "comparison_base_is_not_the_period": (
        "In calendar year 2030, 107,543 people died of drug overdoses. That figure is 3 percent lower than in 2029.",
        [("107,543", 107543, "NUM", "exact", "overdose-deaths", "cy-2030"),
         ("3 percent", 3, "PERCENT", "exact", "growth-rate", "cy-2030")]),
    "markdown_link_around_a_number": (
        "According to the CDC, [107,000](#) Americans overdosed in 2029, [42%](#) of them on counterfeit pills.",
        [("107,000", 107000, "NUM", "exact", "overdose-deaths", "cy-2029"), ("42%", 42, "PERCENT", "exact", None, None)]),
    "small_masses_and_tons": (
        "As little as two milligrams can be fatal. The firm shipped at least 3.5 metric tons of 4-piperidone.",
        [("As little as two milligrams", 2, "MilliGM", "up-to", "lethal-dose-mass", None),
         ("at least 3.5 metric tons", Decimal("3.5"), "TONNE", "at-least", None, None)]),
}


def observations(result) -> list[Observation]:  # type: ignore[no-untyped-def]
    return sorted((f for f in result.facts if isinstance(f, Observation)), key=lambda o: o.evidence.start)


def local(iri: object) -> str:
    return str(iri).rsplit("/", 1)[-1]


@pytest.mark.parametrize("case", sorted(CASES))
def test_case(case: str, extract: Extract) -> None:
    text, expected = CASES[case]
    got = observations(extract(HEAD + text + "\n"))
    assert [o.evidence.exact for o in got] == [row[0] for row in expected]
    for o, (quote, value, unit, qualifier, indicator, period) in zip(got, expected):
        assert o.value == Decimal(str(value)), quote
        assert local(o.unit) == unit, quote
        if qualifier:
            assert local(o.qualifier) == f"qual-{qualifier}", quote
        if indicator:
            assert local(o.indicator) == f"ind-{indicator}", quote
        if period:
            assert local(o.period) == f"period-{period}", quote


def test_bounds_follow_the_qualifier(extract: Extract) -> None:
    stats = {o.evidence.exact: o for o in observations(extract(
        HEAD + "Agents seized over 22,000 pounds, nearly 73% of it pure, about 100 pill presses and 50 to 100 times more.\n"))}
    over, nearly, about, span = stats["over 22,000 pounds"], stats["nearly 73%"], stats["about 100"], stats["50 to 100 times"]
    assert (over.lower, over.lower_inclusive, over.upper) == (Decimal(22000), False, None)
    assert (nearly.lower, nearly.upper, nearly.upper_inclusive) == (None, Decimal(73), True)
    assert (about.lower, about.upper) == (Decimal(95), Decimal(105))
    assert (span.lower, span.upper, span.value) == (Decimal(50), Decimal(100), Decimal(50))


def test_statistic_in_a_marked_sentence_cites_the_footnote(extract: Extract) -> None:
    r = extract(HEAD + "The agency seized 9,000 pounds of fentanyl in FY2030.¹\n\n"
                "¹ Example Agency, *Seizure Statistics FY2030* (Oct. 1, 2030), https://example.gov/stats.\n")
    (seized,) = observations(r)
    assert seized.evidence.cites == (1,)
    assert r.notes[1].work  # the claim writer links the observation to this work (fx:citesSource)


def test_a_document_without_a_date_still_states_fiscal_years(extract: Extract) -> None:
    r = extract("Example Institute\n\nSo far in FY2031, agents seized 3,000 pounds of fentanyl in FY2030 terms.\n")
    (seized,) = observations(r)
    assert local(seized.period) == "period-us-fy2030"  # "so far" needs the document's date to end the interval


def test_every_qualifier_cue_of_the_vocabulary_is_read() -> None:
    vocab = Graph().parse(ROOT / "ontology" / "vocab.ttl", format="turtle")
    for concept in vocab.subjects(SKOS.inScheme, FXV["value-qualifiers"]):
        slug = local(concept)[len("qual-"):]
        for label in vocab.objects(concept, SKOS.hiddenLabel):
            if slug != "range":  # "between … and …" is a range, read as one
                assert QUALIFIERS.get(str(label)) == slug, (str(label), slug)


def test_find_quantities_is_a_pure_text_function() -> None:
    found = list(find_quantities("They seized over 1,000 pounds and 3 kilograms."))
    assert [(q.value, local(q.unit)) for q in found] == [(Decimal(1000), "LB"), (Decimal(3), "KiloGM")]
