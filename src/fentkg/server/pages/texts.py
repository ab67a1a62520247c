"""Document texts for pages: the copy the build stored in the release, else the sources folder.

The graph keeps spans, not texts. `fentkg build` copies each document's text into the release
(`<release>/texts/<doc id>.txt`, issue 5), so a served release shows exactly the text its offsets
point into. A release made by `fentkg load` has no texts; then the text is read from the sources
folder by the document's `fx:fileName`, and used only if its SHA-256 matches `fx:textSha256`.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ...corpus import Span
from ...segment import segment

TEXTS = "texts"  # folder of the release that holds the document texts
CONTEXT = 160  # characters shown around a span when no sentence holds it


@dataclass(frozen=True, slots=True)
class Snippet:
    """A quote in its sentence: text before, the quote itself, text after."""

    before: str
    quote: str
    after: str


def read_text(release: Path, sources: Path, doc_id: str, file_name: str | None, sha256: str | None) -> str | None:
    """The text of a document, or None when neither the release nor the sources have it."""
    candidates = [release / TEXTS / f"{doc_id}.txt"]
    if file_name:
        candidates.append(sources / Path(file_name).name)
    for path in candidates:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if sha256 is None or hashlib.sha256(text.encode("utf-8")).hexdigest() == sha256:
            return text
    return None


class DocumentText:
    """A text with its sentences, to cut quotes out together with their sentence."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences: tuple[Span, ...] = segment(text).sentences
        self._starts = [s.start for s in self.sentences]

    def snippet(self, start: int, end: int) -> Snippet:
        """The sentence(s) around text[start:end]; a fixed window where no sentence holds it."""
        import bisect

        i = bisect.bisect_right(self._starts, start) - 1
        lo = self.sentences[i].start if i >= 0 and self.sentences[i].end > start else max(0, start - CONTEXT)
        j = bisect.bisect_right(self._starts, max(start, end - 1)) - 1
        hi = self.sentences[j].end if j >= 0 and self.sentences[j].end >= end else min(len(self.text), end + CONTEXT)
        lo, hi = min(lo, start), max(hi, end)
        return Snippet(self.text[lo:start], self.text[start:end], self.text[end:hi])
