"""Loading sources: documents, metadata (given and inferred), evidence, and unreadable input."""
from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from fentkg.corpus import Corpus, infer_metadata, load_corpus, load_document, read_metadata
from fentkg.errors import SourceError

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
if not SEEDS.is_dir():  # a checkout without shared/ beside it: the copies under data/sources
    SEEDS = Path(__file__).resolve().parents[1] / "data" / "sources"


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return load_corpus(SEEDS)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- documents --------------------------------------------------------------------------------

def test_seed_corpus_loads_in_name_order(seeds: Corpus) -> None:
    assert [d.id[:3] for d in seeds] == ["000", "001", "002", "003", "004"]
    for doc in seeds:
        assert doc.text == doc.path.read_text(encoding="utf-8")
        assert doc.sha256 == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        assert doc.id == doc.path.stem
        assert seeds.get(doc.id) is doc


def test_seed_counts(seeds: Corpus) -> None:
    counts = {d.id[:3]: (len(d.pages), len(d.footnotes), len(d.markers)) for d in seeds}
    assert counts == {"000": (10, 60, 60), "001": (0, 7, 7), "002": (0, 31, 31), "003": (0, 0, 0), "004": (0, 4, 4)}
    for doc in seeds:
        assert doc.paragraphs and len(doc.sentences) >= len(doc.paragraphs) // 2


def test_evidence_of_a_marked_sentence_cites_its_note(seeds: Corpus) -> None:
    doc = seeds.get(next(d.id for d in seeds if d.id.startswith("000")))
    marker = next(m for m in doc.markers if m.number == 39)
    sentence = doc.sentence_at(marker.start)
    assert sentence is not None
    evidence = doc.span(sentence.start, sentence.end)
    assert 39 in evidence.cites and evidence.footnote is None
    assert evidence.exact == doc.text[sentence.start:sentence.end]
    assert evidence.page == 7
    # A quote inside the sentence cites the notes that close it.
    start = doc.text.index("seized over 22,000 pounds")
    assert doc.span(start, start + 10).cites == (39,)
    # Every sentence with a marker cites it.
    for m in doc.markers:
        s = doc.sentence_at(m.start)
        assert s is not None and m.number in doc.span(s.start, s.end).cites


def test_footnote_sentences_and_parts(seeds: Corpus) -> None:
    doc = seeds.get(next(d.id for d in seeds if d.id.startswith("000")))
    note = doc.footnote(48)
    assert note is not None and note.parts
    rest = note.parts[0].start
    assert doc.footnote_at(rest) is note  # the piece moved past the page break still belongs to 48
    assert doc.span(rest, rest + 5).footnote == 48
    body = set(doc.body_sentences())
    assert all(doc.footnote_at(s.start) is None for s in body)
    assert all(doc.footnote_at(s.start) is not None for s in doc.footnote_sentences())
    assert not any(doc.in_header(s.start) for s in body)


def test_crlf_text_keeps_read_text_offsets(tmp_path: Path) -> None:
    path = write(tmp_path, "crlf.txt", b"Title line\r\n\r\nIt began.\xc2\xb9 It ended.\r\n\r\n\xc2\xb9 Id.\r\n")
    doc = load_document(path)
    assert doc.text == path.read_text(encoding="utf-8")
    assert [doc.text[s.start:s.end] for s in doc.sentences][:2] == ["Title line", "It began.¹"]
    assert [f.number for f in doc.footnotes] == [1]


# --- metadata ---------------------------------------------------------------------------------

def test_metadata_given_wins_and_missing_fields_are_inferred(tmp_path: Path) -> None:
    write(tmp_path, "letter.txt", "# A Letter on Fentanyl\n\nJuly 31, 2023\n\nDear Secretary:\n\nText.\n")
    write(tmp_path, "letter.meta.json", json.dumps({
        "author": "Daniel Cameron", "addressee": "Antony Blinken", "genre": "letter",
        "url": "https://example.gov/letter.pdf", "expected": {"statistics": 2},
    }))
    doc = load_corpus(tmp_path).get("letter")
    assert doc.meta.title == "A Letter on Fentanyl"
    assert doc.meta.date == date(2023, 7, 31)
    assert doc.meta.authors == ("Daniel Cameron",)
    assert doc.meta.expected == {"statistics": 2}
    assert doc.meta.inferred == ("title", "date")
    write(tmp_path, "letter.meta.json", json.dumps({"title": "Given", "date": "2023-08-01", "author": ["A", "B"]}))
    doc = load_document(tmp_path / "letter.txt")
    assert (doc.meta.title, doc.meta.date, doc.meta.authors, doc.meta.inferred) == (
        "Given", date(2023, 8, 1), ("A", "B"), ())


@pytest.mark.parametrize(
    "text, title, when",
    [
        ("## Forum\n\n### **Serious**\n\nNovember 4, 2022\n\nBody.", "Forum", date(2022, 11, 4)),
        ("\n\n**Congress of the United States**  \n**Washington**\n\nAugust 2, 2023\n", "Congress of the United States",
         date(2023, 8, 2)),
        ("Written Statement\n\n**U.S. Efforts in Disrupting\nthe Trade**\n\nMarch 20, 2024\n",
         "U.S. Efforts in Disrupting the Trade", date(2024, 3, 20)),
        ("Commonwealth of Kentucky\n\nThe body mentions July 31, 2023 inside a sentence.\n", "Commonwealth of Kentucky",
         None),
        ("Notes\n\n4 March 2024\n", "Notes", date(2024, 3, 4)),
    ],
)
def test_infer_metadata(text: str, title: str, when: date | None) -> None:
    meta = infer_metadata(text)
    assert meta.title == title
    assert meta.date == when
    assert meta.inferred == tuple(k for k, v in (("title", title), ("date", when)) if v is not None)


def test_seed_metadata_inferred(seeds: Corpus) -> None:
    dates = {d.id[:3]: d.meta.date for d in seeds}
    assert dates == {"000": date(2023, 7, 31), "001": date(2023, 8, 2), "002": date(2024, 3, 20),
                     "003": date(2022, 11, 4), "004": date(2023, 1, 23)}


def test_read_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, "x.meta.json", json.dumps({"title": "T", "author": "A", "date": "2024-03-20",
                                                      "publisher": "P", "unknown": 1}))
    meta = read_metadata(path)
    assert (meta.title, meta.authors, meta.date, meta.publisher, meta.inferred) == ("T", ("A",), date(2024, 3, 20), "P", ())


# --- errors -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "content, reason",
    [
        ("", "empty"),
        (" \n\t\n", "empty"),
        (b"PDF\x00\x01binary", "binary"),
        (b"caf\xe9 au lait", "byte offset 3"),
    ],
)
def test_unreadable_text_is_a_source_error(tmp_path: Path, content: str | bytes, reason: str) -> None:
    write(tmp_path, "bad.txt", content)
    with pytest.raises(SourceError) as info:
        load_corpus(tmp_path)
    message = str(info.value)
    assert "bad.txt" in message and reason in message and "\n" not in message


@pytest.mark.parametrize(
    "meta, reason",
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"date": "31 July 2023"}', "ISO 8601"),
        ('{"date": 20230731}', "ISO 8601"),
        ('{"author": 7}', "author"),
        ('{"author": ["A", 2]}', "author"),
        ('{"title": ["A"]}', "title"),
        ('{"expected": {"statistics": "two"}}', "expected"),
        ('{"expected": [1]}', "expected"),
    ],
)
def test_bad_metadata_is_a_source_error(tmp_path: Path, meta: str, reason: str) -> None:
    write(tmp_path, "doc.txt", "Text.\n")
    write(tmp_path, "doc.meta.json", meta)
    with pytest.raises(SourceError) as info:
        load_corpus(tmp_path)
    message = str(info.value)
    assert "doc.meta.json" in message and reason in message and "\n" not in message


def test_folder_errors(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="missing: sources folder not found"):
        load_corpus(tmp_path / "missing")
    with pytest.raises(SourceError, match="no .txt"):
        load_corpus(tmp_path)
    write(tmp_path, "a.txt", "Text.\n")
    write(tmp_path, "orphan.meta.json", "{}")
    with pytest.raises(SourceError, match="orphan.meta.json.*orphan.txt"):
        load_corpus(tmp_path)


def test_corpus_copy_of_seeds(tmp_path: Path) -> None:
    # The loader works on any folder, here a copy of two seeds with metadata beside one.
    for path in sorted(SEEDS.glob("00[34]_*.txt")):
        shutil.copy(path, tmp_path / path.name)
    first = sorted(tmp_path.glob("*.txt"))[0]
    write(tmp_path, first.stem + ".meta.json", json.dumps({"title": "It's Time to Get Serious on Fentanyl",
                                                           "genre": "report"}))
    corpus = load_corpus(tmp_path)
    assert len(corpus) == 2
    assert corpus.documents[0].meta.title == "It's Time to Get Serious on Fentanyl"
    assert corpus.documents[0].meta.inferred == ("date",)
