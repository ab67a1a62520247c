"""Reading a SPARQL 1.1 Protocol query request: GET, POST form, POST direct — strictly (issue 4).

Anything the protocol does not allow is a 400 with a message saying what was wrong: a repeated or
missing `query`, a POST without a known Content-Type, a body or URL that is not UTF-8.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from flask import Request, abort

UPDATE_OFF = ("SPARQL Update is disabled: /sparql is read-only. An operator can enable updates on /sparql/update "
              "by setting FENTKG_UPDATE_TOKEN; they then need the header 'Authorization: Bearer <token>'.")
UPDATE_ELSEWHERE = "/sparql is read-only: send SPARQL Update to /sparql/update with 'Authorization: Bearer <token>'."


@dataclass(frozen=True, slots=True)
class Operation:
    """One query request: the query, the dataset the protocol names (None = not named), the client's wishes."""

    query: str
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    timeout: float | None
    format: str | None


def parse_params(raw: bytes, where: str) -> list[tuple[str, str]]:
    """`application/x-www-form-urlencoded` pairs, refusing bytes that are not UTF-8."""
    try:
        return parse_qsl(raw.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        abort(400, f"the {where} is not UTF-8")


def read_operation(req: Request, max_bytes: int, updates_enabled: bool) -> Operation | None:
    """The query operation of `req`, or None for a bare GET (which gets the service description)."""
    if len(req.query_string) > max_bytes:
        abort(414, f"the URL is longer than {max_bytes} bytes: POST long queries as application/sparql-query")
    params = parse_params(req.query_string, "URL")
    if req.method == "POST":
        mimetype = req.mimetype
        if mimetype == "application/x-www-form-urlencoded":
            params += parse_params(req.get_data(cache=False), "request body")
        elif mimetype == "application/sparql-query":
            params.append(("query", _utf8_body(req)))
            if sum(1 for k, _ in params if k == "query") > 1:
                abort(400, "a direct POST carries the query in its body, not also in the URL")
        elif mimetype == "application/sparql-update":
            abort(403, UPDATE_ELSEWHERE if updates_enabled else UPDATE_OFF)
        else:
            abort(400, f"POST needs Content-Type application/x-www-form-urlencoded or application/sparql-query, "
                       f"not {mimetype or 'none'}")
    keys = [k for k, _ in params]
    if "update" in keys:
        abort(403, UPDATE_ELSEWHERE if updates_enabled else UPDATE_OFF)
    queries = [v for k, v in params if k == "query"]
    if not queries:
        if req.method == "GET":
            return None
        abort(400, "the request has no query parameter")
    if len(queries) > 1:
        abort(400, f"exactly one query is allowed, got {len(queries)}")
    default = tuple(v for k, v in params if k == "default-graph-uri")
    named = tuple(v for k, v in params if k == "named-graph-uri")
    formats = [v for k, v in params if k == "format"]
    return Operation(
        query=queries[0],
        default_graphs=default or None,
        named_graphs=named or None,
        timeout=_timeout([v for k, v in params if k == "timeout"] or [req.headers.get("X-Query-Timeout", "")]),
        format=formats[-1] if formats else None,
    )


def _utf8_body(req: Request) -> str:
    charset = req.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        abort(400, f"the query must be sent as UTF-8, not {charset}")
    try:
        return req.get_data(cache=False).decode("utf-8")
    except UnicodeDecodeError as exc:
        abort(400, f"the request body is not UTF-8 ({exc.reason} at byte {exc.start})")


MIN_TIMEOUT = 0.1  # seconds


def _timeout(values: list[str]) -> float | None:
    raw = values[-1].strip() if values else ""
    if not raw:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        abort(400, f"timeout must be a number of seconds, not {raw!r}")
    if not seconds > 0:
        abort(400, f"timeout must be more than 0 seconds, not {raw!r}")
    # A floor: every query that runs past its deadline costs a query process restart, so a client must not
    # be able to ask for that with every request (issue 6).
    return max(seconds, MIN_TIMEOUT)
