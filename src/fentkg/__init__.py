"""fentkg: a provenance-first knowledge graph of the illicit fentanyl supply chain.

The pipeline is sources → extract → graph → validate → store → serve; each stage is a
plain function, and the CLI (`fentkg`) and the web server only call them.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
