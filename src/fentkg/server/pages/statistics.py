"""The statistics page: every stated figure by indicator, with period and source, and a chart
per indicator in which conflicting figures are marked (issue 5)."""
from __future__ import annotations

from dataclasses import dataclass

from . import Site
from .charts import Bar, BarChart, bar_chart
from .claims import ClaimView, load_claims
from .terms import Term, format_number

# How a QUDT unit is written next to a number; other units show their label or local name.
_UNIT_SYMBOLS = {"PERCENT": ("", "%"), "CCY_USD": ("$", ""), "LB": ("", " lb"), "KiloGM": ("", " kg"),
                 "GM": ("", " g"), "NUM": ("", ""), "TeraBYTE": ("", " TB"), "TB": ("", " TB"), "UNITLESS": ("", "×")}
EXACT = "https://w3id.org/fentkg/vocab/qual-exact"


@dataclass(slots=True)
class IndicatorGroup:
    """The figures stated for one indicator in one unit."""

    indicator: str
    label: str
    unit: str
    figures: list[ClaimView]
    chart: BarChart

    @property
    def anchor(self) -> str:
        return "ind-" + self.indicator.rsplit("/", 1)[-1] + "-" + self.unit.rsplit("/", 1)[-1]

    @property
    def unit_label(self) -> str:
        return unit_name(self.unit)

    @property
    def conflicts(self) -> int:
        return sum(1 for f in self.figures if is_conflicting(f))


def unit_text(unit: Term | None, number: str) -> str:
    """"$133,000,000", "73%", "22,000 lb"."""
    if unit is None:
        return number
    before, after = _UNIT_SYMBOLS.get(unit.value.rsplit("/", 1)[-1], ("", " " + unit.value.rsplit("/", 1)[-1]))
    return f"{before}{number}{after}"


def figure_text(site: Site, claim: ClaimView) -> str:
    """A figure as stated: qualifier, value and unit ("more than 1,200,000")."""
    obs = claim.observation
    text = unit_text(obs.get("unit"), claim.value_text)
    qualifier = obs.get("qualifier")
    if qualifier is not None and qualifier.value != EXACT:
        text = f"{site.label(qualifier)} {text}"
    return text


def bar_label(site: Site, claim: ClaimView) -> str:
    """"FY 2022 · Realuyo 2024": the period and who stated the figure when, short enough for a chart."""
    period = site.label(claim.observation.get("period"))
    doc = claim.document
    who = doc.authors[0].split()[-1] if doc.authors else doc.title.split()[0]
    if len(doc.authors) > 1:
        who += " et al."
    text = f"{period} · {who} {(doc.date or '')[:4]}".strip()
    return text if len(text) <= 44 else text[:43] + "…"


def unit_name(unit: str) -> str:
    """The unit as a heading shows it: "%", "US$", "lb", "count"."""
    name = unit.rsplit("/", 1)[-1]
    return {"NUM": "count", "CCY_USD": "US$", "PERCENT": "%", "LB": "lb", "KiloGM": "kg", "GM": "g",
            "TeraBYTE": "TB", "UNITLESS": "ratio"}.get(name, name)


def is_conflicting(claim: ClaimView) -> bool:
    """True when a recorded conflict with the verdict "conflict" involves the claim."""
    return any(c.verdict and c.verdict.endswith("verdict-conflict") for c in claim.conflicts)


def statistics_page(site: Site, href: "HrefFor") -> list[IndicatorGroup]:
    """Figures grouped by indicator and unit, each group with its bar chart."""

    def compute() -> list[IndicatorGroup]:
        claims = load_claims(site, "?claim a fx:StatisticalObservation")
        groups: dict[tuple[str, str], list[ClaimView]] = {}
        for claim in claims:
            indicator, measure = claim.observation.get("indicator"), claim.observation.get("unit")
            groups.setdefault((indicator.value if indicator else "", measure.value if measure else ""), []).append(claim)
        result = []
        for (ind, unit), figures in groups.items():
            bars = []
            for f in figures:
                value = f.observation["value"].number() if f.observation.get("value") else None  # type: ignore[union-attr]
                bars.append(Bar(bar_label(site, f), float(value or 0), figure_text(site, f), href(f), is_conflicting(f)))
            label = site.label(ind)
            result.append(IndicatorGroup(ind, label, unit, figures, bar_chart(label, bars)))
        return sorted(result, key=lambda g: (-len(g.figures), g.label))

    return site.cached("statistics", compute)


class HrefFor:
    """Where a figure's bar links to: the highlighted span on its document page."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def __call__(self, claim: ClaimView) -> str | None:
        doc = self.site.href(claim.document.iri)
        if doc is None or not claim.quotes:
            return doc
        return f"{doc}#{claim.quotes[0].anchor}"


__all__ = ["IndicatorGroup", "HrefFor", "statistics_page", "figure_text", "unit_text", "format_number"]
