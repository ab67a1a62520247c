"""Documents and cited works: the bibliographic records every claim points at (cached per release)."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import Site
from .texts import DocumentText, read_text

_DOCUMENTS = """
SELECT ?doc ?label ?title ?date ?creator ?addressee ?publisher ?genre ?url ?file ?sha ?chars WHERE {
  ?doc a fx:SourceDocument .
  OPTIONAL { ?doc rdfs:label ?label } OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:date ?date }
  OPTIONAL { ?doc dcterms:creator ?creator } OPTIONAL { ?doc fx:addressee ?addressee }
  OPTIONAL { ?doc dcterms:publisher ?publisher } OPTIONAL { ?doc fx:documentType ?genre }
  OPTIONAL { ?doc fx:url ?url } OPTIONAL { ?doc fx:fileName ?file } OPTIONAL { ?doc fx:textSha256 ?sha }
  OPTIONAL { ?doc fx:charCount ?chars }
} ORDER BY ?date ?doc"""

_WORKS = """
SELECT ?work ?title ?url ?citation ?publisher ?date ?ev ?doc ?number ?start ?end WHERE {
  ?work a fx:CitedWork .
  OPTIONAL { ?work dcterms:title ?title } OPTIONAL { ?work fx:url ?url }
  OPTIONAL { ?work dcterms:bibliographicCitation ?citation } OPTIONAL { ?work dcterms:publisher ?publisher }
  OPTIONAL { ?work dcterms:date ?date }
  OPTIONAL { ?work prov:wasDerivedFrom ?ev . ?ev oa:hasSource ?doc ; oa:hasSelector ?ps . ?ps oa:start ?start ; oa:end ?end
             OPTIONAL { ?ev fx:footnoteNumber ?number } }
}"""


@dataclass(slots=True)
class DocInfo:
    """What a page says about a source document."""

    iri: str
    title: str
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    addressee: str | None = None
    publisher: str | None = None
    genre: str | None = None
    url: str | None = None
    file_name: str | None = None
    sha256: str | None = None
    chars: int | None = None

    @property
    def doc_id(self) -> str:
        return self.iri.rsplit("/", 1)[-1].removeprefix("doc-")


@dataclass(slots=True)
class Footnote:
    """A footnote of a document (its span) and the work it cites."""

    doc: str
    number: int | None
    start: int
    end: int
    evidence: str

    @property
    def anchor(self) -> str:
        return self.evidence.rsplit("/", 1)[-1]


@dataclass(slots=True)
class Work:
    """A work cited in a footnote."""

    iri: str
    title: str
    url: str | None = None
    citation: str | None = None
    publisher: str | None = None
    date: str | None = None
    footnotes: list[Footnote] = field(default_factory=list)


def documents(site: Site) -> dict[str, DocInfo]:
    """Every source document by IRI, in date order."""

    def compute() -> dict[str, DocInfo]:
        docs: dict[str, DocInfo] = {}
        for row in site.rows(_DOCUMENTS):
            iri = row["doc"].value if row["doc"] else ""
            doc = docs.get(iri)
            if doc is None:
                title = row["title"] or row["label"]
                doc = docs[iri] = DocInfo(iri, title.value if title else iri.rsplit("/", 1)[-1])
                for name in ("date", "addressee", "publisher", "url", "sha"):
                    value = row[name]
                    setattr(doc, "sha256" if name == "sha" else name, value.value if value else None)
                doc.genre = site.label(row["genre"]) if row["genre"] else None
                doc.file_name = row["file"].value if row["file"] else None
                doc.chars = row["chars"].integer() if row["chars"] else None
            creator = row["creator"]
            if creator and creator.value not in doc.authors:
                doc.authors.append(creator.value)
        return docs

    return site.cached("documents", compute)


def works(site: Site) -> dict[str, Work]:
    """Every cited work by IRI, with the footnotes it was read from."""

    def compute() -> dict[str, Work]:
        found: dict[str, Work] = {}
        for row in site.rows(_WORKS):
            iri = row["work"].value if row["work"] else ""
            work = found.get(iri)
            if work is None:
                work = found[iri] = Work(iri, row["title"].value if row["title"] else site.label(iri))
                for name in ("url", "citation", "publisher", "date"):
                    value = row[name]
                    setattr(work, name, value.value if value else None)
            doc, start, end, ev = row["doc"], row["start"], row["end"], row["ev"]
            if doc and start and end and ev:
                number = row["number"].integer() if row["number"] else None
                note = Footnote(doc.value, number, int(start.value), int(end.value), ev.value)
                if note not in work.footnotes:
                    work.footnotes.append(note)
        return found

    return site.cached("works", compute)


def document_text(site: Site, doc: DocInfo) -> DocumentText | None:
    """The text of a document with its sentences (cached), or None when it cannot be found."""

    def compute() -> DocumentText | None:
        text = read_text(site.release_path, site.settings.sources, doc.doc_id, doc.file_name, doc.sha256)
        return DocumentText(text) if text is not None else None

    return site.cached(f"text:{doc.iri}", compute)
