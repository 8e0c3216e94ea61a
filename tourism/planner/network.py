"""Every base and every place of the catalogue in one travel matrix per mode, computed once per process.

A plan reads its legs from here, so the expensive part of the travel model (estuary crossings, the
rail chain, the shortest-path closure) is paid once, not per request.
"""

from dataclasses import dataclass
from functools import lru_cache

from tourism.planner import catalogue, travel


@dataclass(frozen=True)
class Network:
    nodes: tuple[str, ...]  # "base:<id>" for bases, then place ids
    index: dict
    legs: tuple

    def leg(self, a: str, b: str) -> travel.Leg:
        return self.legs[self.index[a]][self.index[b]]

    def minutes(self, a: str, b: str) -> int:
        return self.legs[self.index[a]][self.index[b]].minutes


def base_node(base_id: str) -> str:
    return f"base:{base_id}"


@lru_cache(maxsize=2)
def network(mode: str) -> Network:
    bases = list(catalogue.bases().values())
    pois = list(catalogue.pois().values())
    nodes = tuple([base_node(b.id) for b in bases] + [p.id for p in pois])
    places = tuple([travel.Place(b.lat, b.lon, b.city) for b in bases] + [travel.Place(p.lat, p.lon, p.city)
                                                                          for p in pois])
    return Network(nodes, {node: i for i, node in enumerate(nodes)}, travel.matrix(places, mode))
