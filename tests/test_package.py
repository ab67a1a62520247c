"""Package hygiene: the generated vocabulary matches the ontology; exports are declared."""
from __future__ import annotations

from pathlib import Path

import fentkg
from fentkg import vocab_gen

ROOT = Path(__file__).resolve().parents[1]


def test_vocab_module_matches_ontology() -> None:
    """src/fentkg/vocab.py is generated from ontology/fentkg.ttl; regenerate with `python -m fentkg.vocab_gen`."""
    expected = vocab_gen.render(vocab_gen.ontology_terms(ROOT / "ontology" / "fentkg.ttl"))
    assert vocab_gen.TARGET.read_text(encoding="utf-8") == expected


def test_all_lists_public_names() -> None:
    import __future__

    public = {
        n for n, v in vars(fentkg).items()
        if not n.startswith("_") and not isinstance(v, (type(fentkg), __future__._Feature))
    }
    assert public <= set(fentkg.__all__)
