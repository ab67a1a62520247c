"""Bibliography: one citation as written → author, title, publisher, date (pure text, no RDF).

Styles met in policy documents:
- Bluebook-like: "Author, *Title*, Publisher (last updated June 6, 2022), https://…" or
  "Title, Publisher (Sept. 27, 2022), https://…" or "Publisher, Title (Jan. 2020), available at https://…";
- Chicago-like: "Author, “Title,” *Periodical*, November 7, 2023, <https://…>" or
  "Publisher, Title, February 20, 2024, <https://…>";
- APA: "Ahmad, F.B., and Sutton, P. (2023). *Title*. Publisher. <https://…>".
Access dates ("last visited …", "accessed …") are not the work's date. `is_org` tells whether a
name is an organisation (the caller asks the alias table).
Example: "Example Agency, *Annual Drug Report 2031*, p. 4 (May 3, 2032), https://example.gov/r.pdf."
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS.update({"sept": 9, "julv": 7})  # "Julv": a text-extraction misreading of "July"
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:19|20)\d\d"
_ACCESS = re.compile(r"\b(?:last\s+visited|accessed|retrieved|visited\s+on)\b", re.IGNORECASE)
DATE = re.compile(
    rf"\b(?P<m>{_MONTH}),?\s+(?:(?P<d>\d{{1,2}})[,.]?\s+)?(?P<y>{_YEAR})\b"  # June 6, 2022 / Jan. 2020 / June, 2021
    rf"|\b(?P<y2>{_YEAR}),\s+(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})\b"  # APA: 2022, February 2
    rf"|\((?P<y3>{_YEAR})\)|^\s*(?P<y4>{_YEAR})\s*$",  # (2012)
    re.IGNORECASE,
)
URL = re.compile(r"<?\[?https?://\S+|\bavailable\s+at\b.*$|\bavailable\s*$|\*available at\*.*$", re.IGNORECASE)
# An explanatory parenthetical: '("Encrypted darknet … (B2B) platforms …")', '(noting that …)', '(emphasis added)'.
EXPLANATION = re.compile(r"\s*\((?:noting|quoting|citing|explaining|describing|emphasis|internal|[\"“])[^()]*(?:\([^()]*\)[^()]*)*\)",
                         re.IGNORECASE)
PAREN_DATE = re.compile(r"\s*\((?P<inner>[^()]*\b(?:19|20)\d\d\b[^()]*)\)")
APA = re.compile(rf"^(?P<authors>.+?)\s*\((?P<date>{_YEAR}[^)]*)\)\.\s+(?P<rest>.+)$", re.DOTALL)
ITALIC = re.compile(r"\*([^*]+)\*")
QUOTED = re.compile(r"(?:^|,\s+)[“\"]([^”\"]{4,}?)[,.]?[”\"]")  # a title in quotes stands after a comma
TRAILING_DATE = re.compile(rf",?\s*(?:{_MONTH}\s+\d{{1,2}},\s*{_YEAR}|{_MONTH}\s+{_YEAR}|{_YEAR})\s*,?\s*$", re.IGNORECASE)
PAGE = re.compile(r"^(?:pp?\.\s?\d[\d\-–]*|at\s+\d+|\d+)$")
LEAD = re.compile(r"^\W*(?:\*?see(?:\s+also)?\*?\s+|\*?cf\.\*?\s+)", re.IGNORECASE)
PERSON = re.compile(
    r"^(?:[A-Z][\w'’-]*\.?\s+){1,3}[A-Z][\w'’-]+(?:\s+et\s+al\.?)?"
    r"(?:\s*(?:,|&|and)\s*(?:[A-Z][\w'’-]*\.?\s+){1,3}[A-Z][\w'’-]+)*(?:\s+et\s+al\.?)?$"
)
_ORG_WORDS = re.compile(
    r"\b(?:Administration|Department|Dep't\.?|Service|Services|Office|Commission|Committee|Subcommittee|Center|Centers|Agency|"
    r"Bureau|Institute|Inst\.|Council|University|House|Senate|Corporation|Times|Post|News|Press|Journal|Review|Network|"
    r"Foundation|Association|Board|Ministry|Organization|Group|Forum|Coalition|Crime|Radio|Public Affairs)\b"
)


@dataclass(frozen=True, slots=True)
class Citation:
    """What one cited work's reference says about it."""

    text: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    date: str | None = None  # ISO: YYYY-MM-DD, YYYY-MM or YYYY


def iso_date(text: str) -> str | None:
    """The first publication date in `text` as ISO ("Sept. 27, 2022" → "2022-09-27"), access dates aside."""
    for m in DATE.finditer(text):
        if _ACCESS.search(text[max(0, m.start() - 25):m.start()]):
            continue
        if m["y3"] or m["y4"]:
            return m["y3"] or m["y4"]
        month = MONTHS.get((m["m"] or m["m2"]).lower().rstrip("."))
        year, day = m["y"] or m["y2"], m["d"] or m["d2"]
        if month is None:
            continue
        if day and 1 <= int(day) <= calendar.monthrange(int(year), month)[1]:
            return f"{year}-{month:02d}-{int(day):02d}"
        return f"{year}-{month:02d}"
    return None


def _clean(s: str | None) -> str | None:
    if s is None:
        return None
    s = re.sub(r"\s+", " ", s.replace("*", "")).strip(" ,.;:“”\"'‘’")
    return s or None


def _apa_date(raw: str) -> str | None:
    """'2023' → '2023'; '2022, February 2' → '2022-02-02'."""
    return iso_date(raw) or (raw[:4] if re.match(_YEAR, raw) else None)


def parse_citation(text: str, is_org: Callable[[str], bool], curated: Callable[[str], bool] | None = None) -> Citation:
    """Author, title, publisher and date of one reference (one work), as well as the text allows.

    `is_org` says whether a name is an organisation; `curated`, whether the alias table knows it.
    """
    body = LEAD.sub("", text.strip()).strip()
    apa = APA.match(body)
    if apa and not PAREN_DATE.search(apa["authors"]):
        return _parse_apa(text, apa, is_org)
    date = None
    for m in PAREN_DATE.finditer(body):
        if not _ACCESS.search(m["inner"]):
            date = iso_date(m["inner"])
            if date:
                break
    head = EXPLANATION.sub("", URL.split(body, maxsplit=1)[0])
    head = PAREN_DATE.split(head, maxsplit=1)[0] if PAREN_DATE.search(head) else head
    if date is None:
        date = iso_date(head)
    head = TRAILING_DATE.sub("", head.strip().rstrip(",")).strip()
    quoted = QUOTED.search(head)
    if quoted:
        before, after = head[:quoted.start()], head[quoted.end():]
        who = _clean(before)
        periodical = ITALIC.search(after)
        publisher = _clean(periodical.group(1)) if periodical else None
        author = who if who and not is_org(who) else None
        publisher = publisher or (who if who and is_org(who) else None)
        return Citation(text, _clean(quoted.group(1)), author, publisher, date)
    return _parse_parts(text, head, date, is_org, curated)


def _parse_apa(text: str, m: re.Match[str], is_org: Callable[[str], bool]) -> Citation:
    authors = _clean(m["authors"])
    rest = URL.split(m["rest"], maxsplit=1)[0].strip()
    italic = ITALIC.search(rest)
    title = publisher = None
    if italic and italic.start() == 0:
        title, publisher = _clean(italic.group(1)), _clean(rest[italic.end():])
    elif italic:
        title, publisher = _clean(rest[:italic.start()]), _clean(italic.group(1))
    else:
        title = _clean(rest)
    if publisher is None and authors and is_org(authors):
        publisher = authors
    author = None if authors and is_org(authors) else authors
    return Citation(text, title, author, publisher, _apa_date(m["date"]))


def split_parts(head: str) -> list[tuple[str, bool]]:
    """Comma-separated parts of a reference, never inside *italics* or “quotes”; (text, was italic)."""
    head = re.sub(r",([”\"])", r"\1,", head)  # 'Streets," *NPR*': the comma ends the part, the quote the title
    pieces: list[str] = []
    balanced = head.count("“") == head.count("”")  # an unclosed quote is a typo, not a title
    depth_italic = depth_quote = False
    current = ""
    for i, c in enumerate(head):
        if c == "*":
            depth_italic = not depth_italic
        elif c in "“”" and balanced:
            depth_quote = c == "“"
        if c == "," and not depth_italic and not depth_quote and head[i + 1:i + 2].isspace():
            pieces.append(current)
            current = ""
        else:
            current += c
    pieces.append(current)
    out = []
    for raw in pieces:
        text = _clean(raw)
        if text and not PAGE.match(text):
            out.append((text, raw.strip().startswith("*") and raw.strip().endswith("*")))
    return out


def _parse_parts(text: str, head: str, date: str | None, is_org: Callable[[str], bool],
                 curated: Callable[[str], bool] | None = None) -> Citation:
    """'Author, Title, Publisher' and its variants, told apart by which parts are organisations:
    leading organisations publish ("Congressional Research Service, China Primer…"), a leading person
    writes, trailing organisations or a trailing *periodical* publish ("…, *NBC News*")."""
    parts = split_parts(head)
    if not parts:
        return Citation(text, date=date)
    if len(parts) == 2 and is_org(parts[0][0]) and is_org(parts[1][0]):
        return Citation(text, parts[0][0], None, parts[1][0], date)  # "Example Coalition, Example Dep't of State"
    publisher: list[str] = []
    author = None
    # "The White House White House ONDCP Statement on …": the publisher runs into the title (no comma)
    lead = _split_leading_org(parts[0][0], is_org, len(parts) > 1, curated)
    if lead:
        publisher.append(lead[0])
        parts = ([(lead[1], parts[0][1])] if lead[1] else []) + parts[1:]
        while len(parts) > 1 and is_org(parts[0][0]):
            publisher.append(parts.pop(0)[0])
    elif len(parts) >= 3 and PERSON.match(parts[0][0]):
        author = parts.pop(0)[0]
    while len(parts) > 1 and (is_org(parts[-1][0]) or (parts[-1][1] and not parts[0][1])):
        publisher.insert(len(publisher) if lead else 0, parts.pop()[0])
    if not parts:
        return Citation(text, None, author, ", ".join(publisher) or None, date)
    return Citation(text, ", ".join(p for p, _ in parts), author, ", ".join(publisher) or None, date)


def _split_leading_org(part: str, is_org: Callable[[str], bool], whole_only: bool,
                       curated_org: Callable[[str], bool] | None = None) -> tuple[str, str] | None:
    """'The White House White House ONDCP Statement on …' → ('The White House', 'White House ONDCP …')."""
    if is_org(part):
        return (part, "")
    if whole_only:
        return None
    words = part.split()
    candidates = [(" ".join(words[:n]), " ".join(words[n:])) for n in range(2, min(6, len(words) - 2) + 1)]
    candidates = [(name, rest) for name, rest in candidates if is_org(name) and rest[:1].isupper()]
    if not candidates:
        return None
    # the shortest name of the alias table ("The White House"), else the longest organisation-like name
    return next((c for c in candidates if curated_org(c[0])), candidates[-1]) if curated_org else candidates[-1]


# A name ending in one of these is the title of a work, not its publisher ("… Final Report").
_TITLE_HEADS = frozenset("report assessment strategy statement primer sheet data statistics testimony letter brief".split())
_FUNCTION_WORDS = frozenset({"of", "on", "and", "for", "the", "in", "to", "&", "de", "del", "la"})


def looks_like_org(name: str) -> bool:
    """A short capitalised name with an organisational word ("Example Drug Control Agency")."""
    words = name.split()
    if not 0 < len(words) <= 9 or not _ORG_WORDS.search(name) or words[-1].lower() in _TITLE_HEADS:
        return False
    return all(w[0].isupper() or not w[0].isalpha() or w.lower() in _FUNCTION_WORDS for w in words)
