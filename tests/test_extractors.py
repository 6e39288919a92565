"""The extractor registry: stable ids, generated docs, and each extractor run alone."""

from __future__ import annotations

import pytest
from conftest import ROOT

from sup_parse import models as m
from sup_parse.blocks import lines_to_sheets, sheets_to_parts
from sup_parse.extract.protocol import protocol_context
from sup_parse.extract.registry import REGISTRY, extractors, extractors_markdown, run_one
from sup_parse.layout import mark_furniture
from sup_parse.sources.text import text_pages
from sup_parse.structures import document_structures

PROTOCOL = """Byggnadsnämnden
Protokoll
2025-03-04

Plats och tid      Stadshuset, kl. 13.00–15.30
Beslutande         Anna Ek (S), ordförande
                   Per Berg (M) deltar ej i § 13 p.g.a. jäv
Utses att justera  Per Berg
Paragrafer         §§ 12–13

§ 12 Val av justerare

Beslut
Per Berg utses att justera protokollet.

§ 13 Ändrad taxa

Beslut
Nämnden antar taxan.

Sekreterare        Ordförande         Justerare

Karin Ström        Anna Ek            Per Berg
"""


def _context():  # type: ignore[no-untyped-def]
    pages = text_pages(PROTOCOL)
    mark_furniture(pages)
    parts = sheets_to_parts(lines_to_sheets(pages))
    return protocol_context([p for p in parts if p.kind == "protocol"], document_structures(pages))


def test_ids_are_stable_and_unique() -> None:
    extractors("protocol")  # loads every module
    ids = [e.id for e in REGISTRY]
    assert len(ids) == len(set(ids))
    for e in REGISTRY:
        kind, _, name = e.id.partition(".")
        assert kind in e.kinds and name and e.reads and e.writes


def test_docs_are_current() -> None:
    assert (ROOT / "docs" / "extractors.md").read_text(encoding="utf-8") == extractors_markdown(), "run `make docs`"


WRITES = [
    ("protocol.meeting", lambda d: d.meeting is not None and (d.meeting.place, d.meeting.start) == ("Stadshuset", "13:00")),
    ("protocol.paragraphs", lambda d: [p.number for p in d.paragraphs] == [12, 13]),
    ("protocol.signatures", lambda d: [(s.role, s.name) for s in d.signatures] == [
        ("sekreterare", "Karin Ström"), ("ordförande", "Anna Ek"), ("justerare", "Per Berg")]),
    ("protocol.attendance", lambda d: d.attendance is not None and [x.name for x in d.attendance.members] == ["Anna Ek", "Per Berg"]),
]


@pytest.mark.parametrize(("ident", "check"), WRITES, ids=[w[0] for w in WRITES])
def test_an_extractor_runs_alone_and_writes_only_its_fields(ident: str, check) -> None:  # type: ignore[no-untyped-def]
    doc = run_one(ident, _context(), m.Document(kind=m.Kind.PROTOKOLL))
    assert check(doc)
    untouched = {"meeting": None, "attendance": None, "signatures": [], "paragraphs": []}
    written = {"protocol.meeting": "meeting", "protocol.attendance": "attendance", "protocol.signatures": "signatures",
               "protocol.paragraphs": "paragraphs"}[ident]
    for name, empty in untouched.items():
        if name != written:
            assert getattr(doc, name) == empty, name


def test_attendance_after_paragraphs_resolves_presence_and_jav() -> None:
    ctx = _context()
    doc = m.Document(kind=m.Kind.PROTOKOLL)
    for ident in ("protocol.meeting", "protocol.paragraphs", "protocol.attendance"):
        run_one(ident, ctx, doc)
    assert doc.attendance is not None
    assert [(x.name, x.paragraphs) for x in doc.attendance.members] == [("Anna Ek", None), ("Per Berg", [12])]
    assert [p.recused for p in doc.paragraphs] == [[], ["Per Berg"]]


def test_memo_title_over_a_gap_and_a_page_that_opens_on_a_section() -> None:
    """Below the letterhead's labels the title goes on over a gap where a line stops on a
    joining word, and ends before the first paragraph; a page that opens on a numbered
    section heading goes on with the memo even when its words echo an attachment's title."""
    import sup_parse

    text = ("MISSIV\n\nEkonomienheten                   Utfärdat     2025-03-18\n"
            "Marie Karlsson                   Diarienummer 2024/799\nEkonomichef\n\n"
            "Budgetunderlag för verksamhetsåret 2026 och\n\nplanperioden 2027-2028\n\n"
            "För yttrande\nFörbundsstyrelsen bereder medlemskommunerna tillfälle att yttra sig.\n\n"
            "1. Förslag till beslut\nUnderlaget godkänns.\n\f"
            "2. Ärendet\nBudgetunderlag 2026 och plan 2027-2028 beskriver verksamheten.\n\n"
            "3. Bilagor\nBudgetunderlag 2026 och plan 2027-2028\n")
    doc = sup_parse.parse(text)
    assert doc.header.title == "Budgetunderlag för verksamhetsåret 2026 och planperioden 2027-2028"
    assert doc.header.dnr == "2024/799" and doc.header.date == "2025-03-18"
    assert doc.author is not None and (doc.author.name, doc.author.title) == ("Marie Karlsson", "Ekonomichef")
    assert doc.proposal is not None and doc.proposal.items == ["Underlaget godkänns."]
    assert doc.enclosures == [] and [a.title for a in doc.attachments] == ["Budgetunderlag 2026 och plan 2027-2028"]
