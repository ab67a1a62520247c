"""The network view: entities and the relations the documents state between them (suppliers →
cartels → markets), each edge linked to its claims (issue 5). Drawn as server-side SVG."""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from . import Site
from .claims import ClaimView, load_claims
from .index import superclasses

# Only actors, substances and places are nodes (suppliers → cartels → markets): designations, agreements
# and recommendations have pages and a timeline of their own, and would bury the actors here.
FX = "https://w3id.org/fentkg/ontology#"
NODE_CLASSES = {FX + name for name in ("Actor", "ChemicalSubstance", "SubstanceClass", "Place")}

# Relation claims: both ends are entities of ours; document-level predicates are not relations.
_SELECTION = """
?claim a fx:TripleClaim ; rdf:subject ?rs ; rdf:predicate ?rp ; rdf:object ?ro .
FILTER(isIRI(?ro) && STRSTARTS(STR(?ro), STR(fxd:)) && ?rp NOT IN (fx:mentions, dcterms:references, rdf:type))
FILTER NOT EXISTS { VALUES ?skip { fx:SourceDocument fx:CitedWork time:ProperInterval time:Instant } { ?rs a ?skip } UNION { ?ro a ?skip } }"""
_TYPES = "SELECT ?e ?type WHERE { VALUES ?e { %s } ?e a ?type }"
WIDTH, HEIGHT = 1100, 760  # px, the box the layout fits in (labels need room on the right)
GRAVITY = 0.3


@dataclass(slots=True)
class Node:
    iri: str
    label: str
    group: str
    x: float = 0.0
    y: float = 0.0
    degree: int = 0


@dataclass(slots=True)
class Edge:
    source: Node
    target: Node
    predicate: str
    label: str
    claims: list[ClaimView] = field(default_factory=list)


@dataclass(slots=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]
    groups: list[str]
    width: int = WIDTH
    height: int = HEIGHT


def _layout(nodes: list[Node], edges: list[Edge], iterations: int = 200) -> None:
    """Fruchterman–Reingold with a fixed seed: the same graph always gets the same picture."""
    rng = random.Random(5)
    n = len(nodes)
    if n == 0:
        return
    k = 1.4 * math.sqrt(WIDTH * HEIGHT / n)
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / n
        node.x, node.y = math.cos(angle) * WIDTH / 3 + rng.random(), math.sin(angle) * HEIGHT / 3 + rng.random()
    index = {id(node): i for i, node in enumerate(nodes)}
    temperature = WIDTH / 8
    for _ in range(iterations):
        dx = [0.0] * n
        dy = [0.0] * n
        for i in range(n):
            a = nodes[i]
            for j in range(i + 1, n):
                b = nodes[j]
                ddx, ddy = a.x - b.x, a.y - b.y
                dist = math.hypot(ddx, ddy) or 0.01
                force = k * k / dist
                dx[i] += ddx / dist * force
                dy[i] += ddy / dist * force
                dx[j] -= ddx / dist * force
                dy[j] -= ddy / dist * force
        for e in edges:
            i, j = index[id(e.source)], index[id(e.target)]
            ddx, ddy = nodes[i].x - nodes[j].x, nodes[i].y - nodes[j].y
            dist = math.hypot(ddx, ddy) or 0.01
            force = dist * dist / k
            dx[i] -= ddx / dist * force
            dy[i] -= ddy / dist * force
            dx[j] += ddx / dist * force
            dy[j] += ddy / dist * force
        for i, node in enumerate(nodes):
            dx[i] -= GRAVITY * node.x  # keeps separate clusters near the middle instead of at the edges
            dy[i] -= GRAVITY * node.y
            length = math.hypot(dx[i], dy[i]) or 0.01
            node.x += dx[i] / length * min(length, temperature)
            node.y += dy[i] / length * min(length, temperature)
        temperature *= 0.95
    xs, ys = [nd.x for nd in nodes], [nd.y for nd in nodes]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    for node in nodes:  # stretch into the box, with a margin for the labels
        node.x = 30 + (node.x - min(xs)) / span_x * (WIDTH - 230)
        node.y = 30 + (node.y - min(ys)) / span_y * (HEIGHT - 60)


def _group(site: Site, types: set[str], supers: dict[str, set[str]]) -> str:
    """The label of the most specific of an entity's classes (its colour in the picture)."""
    specific = [t for t in types if not any(t in supers.get(o, ()) for o in types if o != t)]
    return min(site.label(t) for t in specific or types)


def network(site: Site) -> Network:
    """Every relation claim between two entities, merged into one edge per (subject, property, object)."""

    def compute() -> Network:
        candidates = load_claims(site, _SELECTION, with_snippets=False)
        ends = sorted({c.subject.value for c in candidates if c.subject} | {c.object.value for c in candidates if c.object})
        types: dict[str, set[str]] = {}
        if ends:
            for row in site.rows(_TYPES % " ".join(f"<{e}>" for e in ends)):
                if row["e"] and row["type"]:
                    types.setdefault(row["e"].value, set()).add(row["type"].value)
        supers = superclasses(site)
        keep = {e for e, ts in types.items() if any(t in NODE_CLASSES or NODE_CLASSES & supers.get(t, set()) for t in ts)}
        claims = [c for c in candidates if c.subject and c.object and c.subject.value in keep and c.object.value in keep]
        used = sorted({c.subject.value for c in claims if c.subject} | {c.object.value for c in claims if c.object})
        nodes = {e: Node(e, site.label(e), _group(site, types[e], supers)) for e in used}
        edges: dict[tuple[str, str, str], Edge] = {}
        for c in claims:
            if c.subject is None or c.object is None or c.predicate is None:
                continue
            key = (c.subject.value, c.predicate, c.object.value)
            if key not in edges:
                edges[key] = Edge(nodes[key[0]], nodes[key[2]], c.predicate, site.label(c.predicate))
            edges[key].claims.append(c)
        for e in edges.values():
            e.source.degree += 1
            e.target.degree += 1
        ordered = sorted(nodes.values(), key=lambda nd: nd.iri)
        _layout(ordered, list(edges.values()))
        return Network(ordered, sorted(edges.values(), key=lambda e: (e.source.label, e.label, e.target.label)),
                       sorted({nd.group for nd in ordered}))

    return site.cached("network", compute)
