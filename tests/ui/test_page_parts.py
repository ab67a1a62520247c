"""Issue 5: the pieces the pages are built from, on small inputs."""
from __future__ import annotations

import hashlib

import pytest

from fentkg.server.pages import BadIRI, bind
from fentkg.server.pages.document import Highlight, _segments
from fentkg.server.pages.entity import shown_members
from fentkg.server.pages.texts import DocumentText, read_text
from fentkg.server.publish import split_suffix


def test_bind_puts_values_into_every_where_block():
    query = "SELECT ?p WHERE { ?r ?p ?o { SELECT ?q WHERE { ?s ?q ?r } } }"
    bound = bind(query, {"r": "https://w3id.org/fentkg/id/org-dea"})
    assert bound.count("VALUES (?r) { (<https://w3id.org/fentkg/id/org-dea>) }") == 2


@pytest.mark.parametrize("value", ["a>b", "x y", 'q"', "{}", "a\\b", "new\nline"])
def test_bind_refuses_what_is_not_an_iri(value):
    with pytest.raises(BadIRI):
        bind("SELECT * WHERE { ?r ?p ?o }", {"r": "https://w3id.org/fentkg/id/" + value})


def test_split_suffix_keeps_dotted_names():
    assert split_suffix("org-dea.ttl") == ("org-dea", "ttl")
    assert split_suffix("org-dea.html") == ("org-dea", "html")
    assert split_suffix("agent-actors-0.1.0") == ("agent-actors-0.1.0", None)


def test_segments_cover_the_text_once_with_innermost_first():
    text = "The Sinaloa Cartel grew.\fNext page."
    outer = Highlight("https://w3id.org/fentkg/id/ev-outer", 0, 24)
    inner = Highlight("https://w3id.org/fentkg/id/ev-inner", 4, 18)
    segments = _segments(text, [outer, inner])
    assert "".join(s.text for s in segments) == text.replace("\f", "")
    middle = next(s for s in segments if s.text == "Sinaloa Cartel")
    assert [h.anchor for h in middle.covering] == ["ev-inner", "ev-outer"]
    assert middle.anchors == ["ev-inner"]
    assert [s.page for s in segments if s.page] == [2]


def test_snippet_is_the_sentence_around_the_quote():
    text = "First sentence here. The Sinaloa Cartel buys precursors from China. Last one."
    start = text.index("Sinaloa Cartel")
    snippet = DocumentText(text).snippet(start, start + len("Sinaloa Cartel"))
    assert snippet.before == "The "
    assert snippet.quote == "Sinaloa Cartel"
    assert snippet.after == " buys precursors from China."


def test_read_text_prefers_the_release_and_checks_the_hash(tmp_path):
    release, sources = tmp_path / "release", tmp_path / "sources"
    (release / "texts").mkdir(parents=True)
    sources.mkdir()
    (release / "texts" / "memo.txt").write_text("as built", encoding="utf-8")
    (sources / "memo.txt").write_text("edited since", encoding="utf-8")
    built = hashlib.sha256(b"as built").hexdigest()
    assert read_text(release, sources, "memo", "memo.txt", built) == "as built"
    (release / "texts" / "memo.txt").unlink()
    assert read_text(release, sources, "memo", "memo.txt", built) is None  # the sources changed: no wrong offsets
    assert read_text(release, sources, "memo", "memo.txt", hashlib.sha256(b"edited since").hexdigest()) == "edited since"


def test_a_conflict_box_shows_the_entitys_own_claims_first_and_at_most_the_limit():
    members = tuple(f"https://w3id.org/fentkg/id/claim-{i:02}" for i in range(30))
    own = {members[25], members[3]}
    shown = shown_members(members, own, limit=12)
    assert shown[:2] == [members[3], members[25]]
    assert len(shown) == 12 and len(set(shown)) == 12 and set(shown) <= set(members)
    assert shown_members(members[:2], set()) == list(members[:2])
