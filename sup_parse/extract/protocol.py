"""A protocol (protokoll or protokollsutdrag): its context, then its extractors.

``protocol_context`` does the reading that every extractor shares: the page header, the
protocol's lines split into front matter and § body (``protocol_zones``), the labelled
fields of the front matter and of a closing block under the last §, the tables, and the
§ headings with their lines.  The registered extractors then fill the Document one part
each, in this order: header, meeting, paragraphs, kind, attendance, signatures,
verification, posting, warnings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import models as m
from ..blocks import FRONT_KEYS, LEADERS, Field, Part, Sheet, _front, _label_key, lines_to_fields, sheet_features
from ..consistency import consistency_warnings
from ..layout import Line
from ..normalize import clean, find_dates, join_lines, parse_time_range
from ..structures import Table
from .common import right_margin, section_key
from .front import (
    label_warnings,
    read_meeting,
    read_organ,
    read_posting,
    read_signatures,
    read_verification,
    verification_in_text,
)
from .header import page_header
from .paragraphs import RawParagraph, build_paragraph, find_paragraphs, first_heading
from .people import read_people
from .registry import extractor

# Labels that close a protocol, and how many words a line of such a block holds at most.
CLOSING_KEYS = {"secretary", "chair", "adjuster", "adjusters", "certifier", "verification", "posting", "posted_on",
                "removed_on", "storage", "signed_by", "attendance_list"}
CLOSING_WORDS = 12
# A warning quotes at most this many characters of what it did not place.
QUOTE = 160


@dataclass
class ProtocolContext:
    parts: list[Part]
    sheets: list[Sheet]
    header: m.Header
    header_lines: list[Line]  # the page-header lines the header was read from
    kind_word: str | None
    front_lines: list[Line]
    body_lines: list[Line]
    fields: list[Field]
    unplaced: list[Line]
    tables: list[Table]
    raws: list[RawParagraph]
    before: list[Line]
    toc: list[RawParagraph]
    margins: dict[int, float]
    utdrag_marked: bool = False  # a kind word or a § says "protokollsutdrag"
    warnings: list[m.Warning] = field(default_factory=list)


def _sheet_is_front(sheet: Sheet) -> bool:
    """A sheet of labels without a § heading; not one that goes on with a § (a section
    heading above its first label) and closes with the signatures."""
    f = sheet_features(sheet)
    if not _front(f["labels"]) or f["headings"]:  # type: ignore[arg-type]
        return False
    first = next((i for i, line in enumerate(sheet.lines) if any(_label_key(seg) for seg in line.segments)),
                 len(sheet.lines))
    return not any(section_key(line) is not None and _label_key(line) is None for line in sheet.lines[:first])


def protocol_zones(sheets: list[Sheet], used: list[Line]) -> tuple[list[Line], list[Line]]:
    """The protocol's lines split into front matter and body, in reading order: whole
    sheets of labels without a § heading (a front page, a närvarolista, a signature page),
    and the labelled lines above the first § heading on a page it shares with them."""
    used_ids = {id(line) for line in used}
    front: list[Line] = []
    body: list[Line] = []
    for s in sheets:
        (front if _sheet_is_front(s) else body).extend(line for line in s.lines if id(line) not in used_ids)
    lead = body[: first_heading(body)]
    if any(_label_key(seg) for line in lead for seg in line.segments):
        # labelled lines above the first § on its page: the front matter, however short
        order = {id(line): i for i, line in enumerate(line for s in sheets for line in s.lines)}
        front = sorted(front + lead, key=lambda line: order[id(line)])
        body = body[len(lead):]
    return front, body


def closing_lines(lines: list[Line]) -> list[Line]:
    """The closing block at the end of the last §'s lines: signatures, justering, anslag or
    attendance labels (two kinds at least) with short values, and no section heading after
    them.  [] when the § ends with its own text."""
    keys: set[str] = set()
    start = None
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if section_key(line) is not None and _label_key(line) is None:
            break
        found = {_label_key(seg) for seg in line.segments} & CLOSING_KEYS  # a row of a signature grid holds several
        if found and len(line.text.split()) <= CLOSING_WORDS and not _sentence(line.text):
            keys |= found  # type: ignore[arg-type]
            start = i
    # a bestyrkande line closes an extract on its own
    return lines[start:] if start is not None and (len(keys) >= 2 or keys == {"certifier"}) else []


def _sentence(text: str) -> bool:
    """Running text (a verb, a full stop) rather than a label and a name: ends in a full stop,
    or holds a word in lower case after the label's first words."""
    text = LEADERS.sub(" ", text)  # a row of dots to sign on is no full stop
    words = clean(text).rstrip(":").split()
    return text.rstrip().endswith(".") or sum(1 for w in words[2:] if w[:1].islower()) >= SENTENCE_WORDS


SENTENCE_WORDS = 3


def protocol_context(parts: list[Part], tables: list[Table]) -> ProtocolContext:
    sheets = [s for p in parts for s in p.sheets]
    header, kind_word, used = page_header(sheets)
    front_lines, body_lines = protocol_zones(sheets, used)
    mine = {id(line) for line in front_lines + body_lines}
    tables = [t for t in tables if id(t.header) in mine]
    in_tables = {id(line) for t in tables for line in t.lines}
    fields, unplaced = lines_to_fields([line for line in front_lines if id(line) not in in_tables])
    rng = read_meeting(fields).paragraphs
    raws, before, toc = find_paragraphs(body_lines, (rng.first, rng.last) if rng else None)
    closing = closing_lines(raws[-1].lines) if raws else []
    if closing:
        raws[-1].lines = raws[-1].lines[: len(raws[-1].lines) - len(closing)]
        more, unplaced_closing = lines_to_fields([line for line in closing if id(line) not in in_tables])
        fields += more
        unplaced += unplaced_closing
    return ProtocolContext(parts=parts, sheets=sheets, header=header, header_lines=used, kind_word=kind_word,
                           front_lines=front_lines,
                           body_lines=body_lines, fields=fields, unplaced=unplaced, tables=tables, raws=raws,
                           before=before, toc=toc, margins=right_margin(body_lines))


def _abbrev(text: str) -> str:
    return text if len(text) <= QUOTE else text[: QUOTE - 1] + "…"


def _range(doc: m.Document) -> tuple[int, int] | None:
    """The meeting's § range: as stated, else that of the §§ found."""
    if doc.meeting is not None and doc.meeting.paragraphs is not None:
        return doc.meeting.paragraphs.first, doc.meeting.paragraphs.last
    numbers = [p.number for p in doc.paragraphs]
    return (min(numbers), max(numbers)) if numbers else None


# --- extractors -----------------------------------------------------------------------------------

@extractor("protocol.header", ["protocol"], "page header band, lines above the first label or §; an Organ label",
           "header.municipality, header.organ, header.date")
def header(ctx: ProtocolContext, doc: m.Document) -> None:
    doc.header = ctx.header.model_copy()
    doc.header.organ = doc.header.organ or read_organ(ctx.fields)
    doc.pages = sorted({line.page for line in ctx.body_lines + ctx.front_lines} | {s.page for s in ctx.sheets})


@extractor("protocol.meeting", ["protocol"], "front-matter fields: date, time, place, § range",
           "meeting, header.date")
def meeting(ctx: ProtocolContext, doc: m.Document) -> None:
    found = read_meeting(ctx.fields)
    doc.header.date = doc.header.date or found.date
    found.date = found.date or doc.header.date
    if found.start is None:
        # the meeting's hours printed beside its date in the page header ("Protokoll 2023-12-12, kl. 18.00–18.35")
        dated = [line for line in ctx.header_lines if find_dates(line.text) and parse_time_range(line.text)[0]]
        if dated:
            found.start, found.end = parse_time_range(dated[0].text[find_dates(dated[0].text)[0].end:])
    if any(getattr(found, k) is not None for k in ("date", "start", "end", "place", "paragraphs")):
        doc.meeting = found


@extractor("protocol.paragraphs", ["protocol"], "§ headings and the lines under each; vote tables in a §",
           "paragraphs")
def paragraphs(ctx: ProtocolContext, doc: m.Document) -> None:
    ctx.utdrag_marked = ctx.kind_word == "protokollsutdrag" or any(p.marker == "protokollsutdrag" for p in ctx.parts)
    for raw in ctx.raws:
        para, is_utdrag = build_paragraph(raw, ctx.margins, doc.header.organ, ctx.tables)
        ctx.utdrag_marked = ctx.utdrag_marked or is_utdrag
        doc.paragraphs.append(para)


@extractor("protocol.kind", ["protocol"], "kind words; the number of §§, front matter, table of contents",
           "kind; header.title and header.dnr of an utdrag")
def kind(ctx: ProtocolContext, doc: m.Document) -> None:
    utdrag = ctx.utdrag_marked
    if not utdrag and len(doc.paragraphs) == 1:
        # one § without a table of contents is an extract; a full protocol of one § lists it
        utdrag = not ctx.front_lines or not ctx.toc
    doc.kind = m.Kind.PROTOKOLLSUTDRAG if utdrag else m.Kind.PROTOKOLL
    if utdrag and doc.paragraphs:
        doc.header.title = doc.paragraphs[0].title
        doc.header.dnr = doc.paragraphs[0].dnr


@extractor("protocol.attendance", ["protocol"], "people fields (Beslutande, Ersättare, Övriga, Frånvarande) and people tables",
           "attendance; paragraphs[].recused from jäv noted in the list")
def attendance(ctx: ProtocolContext, doc: m.Document) -> None:
    people = read_people(ctx.fields, ctx.tables, _range(doc))
    if people.found:
        doc.attendance = people.attendance
    for name, numbers in people.recusals:
        for para in doc.paragraphs:
            if para.number in numbers and name not in para.recused:
                para.recused.append(name)


@extractor("protocol.signatures", ["protocol"], "signature grids; signing labels (Sekreterare, Ordförande, Justerare, Rätt utdraget intygar)",
           "signatures")
def signatures(ctx: ProtocolContext, doc: m.Document) -> None:
    doc.signatures = read_signatures(ctx.fields, ctx.tables)


@extractor("protocol.verification", ["protocol"], "Justeringens plats och tid; else a justering sentence in a decision",
           "verification")
def verification(ctx: ProtocolContext, doc: m.Document) -> None:
    found = read_verification(ctx.fields)
    if (found is None or (found.place is None and found.date is None)) and doc.kind == m.Kind.PROTOKOLL:
        decided = join_lines([i for p in doc.paragraphs for i in (p.decision.items if p.decision else [])])
        found = verification_in_text(decided) or found
    doc.verification = found


@extractor("protocol.posting", ["protocol"], "anslag fields (ANSLAG/BEVIS)", "posting")
def posting(ctx: ProtocolContext, doc: m.Document) -> None:
    doc.posting = read_posting(ctx.fields)


@extractor("protocol.warnings", ["protocol"], "what the others left: text before the first §, unplaced front text",
           "warnings")
def warnings(ctx: ProtocolContext, doc: m.Document) -> None:
    by_page: dict[int, list[str]] = {}
    for line in ctx.before:
        if line.text.strip():
            by_page.setdefault(line.page, []).append(clean(line.text))
    for page, texts in by_page.items():
        doc.warnings.append(m.Warning(code="unplaced-text", page=page,
                                      message="text before the first § not placed: " + _abbrev(" / ".join(texts))))
    doc.warnings.extend(label_warnings(ctx.fields))
    for line in ctx.unplaced:
        doc.warnings.append(m.Warning(code="unplaced-text", page=line.page,
                                      message="front-page text not placed: " + _abbrev(clean(line.text))))
    doc.warnings.extend(consistency_warnings(doc))


__all__ = ["FRONT_KEYS", "ProtocolContext", "closing_lines", "protocol_context", "protocol_zones"]
