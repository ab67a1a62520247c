"""Charts as inline SVG geometry, computed on the server so they show without JavaScript.

Templates draw the shapes (`_bars.html`); this module only places them. Conflicting figures
carry `conflict=True`, and the template marks them with a hatch pattern and a warning sign.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ROW = 26  # px per bar
LABEL_WIDTH = 270  # px for the bar labels on the left
VALUE_WIDTH = 120  # px for the value text right of the longest bar


@dataclass(slots=True)
class Bar:
    """One bar: a stated figure (or a count), where it links to, and whether it is disputed."""

    label: str
    value: float
    text: str
    href: str | None = None
    conflict: bool = False
    note: str = ""
    # placed by `bar_chart`
    y: float = 0.0
    width: float = 0.0


@dataclass(slots=True)
class BarChart:
    """A horizontal bar chart ready to draw."""

    title: str
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    left: int = LABEL_WIDTH
    bar_height: int = ROW - 8

    @property
    def plot_width(self) -> int:
        return self.width - self.left - VALUE_WIDTH


def _nice_ticks(top: float) -> list[float]:
    """Three or four round tick values from 0 to at least `top`."""
    if top <= 0:
        return [0.0]
    step = 10 ** (len(str(int(top))) - 1) if top >= 1 else 0.1
    while top / step > 4:
        step *= 2 if str(step).lstrip("0.").startswith("1") else 2.5
    ticks, value = [], 0.0
    while value <= top * 1.0001:
        ticks.append(value)
        value += step
    return ticks


def _tick_text(value: float) -> str:
    for size, suffix in ((1e9, " bn"), (1e6, " m"), (1e3, " k")):
        if value >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


def bar_chart(title: str, bars: list[Bar], width: int = 760) -> BarChart:
    """Place `bars` (one row each) on a linear scale from zero to the largest value."""
    top = max([b.value for b in bars] + [0.0])
    chart = BarChart(title, width, ROW * len(bars) + 34, bars)
    scale = chart.plot_width / top if top > 0 else 0.0
    for i, bar in enumerate(bars):
        bar.y = 6 + i * ROW
        bar.width = max(1.0, bar.value * scale) if bar.value > 0 else 0.0
    chart.ticks = [(chart.left + t * scale, _tick_text(t)) for t in _nice_ticks(top)] if top > 0 else []
    return chart
