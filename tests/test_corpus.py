"""Every real document parses or fails with its documented error; no crash anywhere."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sup_parse import parse
from sup_parse.errors import NotAPdf, NoTextLayer

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "real"
BULK = ROOT.parent / "shared" / "corpus" / "bulk"

KIND = {"protokoll": "protokoll", "protokollsutdrag": "protokollsutdrag", "tjansteskrivelse": "tjansteskrivelse"}


def _manifest() -> list[tuple[str, str, bool]]:
    if not (REAL / "MANIFEST.tsv").exists():
        return []
    with open(REAL / "MANIFEST.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [(r["file"], r["doc_type"].split(" ")[0], r["has_text_layer"] == "yes") for r in rows]


MANIFEST = _manifest()


@pytest.mark.skipif(not MANIFEST, reason="../shared/corpus/real not present")
@pytest.mark.parametrize(("name", "kind", "has_text"), MANIFEST, ids=[m[0] for m in MANIFEST])
def test_real_document(name: str, kind: str, has_text: bool) -> None:
    path = REAL / name
    if not has_text:
        with pytest.raises(NoTextLayer):
            parse(path)
        return
    doc = parse(path)
    assert doc.kind.value == KIND[kind]
    assert doc.source is not None and doc.source.sha256


BULK_FILES = sorted(BULK.glob("*.pdf")) if BULK.exists() else []


@pytest.mark.skipif(not BULK_FILES, reason="../shared/corpus/bulk not present")
def test_bulk_never_crashes() -> None:
    failures = []
    pages = 0
    for path in BULK_FILES:
        try:
            pages += parse(path).source.pages or 0  # type: ignore[union-attr]
        except NotAPdf:
            failures.append(path.name)
    assert failures == ["alingsas__socialnamnden__2018-03-13__protokoll-actually-html.pdf"]
    assert pages == 287
