"""Citations on made-up notes, one case per phenomenon (issue 3): every footnote → its work(s)."""
from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS

from fentkg.extract.bibliography import iso_date, parse_citation
from fentkg.extract.citations import author_names
from fentkg.vocab import FX

from .conftest import Extract, said

HEAD = "Example Institute\n\nMay 2, 2031\n\n"
BODY = "The agency seized 9,000 pounds.¹ It said so again.² And again.³\n\n"


def works(result) -> dict[int, list[URIRef]]:  # type: ignore[no-untyped-def]
    """Footnote number → the works its `dcterms:references` claims name, in order."""
    out: dict[int, list[URIRef]] = {}
    for claim in said(result, DCTERMS.references):
        out.setdefault(claim.evidence.footnote, []).append(claim.object)  # type: ignore[arg-type]
    return out


def field(result, work: URIRef, prop: URIRef) -> str | None:  # type: ignore[no-untyped-def]
    return next((str(o) for p, o in result.entities[work].properties if p == prop), None)


NOTE_1 = "¹ Example Agency, *Annual Drug Report 2031*, p. 4 (May 3, 2032), https://example.gov/r.pdf.\n\n"


def test_bluebook_reference_fields(extract: Extract) -> None:
    r = extract(HEAD + BODY + NOTE_1)
    (work,) = works(r)[1]
    assert field(r, work, DCTERMS.title) == "Annual Drug Report 2031"
    assert field(r, work, DCTERMS.publisher) == "Example Agency"
    assert field(r, work, DCTERMS.date) == "2032-05-03"
    assert field(r, work, FX.url) == "https://example.gov/r.pdf"


@pytest.mark.parametrize("second", ["² Id. at 7.", "² *Ibid.*", "² *Id*."])
def test_id_resolves_to_previous(second: str, extract: Extract) -> None:
    r = extract(HEAD + BODY + NOTE_1 + second + "\n")
    assert works(r)[2] == works(r)[1]


def test_supra_note_resolves(extract: Extract) -> None:
    r = extract(HEAD + BODY + NOTE_1 + "² Jane Doe, *Another Study* (2030), https://example.org/b.\n\n"
                "³ See supra note 1, at 9.\n")
    assert works(r)[3] == works(r)[1] != works(r)[2]


def test_id_after_a_note_of_two_works_is_the_last_one(extract: Extract) -> None:
    r = extract(HEAD + BODY + "¹ Example Agency, *Report One* (2030), https://example.gov/1; *see also* Example "
                "Office, *Report Two* (2031), https://example.gov/2.\n\n² Id.\n")
    one, two = works(r)[1]
    assert works(r)[2] == [two] and one != two


def test_url_repaired(extract: Extract) -> None:
    r = extract(HEAD + BODY + "¹ Example Agency, *Annual Report* (2031), https://example.gov/files/2031/\n"
                "annual_report_final.pdf.\n\n"
                "² [https://example.gov/a\\\\_b.pdf](https://example.gov/a_b.pdf)\n")
    assert field(r, works(r)[1][0], FX.url) == "https://example.gov/files/2031/annual_report_final.pdf"
    assert field(r, works(r)[2][0], FX.url) == "https://example.gov/a_b.pdf"


def test_commentary_note_cites_nothing(extract: Extract) -> None:
    r = extract(HEAD + BODY + NOTE_1 + "² This would certainly include many other issues, such as trade.\n")
    assert 2 not in works(r) and 1 in works(r)


def test_discursive_note_keeps_only_its_references(extract: Extract) -> None:
    r = extract(HEAD + BODY + "¹ On July 7, the agency launched a coalition. Example Coalition, Example Dep't of "
                "State, https://example.gov/coalition (last visited July 21, 2031). The coalition has 84 members. "
                "Jane Doe, Coalition launched, Example Times (July 7, 2031), https://example.com/news.\n")
    titles = [field(r, w, DCTERMS.title) for w in works(r)[1]]
    assert titles == ["Example Coalition", "Coalition launched"]
    assert field(r, works(r)[1][0], DCTERMS.date) is None  # "last visited" is the access date


def test_apa_reference_and_its_authors(extract: Extract) -> None:
    r = extract(HEAD + BODY + "¹ Doe, J., Roe, R.B., and Poe, E. (2030, March 4). *Title of the report*. "
                "Example Center for Health. <https://example.org/report>\n")
    (work,) = works(r)[1]
    assert (field(r, work, DCTERMS.title), field(r, work, DCTERMS.publisher), field(r, work, DCTERMS.date)) == (
        "Title of the report", "Example Center for Health", "2030-03-04")
    people = [r.entities[c.object].label for c in said(r, FX.mentions, "citations")]
    assert people == ["J. Doe", "R.B. Roe", "E. Poe"]


def test_chicago_reference_with_a_quoted_title(extract: Extract) -> None:
    r = extract(HEAD + BODY + "¹ Jane Doe and John Roe, “A Quoted Title, With a Comma,” *Example Times*, "
                "March 4, 2031, <https://example.com/a>\n")
    (work,) = works(r)[1]
    assert field(r, work, DCTERMS.title) == "A Quoted Title, With a Comma"
    assert field(r, work, DCTERMS.publisher) == "Example Times"
    assert field(r, work, DCTERMS.creator) == "Jane Doe and John Roe"
    assert [c.evidence.exact for c in said(r, FX.mentions, "citations")] == ["Jane Doe", "John Roe"]


def test_one_work_cited_in_two_documents_is_one_iri(extract: Extract) -> None:
    a = extract(HEAD + BODY + NOTE_1, name="2031-05-02-a")
    b = extract(HEAD + BODY + "¹ Example Agency, Annual Drug Report 2031, https://example.gov/r.pdf\n", name="2031-05-02-b")
    assert works(a)[1] == works(b)[1]


@pytest.mark.parametrize(("text", "expected"), [
    ("Sept. 27, 2022", "2022-09-27"), ("(June, 2021)", "2021-06"), ("Jan. 2020", "2020-01"), ("(2012)", "2012"),
    ("2022, February 2", "2022-02-02"), ("last visited May 1, 2023", None), ("accessed May 30, 2024", None),
])
def test_dates_of_works(text: str, expected: str | None) -> None:
    assert iso_date(text) == expected


def test_publisher_runs_into_the_title() -> None:
    cite = parse_citation("The White House White House ONDCP Statement on New Sanctions, <https://x.gov/s>",
                          lambda name: name in ("The White House", "White House"), lambda name: name == "The White House")
    assert (cite.publisher, cite.title) == ("The White House", "White House ONDCP Statement on New Sanctions")


def test_author_names() -> None:
    assert [n for _, _, n in author_names("Liana W. Rosen et al")] == ["Liana W. Rosen"]
    assert [n for _, _, n in author_names("Lauren Greenwood & Kevin Fashola")] == ["Lauren Greenwood", "Kevin Fashola"]
    assert [n for _, _, n in author_names("Celina B. Realuyo, Congressional Testimony")] == ["Celina B. Realuyo"]
