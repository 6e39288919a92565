"""Every real document parses or fails with its documented error; no crash anywhere."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sup_parse import parse
from sup_parse.check import RULES, Config, run_checks
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
            parse(path, ocr="never")
        return
    doc = parse(path)
    assert doc.kind.value == KIND[kind]
    for f in run_checks(doc, Config(), file=name):  # the rules run on every real document
        assert f.code in RULES and f.message
    assert doc.source is not None and doc.source.sha256


BULK_FILES = sorted(BULK.glob("*.pdf")) if BULK.exists() else []


@pytest.mark.skipif(not BULK_FILES, reason="../shared/corpus/bulk not present")
def test_bulk_never_crashes() -> None:
    failures = []
    pages = 0
    for path in BULK_FILES:
        try:
            doc = parse(path)
            pages += doc.source.pages or 0  # type: ignore[union-attr]
            run_checks(doc, Config(), file=path.name)
        except NotAPdf:
            failures.append(path.name)
    assert failures == ["alingsas__socialnamnden__2018-03-13__protokoll-actually-html.pdf"]
    assert pages == 287


# The two real PDFs without a usable text layer, read by OCR: what a person reads on them.
SCANNED = [
    ("tolkformedlingvast-direktionen-2026-03-27-p620-utdrag.pdf", "Direktionen", "2026-03-27", 620, "Årsredovisning 2025"),
    ("alingsas-ks-2026-06-01-p110-utdrag.pdf", "Kommunstyrelsen", "2026-06-01", 110, "Anmälda initiativärenden"),
]


@pytest.mark.skipif(not MANIFEST, reason="../shared/corpus/real not present")
@pytest.mark.parametrize(("name", "organ", "date", "number", "title"), SCANNED, ids=[s[0] for s in SCANNED])
def test_text_less_pdf_is_read_by_ocr(name: str, organ: str, date: str, number: int, title: str) -> None:
    doc = parse(REAL / name)
    assert doc.source is not None and doc.source.text_source.value == "ocr"
    assert (doc.kind.value, doc.header.organ, doc.header.date) == ("protokollsutdrag", organ, date)
    assert [(p.number, p.title) for p in doc.paragraphs] == [(number, title)]
