"""Inspecting a SPARQL request before it runs: its form, and anything that would make the server fetch a URL.

A public endpoint must never be a proxy (issue 4): `SERVICE` would make Oxigraph call any address, and
rdflib-based tools fetch `FROM <url>`. Instead of parsing (rdflib's parser costs milliseconds per query, more
than most queries take), one lexer pass splits the text into the tokens that can hide keywords — comments,
strings, IRIs — and everything else; keywords are only looked for in the rest. The token rules are the
SPARQL 1.1 grammar's (IRIREF, STRING_LITERAL*, comments), so the lexer and Oxigraph's parser agree on what
is a keyword; when in doubt the lexer refuses rather than lets through.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

# One alternation, tried left to right at each position, as the SPARQL grammar's terminals are.
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\r\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
    | (?P<pname>(?:[^\W\d][\w.\-]*)?:(?:[\w:%\\.\-]*[\w:%\-])?)
    | (?P<word>[^\W\d]\w*)
    | (?P<brace>[{}])
    """,
    re.VERBOSE | re.DOTALL,
)

FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
# Functions whose value changes from one call to the next: such results must not be cached.
VOLATILE = {"NOW", "RAND", "UUID", "STRUUID", "BNODE"}


# Oxigraph parses recursively: a few thousand nested groups, brackets or `!` overflow its stack and kill the
# process (SIGSEGV) instead of raising (issue 6, found by fuzzing). No real query nests this deep.
MAX_NESTING = 200
_NESTING = re.compile(r"[{}()]|!(?:\s*!)*")


class Refused(ValueError):
    """The request asks for something this endpoint does not do (the message says what and why)."""


@dataclass(frozen=True, slots=True)
class Inspection:
    """What the lexer found: the query form, the graphs the query names itself, and if it may be cached."""

    form: str | None  # SELECT, ASK, CONSTRUCT, DESCRIBE; None if the text starts with no form keyword
    from_graphs: tuple[str, ...]
    from_named: tuple[str, ...]
    cacheable: bool

    @property
    def has_dataset(self) -> bool:
        return bool(self.from_graphs or self.from_named)


def check_nesting(text: str) -> None:
    """Refuse a request nested deeper than MAX_NESTING (brackets and `!` in code, not in strings or IRIs)."""
    if text.count("{") + text.count("(") + text.count("!") <= MAX_NESTING:  # the hot path: counted in C
        return
    code = _TOKEN.sub(lambda m: " " if m.lastgroup in ("comment", "string", "iri") else m.group(), text)
    depth = deepest = 0
    for match in _NESTING.finditer(code):
        mark = match.group()
        if mark in "{(":
            depth += 1
        elif mark in "})":
            depth -= 1
        deepest = max(deepest, depth + mark.count("!"))
    if deepest > MAX_NESTING:
        raise Refused(f"the request nests {deepest} levels deep; at most {MAX_NESTING} are allowed")


def inspect_query(text: str) -> Inspection:
    """Tokenize `text` once; refuse SERVICE and updates; collect FROM / FROM NAMED IRIs (resolved)."""
    check_nesting(text)
    prefixes: dict[str, str] = {}
    base = ""
    form: str | None = None
    from_graphs: list[str] = []
    from_named: list[str] = []
    cacheable = True
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(text) if m.lastgroup not in ("comment", "string")]
    for i, (kind, value) in enumerate(tokens):
        if kind != "word":
            continue
        word = value.upper()
        nxt = tokens[i + 1] if i + 1 < len(tokens) else (None, "")
        if word == "SERVICE":
            raise Refused("SERVICE is not allowed: this endpoint never sends requests to other servers (federated queries are disabled)")
        if form is None and word in UPDATES:
            raise Refused(f"{word} is SPARQL Update: this endpoint is read-only at /sparql (see /sparql/update)")
        if form is None and word in FORMS:
            form = word
        elif word == "PREFIX" and nxt[0] == "pname" and i + 2 < len(tokens) and tokens[i + 2][0] == "iri":
            prefixes[nxt[1][:-1] if nxt[1].endswith(":") else nxt[1]] = urljoin(base, tokens[i + 2][1][1:-1])
        elif word == "BASE" and nxt[0] == "iri":
            base = urljoin(base, nxt[1][1:-1])
        elif word == "FROM":
            named = nxt[0] == "word" and nxt[1].upper() == "NAMED"
            target = tokens[i + 2] if named and i + 2 < len(tokens) else nxt
            (from_named if named else from_graphs).append(_resolve(target, prefixes, base))
        elif word in VOLATILE:
            cacheable = False
    return Inspection(form, tuple(from_graphs), tuple(from_named), cacheable)


def _resolve(token: tuple[str | None, str], prefixes: dict[str, str], base: str) -> str:
    kind, value = token
    if kind == "iri":
        return urljoin(base, value[1:-1])
    if kind == "pname":
        prefix, _, local = value.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    raise Refused(f"FROM must be followed by an IRI, not {value!r}")


def inspect_update(text: str) -> None:
    """Refuse the parts of an update that would fetch a URL (LOAD, SERVICE in a WHERE), and deep nesting."""
    check_nesting(text)
    for match in _TOKEN.finditer(text):
        if match.lastgroup == "word" and match.group().upper() in ("LOAD", "SERVICE"):
            raise Refused(f"{match.group().upper()} is not allowed: this endpoint never fetches data from other servers")


def check_local(inspection: Inspection, graphs: frozenset[str]) -> None:
    """FROM / FROM NAMED may only name graphs this store holds: nothing is ever fetched to fill them."""
    for iri in (*inspection.from_graphs, *inspection.from_named):
        if iri not in graphs:
            raise Refused(f"FROM <{iri}>: no such graph in this store, and this endpoint never fetches remote data; "
                          "list the graphs with SELECT DISTINCT ?g { GRAPH ?g {} }")


def apply_using(text: str, using: list[str], using_named: list[str]) -> str:
    """The protocol's using-graph-uri / using-named-graph-uri as USING clauses of every DELETE/INSERT … WHERE.

    SPARQL 1.1 Protocol 2.2.3: these parameters set the dataset of each operation's WHERE, and conflict with
    USING or WITH written in the update (400). pyoxigraph takes no such dataset, so the clauses are written in.
    """
    if not (using or using_named):
        return text
    clauses = "".join(f"USING <{g}> " for g in using) + "".join(f"USING NAMED <{g}> " for g in using_named)
    depth, previous, cut = 0, "", []
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        if kind == "brace":
            depth += 1 if value == "{" else -1
        if kind in ("comment", "string"):
            continue
        word = value.upper() if kind == "word" else ""
        if word in ("USING", "WITH"):
            raise Refused(f"using-graph-uri / using-named-graph-uri cannot be combined with {word} in the update")
        if word == "WHERE" and depth == 0 and previous != "DELETE":
            cut.append(match.start())
        previous = word
    out, last = [], 0
    for pos in cut:
        out += [text[last:pos], clauses]
        last = pos
    return "".join(out) + text[last:]
