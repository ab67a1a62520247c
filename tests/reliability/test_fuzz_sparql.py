"""Fuzzing /sparql with 10,000 generated requests against a live server (issue 6).

Hypothesis draws batches of requests — catalog queries, mutated catalog queries, random text and bytes,
huge literals, deep nesting, odd encodings, duplicated parameters, wrong methods, odd Accept headers — and
a thread pool sends each batch. Every answer must be below 500 (the deadline's 503 aside: a mutated query
may become a cross product), and every 4xx must say what was wrong.
"""
from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.conftest import Server

ROOT = Path(__file__).resolve().parents[2]
CATALOG = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "queries").glob("*.rq"))]
BATCH, BATCHES = 100, 100  # 10,000 requests
TRIED: Counter[str] = Counter()  # status classes seen, for the report in docs/reliability.md


class Req:
    """One generated request (a plain class: Hypothesis prints a failing batch with this short repr)."""

    def __init__(self, method: str, params: list[tuple[str, str]], body: bytes | None, headers: dict[str, str]) -> None:
        self.method, self.params, self.body, self.headers = method, params, body, headers

    def __repr__(self) -> str:  # short: a batch holds megabyte-long queries
        return f"Req({self.method} {[(k, v[:60]) for k, v in self.params]!r:.120} {(self.body or b'')[:60]!r})"


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A catalog query with a slice deleted, duplicated or replaced by random text."""
    text = draw(st.sampled_from(CATALOG))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 200)))
    how = draw(st.sampled_from(["delete", "duplicate", "replace", "truncate"]))
    if how == "delete":
        return text[:start] + text[end:]
    if how == "duplicate":
        return text[:end] + text[start:end] + text[end:]
    if how == "truncate":
        return text[:start]
    return text[:start] + draw(st.text(max_size=40)) + text[end:]


def nested(depth: int, kind: str) -> str:
    if kind == "braces":
        return "SELECT * WHERE " + "{ " * depth + "?s ?p ?o" + " }" * depth
    if kind == "parens":
        return "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * depth + "?o" + ")" * depth + ") }"
    if kind == "optional":
        return "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * depth + "}" * depth + " }"
    return "SELECT * WHERE { ?s ?p ?o FILTER(" + "!" * depth + "BOUND(?o)) }"


QUERIES = st.one_of(
    st.sampled_from(CATALOG),
    mutated(),
    st.text(max_size=300),
    st.builds(lambda n: 'SELECT * WHERE { ?s ?p "' + "a" * n + '" } LIMIT 1', st.integers(1000, 1_200_000)),
    st.builds(nested, st.integers(1, 20000), st.sampled_from(["braces", "parens", "optional", "not"])),
    st.sampled_from(["", " ", "ASK {}", "SELECT", "ASK { ?s ?p ?o } LIMIT -1", "SELECT * { ?s ?p ?o } OFFSET 99999999999999999999",
                     "SELECT (1/0 AS ?x) {}", "ASK { FILTER(REGEX('a', '(((((a*)*)*)*)*b')) }", "DESCRIBE *", "CONSTRUCT {} WHERE {}",
                     "SELECT * { <\u0000> ?p ?o }", "SELECT * { ?s ?p '\ud7ff\ue000\U0010ffff' }", "PREFIX : <> SELECT * { :a :b :c }"]),
)
BYTES = st.one_of(st.binary(max_size=300), QUERIES.map(lambda q: q.encode("utf-16")),
                  QUERIES.map(lambda q: q.encode("latin-1", errors="replace")), st.just(b"\xff\xfe\x00"), st.just(b"\xc3\x28"))
PARAM_VALUES = st.one_of(st.text(max_size=30), st.sampled_from(["http://127.0.0.1/", "file:///etc/passwd", "0", "-1", "nan",
                                                               "inf", "1e-300", "json", "xml", "ttl", "\u0000", "%00"]))
ACCEPT = st.sampled_from(["", "*/*", "application/sparql-results+json", "text/csv", "text/turtle", "application/xml",
                          "text/html", "text/plain", "image/png", "application/json;q=0", "*/*;q=bogus", ";;;,,,",
                          "text/csv, application/n-quads;q=0.5", "x" * 3000])


@st.composite
def request(draw: st.DrawFn) -> Req:
    method = draw(st.sampled_from(["GET", "GET", "POST-form", "POST-direct", "POST-bytes", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]))
    extra = draw(st.lists(st.tuples(st.sampled_from(["default-graph-uri", "named-graph-uri", "timeout", "format", "query", "update",
                                                     "x", ""]), PARAM_VALUES), max_size=3))
    headers = {"Accept": draw(ACCEPT), "X-Query-Timeout": "2"}
    if draw(st.booleans()):
        headers["Cache-Control"] = "no-cache"
    query = draw(QUERIES)
    if method == "POST-form":
        return Req("POST", extra, f"query={requests.utils.quote(query)}".encode(),
                   {**headers, "Content-Type": draw(st.sampled_from(["application/x-www-form-urlencoded",
                                                                     "application/x-www-form-urlencoded; charset=latin-1"]))})
    if method == "POST-direct":
        charset = draw(st.sampled_from(["", "; charset=utf-8", "; charset=utf-16", "; charset=bogus"]))
        return Req("POST", extra, query.encode("utf-8", errors="surrogatepass"), {**headers, "Content-Type": "application/sparql-query" + charset})
    if method == "POST-bytes":
        content_type = draw(st.sampled_from(["application/sparql-query", "application/x-www-form-urlencoded", "text/plain", "",
                                             "multipart/form-data; boundary=x", "application/json"]))
        return Req("POST", extra, draw(BYTES), {**headers, "Content-Type": content_type})
    return Req(method, [("query", query), *extra], None, headers)


def send(session: requests.Session, server: Server, req: Req) -> str | None:
    """Send one request; the problem with its answer, or None."""
    try:
        response = session.request(req.method, server.sparql, params=req.params, data=req.body, headers=req.headers, timeout=60)
    except requests.ConnectionError as exc:
        return f"connection error: {exc}"
    status, text = response.status_code, response.text
    TRIED[f"{status // 100}xx"] += 1
    if status >= 500 and not (status == 503 and "deadline" in text):
        return f"{status}: {text[:300]}"
    if 400 <= status < 500 and req.method != "HEAD" and len(text.strip()) < 10:
        return f"{status} without a message: {text!r}"
    return None


@given(batch=st.lists(request(), min_size=BATCH, max_size=BATCH))
@settings(max_examples=BATCHES, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
def test_fuzzed_requests_get_4xx_with_a_message_never_5xx(rel_server: Server, batch: list[Req]) -> None:
    local = threading.local()

    def one(req: Req) -> str | None:
        if not hasattr(local, "session"):
            local.session = requests.Session()
        return send(local.session, rel_server, req)

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(one, batch))
    bad = [(req, problem) for req, problem in zip(batch, answers) if problem]
    assert not bad, (len(bad), [(problem, req.params[:1], (req.body or b"")[:300], req.headers) for req, problem in bad[:3]])
    assert requests.get(rel_server.url + "/-/health", timeout=30).status_code == 200


def test_the_fuzzer_sent_ten_thousand_requests() -> None:
    """Runs after the fuzzer (file order): it really sent them, and they were not all refused one way."""
    assert sum(TRIED.values()) >= BATCH * BATCHES, TRIED
    assert TRIED["2xx"] > 500 and TRIED["4xx"] > 500, TRIED
