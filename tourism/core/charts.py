"""Server-drawn SVG charts for the dashboards: geometry computed here, drawn by the template."""

from dataclasses import dataclass

BAR_WIDTH = 14
GAP = 4
HEIGHT = 60


@dataclass(frozen=True)
class Bar:
    x: int
    y: float
    height: float
    label: str
    value: int


@dataclass(frozen=True)
class SmallMultiple:
    title: str
    bars: list[Bar]
    width: int
    height: int
    total: int


def small_multiples(series: dict[str, dict[str, int]], keys: list[str], titles: dict[str, str]) -> list[SmallMultiple]:
    """One small bar chart per series (e.g. per city), all on the same scale so they compare at a glance."""
    peak = max([1] + [value for values in series.values() for value in values.values()])
    charts = []
    for name, values in sorted(series.items(), key=lambda item: -sum(item[1].values())):
        bars = []
        for index, key in enumerate(keys):
            value = values.get(key, 0)
            height = HEIGHT * value / peak
            bars.append(Bar(index * (BAR_WIDTH + GAP), HEIGHT - height, height, key, value))
        charts.append(SmallMultiple(titles.get(name, name), bars, len(keys) * (BAR_WIDTH + GAP), HEIGHT,
                                    sum(values.values())))
    return charts
