"""Warnings for fields read from doubtful OCR words.

OCR'd lines keep the words Tesseract read with low confidence (``Line.doubtful``).
A field whose value contains one of them, on a page that was OCR'd, gets a
``low-confidence`` warning naming the field, the word, its confidence and the page —
so a reader knows which values to check against the scan.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from . import models as m
from .layout import Page

_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}:./-]*")


def _fields(doc: m.Document) -> Iterator[tuple[str, str]]:
    """(field path, text) of the values a reader relies on."""
    h = doc.header
    for name in ("municipality", "organ", "title", "date", "dnr"):
        value = getattr(h, name)
        if value:
            yield f"header.{name}", value
    if doc.meeting:
        for name in ("date", "start", "end", "place"):
            value = getattr(doc.meeting, name)
            if value:
                yield f"meeting.{name}", value
    for p in doc.paragraphs:
        yield f"paragraphs[§{p.number}].number", str(p.number)
        for name in ("title", "dnr"):
            value = getattr(p, name)
            if value:
                yield f"paragraphs[§{p.number}].{name}", value
        for i, item in enumerate(p.decision.items if p.decision else []):
            yield f"paragraphs[§{p.number}].decision.items[{i}]", item
    if doc.attendance:
        for group in ("members", "substitutes", "others", "absent"):
            for person in getattr(doc.attendance, group):
                yield f"attendance.{group}[{person.name}]", person.name
    for s in doc.signatures:
        if s.name:
            yield f"signatures[{s.role or s.title}]", s.name


def low_confidence_warnings(doc: m.Document, pages: list[Page]) -> list[m.Warning]:
    doubtful: dict[str, tuple[int, float]] = {}
    for page in pages:
        if page.source != "ocr":
            continue
        for line in page.lines:
            for word, conf in line.doubtful:
                for tok in _TOKEN.findall(word):
                    if len(tok) >= 2 and (tok not in doubtful or conf < doubtful[tok][1]):
                        doubtful[tok] = (page.number, conf)
    if not doubtful:
        return []
    out: list[m.Warning] = []
    for path, value in _fields(doc):
        hits = [(tok, *doubtful[tok]) for tok in _TOKEN.findall(value) if tok in doubtful]
        if hits:
            tok, number, conf = min(hits, key=lambda h: h[2])
            out.append(m.Warning(code="low-confidence", page=number,
                                 message=f"{path} rests on OCR read with low confidence: '{tok}' ({conf:.0f}%)"))
    return out
