"""Cross-document checks on a loaded store: the shapes of derived conflicts and truthy facts, and OWL.

Per-document shapes run in the pipeline's batches; what spans documents (conflicts between
claims of different documents, functional facts, entity types against the ontology) is checked
here on a graph pulled from the store, which stays small: it holds no claims or evidence.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .derive import to_rdflib
from .namespaces import GRAPHS
from .validate import Result, load_shapes, owl_check, shacl
from .vocab import FX

CROSS_SHAPES = ("conflicts.ttl", "facts.ttl")  # the shape files about what spans documents

# The derived and facts graphs, with the types and indicators of the claims conflicts point at (the conflict
# shapes check them). The claims' triples come from their own branch, joined on a bound ?claim: as an OPTIONAL
# after the derived triples, every row without a conflicting claim matched every typed node of the claims
# graph, which made this step grow with derived × claims (issue 7: 4.9 s at 60k quads, 24 s at 230k; now linear).
_CROSS = f"""
CONSTRUCT {{ ?s ?p ?o . ?claim a ?type ; <{FX.indicator}> ?indicator }} WHERE {{
  {{ GRAPH <{GRAPHS['derived']}> {{ ?s ?p ?o }} }}
  UNION {{ GRAPH <{GRAPHS['derived']}> {{ ?conflict <{FX.conflictingClaim}> ?claim }}
           GRAPH <{GRAPHS['claims']}> {{ ?claim a ?type OPTIONAL {{ ?claim <{FX.indicator}> ?indicator }} }} }}
  UNION {{ GRAPH <{GRAPHS['facts']}> {{ ?s ?p ?o }} }}
}}"""


def graph_of(store: ox.Store, construct: str) -> Graph:
    g = Graph()
    for t in store.query(construct):
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


def named_graph(store: ox.Store, name: str) -> Graph:
    return graph_of(store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{GRAPHS[name]}> {{ ?s ?p ?o }} }}")


def cross_check(store: ox.Store, shapes_dir: Path, owl: bool = True) -> tuple[tuple[Result, ...], bool | None, str]:
    """SHACL over derived + facts (with ontology and vocab), then HermiT over ontology + entities + facts."""
    schema = named_graph(store, "ontology") + named_graph(store, "vocab")
    data = graph_of(store, _CROSS) + schema
    _conforms, results, _graph = shacl(data, load_shapes(shapes_dir, CROSS_SHAPES))
    if not owl:
        return results, None, "skipped"
    consistent, message = owl_check(named_graph(store, "ontology") + named_graph(store, "entities") + named_graph(store, "facts"))
    return results, consistent, message
