"""Both PDF backends give the same document for every real and bulk PDF, except the
fields reviewed in fixtures/backend_differences.tsv (each with the reason).  A new
difference, or a reviewed one that has gone, fails the test: review it and update the
list (``tools/compare_backends.py`` prints every differing field with both values)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from compare_backends import corpus_files, differences, document  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
REVIEWED = Path(__file__).parent / "fixtures" / "backend_differences.tsv"


def reviewed() -> set[tuple[str, str]]:
    rows = [line.split("\t") for line in REVIEWED.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert all(len(r) == 3 and r[2].strip() for r in rows), "every reviewed difference gives its reason"
    return {(r[0], r[1]) for r in rows}


@pytest.mark.skipif(not (CORPUS / "real").exists() or not (CORPUS / "bulk").exists(), reason="../shared/corpus not present")
def test_pdfium_and_pdfplumber_give_the_same_documents() -> None:
    files = corpus_files([])
    assert len(files) >= 80
    found = {(f.name, path) for f in files for path, _a, _b in differences(document(f, "pdfium"), document(f, "pdfplumber"))}
    assert found == reviewed()
