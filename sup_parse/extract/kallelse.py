"""A kallelse (meeting notice with its föredragningslista): header, meeting, agenda, signer.

The agenda is read like the §§ of a protocol: an item opens with its number ("1. Val av
justerare", "Ärende 5", "Punkt 5", "§ 5"), its title on the same line or the lines
under it, then its dnr, presenter and "Förslag till beslut" (the item's proposal); or
it is a row of an agenda table (Nr | Ärende | Dnr).  An item printed without a number
("Val av justerare") has no place in ``paragraphs``, whose number is required.

The meeting is told apart from the notice: the meeting's date, time and place come from
labels (Datum, Tid, Plats) or the sentence that calls the members ("Ledamöterna kallas
till sammanträde … den 8 februari 2022 kl. 13.00 i Stadshuset"); the date in the page
header is the notice's own.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import models as m
from ..blocks import Field, Part, dnr_re, lines_to_fields
from ..layout import Line, same_type
from ..normalize import clean, find_dates, join_lines, parse_time_range
from ..structures import Table
from ..vocabulary import Vocabulary, alternation, vocabulary
from .common import inline_heading, section_key, split_items, split_sections
from .front import read_meeting
from .header import page_header
from .paragraphs import proposal_parties
from .registry import extractor
from .tjanst import signer_block, split_signers

# Agenda items start at the list's left margin, within this many points; their titles run
# over this many lines at most, indented less than INDENT; "Östersund den 3 maj 2024"
# has a place of at most PLACE_WORDS words.
MARGIN_SLACK = 12
TITLE_LINES = 3
INDENT = 30
PLACE_WORDS = 4
_BARE_NUMBER = regex.compile(r"\d{1,3}")


@dataclass
class KallelseContext:
    part: Part
    header: m.Header
    lines: list[Line]  # the part's lines but those of its page header, its tables and its closing
    fields: list[Field]
    tables: list[Table]
    closing: list[Line]  # the place and date, and the signers, that close the notice


def kallelse_context(part: Part, tables: list[Table] | None = None) -> KallelseContext:
    header, _kind, used = page_header(part.sheets)
    mine = {id(line) for line in part.lines}
    tables = [t for t in (tables or []) if id(t.header) in mine]
    skip = {id(line) for line in used} | {id(line) for t in tables for line in t.lines}
    lines = [line for line in part.lines if id(line) not in skip]
    lines, closing = split_signers(lines)
    while lines and _dated_place(lines[-1]):
        closing.insert(0, lines.pop())
    fields, _ = lines_to_fields(_front(lines, tables))
    return KallelseContext(part=part, header=header, lines=lines, fields=fields, tables=tables, closing=closing)


def _front(lines: list[Line], tables: list[Table]) -> list[Line]:
    """The notice's labels and their values: the lines above the agenda (its first item,
    its table or a section heading), or, where the labels stand further down, the label
    lines alone."""
    v = vocabulary()
    item_re = v.derive(_item_re)
    heads = {id(t.header) for t in tables}
    end = next((i for i, line in enumerate(lines) if item_re.match(clean(line.text)) or id(line) in heads
                or section_key(line) is not None), len(lines))
    above = lines[:end]
    below = [line for line in lines[end:] if v.label_prefix_re.match(line.text)]
    return above + below


def _dated_place(line: Line) -> bool:
    """"Östersund den 3 maj 2024": a place and the date the notice was written."""
    text = clean(line.text)
    dates = find_dates(text)
    return bool(dates) and dates[-1].end >= len(text) - 1 and len(text[: dates[0].start].split()) <= PLACE_WORDS


# --- patterns -------------------------------------------------------------------------------

def _item_re(v: Vocabulary) -> regex.Pattern[str]:
    """An agenda item's opening: an item word or § and the number, or the number and a full
    stop or bracket; then perhaps the title."""
    words = alternation(v.words("agenda", "item_words"))
    return regex.compile(rf"^(?:(?:{words}|§)\s*(?P<n1>\d{{1,3}})[.:)]?|(?P<n2>\d{{1,3}})[.)])(?:\s+(?P<title>\S.*))?$",
                         regex.IGNORECASE)


def _dnr_line(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(r"^" + alternation(v.labels["dnr"]) + r"\s*:?\s*(?P<dnr>\S.*)$", regex.IGNORECASE)


def _dnr_tail(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(r"\s((?:" + alternation(v.labels["dnr"]) + r"\s*)?\S+(?:\s+\S+){0,2})$", regex.IGNORECASE)


def _call_sentence(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(alternation(v.words("agenda", "call_words")), regex.IGNORECASE)


def _at(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(r"\s" + alternation(v.words("verification", "place_words")) + r"\s+(?P<place>[^.]+?)\s*(?:\.|$)",
                         regex.IGNORECASE)


# --- the agenda -------------------------------------------------------------------------------

@dataclass
class _Item:
    number: int
    line: Line
    title: list[str]
    lines: list[Line]


def _items(lines: list[Line]) -> list[_Item]:
    v = vocabulary()
    item_re = v.derive(_item_re)
    margin = min((line.x0 for line in lines if item_re.match(clean(line.text))), default=None)
    items: list[_Item] = []
    for k, line in enumerate(lines):
        text = clean(line.text)
        mm = item_re.match(text)
        at_margin = margin is None or not line.positioned or line.x0 <= margin + MARGIN_SLACK
        number = int(mm.group("n1") or mm.group("n2")) if mm else None
        if mm is None and _BARE_NUMBER.fullmatch(text) and k + 1 < len(lines) \
                and _BARE_NUMBER.fullmatch(clean(lines[k + 1].text)) is None:
            # an agenda table's cells read one per line: the number alone, the title under it
            number = int(text)
            if number == (items[-1].number + 1 if items else 1):
                items.append(_Item(number=number, line=line, title=[], lines=[]))
                continue
        if mm and at_margin and number is not None and (not items or number > items[-1].number):
            title = mm.group("title")
            items.append(_Item(number=number, line=line, title=[title] if title else [], lines=[]))
        elif items:
            items[-1].lines.append(line)
    return items


def _item_paragraph(item: _Item) -> m.Paragraph:
    v = vocabulary()
    dnr_line = v.derive(_dnr_line)
    title = list(item.title)
    dnr: str | None = None
    proposal: m.Proposal | None = None
    i = 0
    body = item.lines
    while i < len(body):
        line = body[i]
        text = clean(line.text)
        dm = dnr_line.match(text)
        key = section_key(line)
        bare = None if dm or title and not line.blank_before else dnr_re().fullmatch(text)
        if dm:
            found = dnr_re().match(dm.group("dnr"))
            dnr = dnr or clean(found.group("dnr") if found else dm.group("dnr"))
        elif bare and title:
            dnr = dnr or clean(bare.group("dnr"))  # a table's dnr cell on a line of its own
        elif key == "proposal":
            rest = body[i + 1:]
            end = next((j for j, x in enumerate(rest) if section_key(x) is not None or v.label_prefix_re.match(x.text)),
                       len(rest))
            items = split_items(rest[:end], sentences=True)
            by, to = proposal_parties(text)
            proposal = m.Proposal(by=by, to=to, items=items) if items else proposal
            i += 1 + end
            continue
        elif not title or (len(title) < TITLE_LINES and _continues_title(item, line, i)):
            title.append(text)
        elif v.label_prefix_re.match(text) or key is not None:
            pass  # Föredragande, a section: not the title
        i += 1
    joined = join_lines(title) or None
    if joined and dnr is None:
        tail = v.derive(_dnr_tail).search(joined)
        found = dnr_re().fullmatch(tail.group(1).strip()) if tail else None
        if tail and found:
            dnr, joined = clean(found.group("dnr")), clean(joined[: tail.start()]) or None
    return m.Paragraph(number=item.number, title=joined, dnr=dnr, proposal=proposal,
                       pages=sorted({item.line.page} | {x.page for x in item.lines[:1]}))


def _continues_title(item: _Item, line: Line, index: int) -> bool:
    """A title goes on under its first line: the next lines in the same type, before any
    dnr, label or section (positioned text), or up to a blank line (plain text)."""
    first = item.line if item.title else (item.lines[0] if item.lines else None)
    if first is None or index >= TITLE_LINES or line.blank_before:
        return False
    if vocabulary().label_prefix_re.match(line.text) or section_key(line) is not None:
        return False
    if line.positioned and first.positioned:
        return same_type(line, first) and abs(line.x0 - first.x0) < INDENT
    return all(x is line or not vocabulary().label_prefix_re.match(x.text) for x in item.lines[: index + 1])


def _table_items(table: Table) -> list[m.Paragraph]:
    """Agenda rows; the title cell may go on with the item's proposal under a heading
    ("Förslag till beslut") in the same column."""
    out = []
    for row in table.rows:
        number = regex.match(r"\d{1,3}", table.cell(row, "number").strip(" .)§"))
        if not number:
            continue
        dnr_text = table.cell(row, "dnr")
        found = dnr_re().match(dnr_text) if dnr_text else None
        cell = table.cell_lines(row, "title")
        heading = next((i for i, line in enumerate(cell) if _opens_proposal(line)), len(cell))
        proposal = None
        if heading < len(cell):
            section = next(s for s in split_sections(cell[heading:]) if s.key == "proposal")
            items = split_items(section.lines, sentences=True)
            by, to = proposal_parties(section.heading)
            proposal = m.Proposal(by=by, to=to, items=items) if items else None
        title = join_lines([line.text for line in cell[:heading]]) if cell else table.cell(row, "title")
        out.append(m.Paragraph(number=int(number.group(0)), title=title or None,
                               dnr=clean(found.group("dnr")) if found else (dnr_text or None), proposal=proposal,
                               pages=sorted({line.page for line in row.lines})))
    return out


def _opens_proposal(line: Line) -> bool:
    """"Förslag till beslut" on its own, or run on into the proposal's first sentence."""
    if section_key(line) == "proposal":
        return True
    inline = inline_heading(line)
    return inline is not None and inline.key == "proposal"


# --- extractors ---------------------------------------------------------------------------------

@extractor("kallelse.header", ["kallelse"], "page header band and first lines", "header (its date: the notice's)")
def header(ctx: KallelseContext, doc: m.Document) -> None:
    doc.header = ctx.header.model_copy()
    doc.pages = ctx.part.pages


@extractor("kallelse.meeting", ["kallelse"], "labels Datum, Tid, Plats; else the sentence that calls the members",
           "meeting; header.date is the meeting's")
def meeting(ctx: KallelseContext, doc: m.Document) -> None:
    found = read_meeting(ctx.fields)
    if found.date is None or found.start is None or found.place is None:
        _from_sentence(ctx.lines, found)
    doc.header.date = found.date or doc.header.date
    found.date = found.date or doc.header.date
    doc.meeting = found


def _from_sentence(lines: list[Line], meeting: m.Meeting) -> None:
    """Date, time and place from "… kallas till sammanträde … den 8 februari 2022 kl. 13.00
    i Stadshuset." (over as many lines as it runs)."""
    v = vocabulary()
    for i, line in enumerate(lines):
        if not v.derive(_call_sentence).search(line.text):
            continue
        text = clean(" ".join(x.text for x in lines[i:i + 3]))
        text = regex.split(r"(?<=\.)\s+(?=\p{Lu})", text)[0]  # to the sentence's end (not "kl. 13")
        dates = find_dates(text)
        if not dates:
            continue
        meeting.date = meeting.date or dates[0].iso
        start, end = parse_time_range(text[dates[0].end:])
        meeting.start, meeting.end = meeting.start or start, meeting.end or end
        at = list(v.derive(_at).finditer(text, dates[0].end))
        if at and meeting.place is None:
            meeting.place = clean(at[-1].group("place")).strip(" ,") or None
        return


@extractor("kallelse.agenda", ["kallelse"], "numbered agenda items with their dnr and proposal; agenda tables",
           "paragraphs")
def agenda(ctx: KallelseContext, doc: m.Document) -> None:
    for table in ctx.tables:
        if table.kind == "agenda":
            doc.paragraphs.extend(_table_items(table))
    if not doc.paragraphs:
        doc.paragraphs = [_item_paragraph(item) for item in _items(ctx.lines)]


@extractor("kallelse.signer", ["kallelse"], "the name and title closing the notice", "signatures")
def signer(ctx: KallelseContext, doc: m.Document) -> None:
    doc.signatures = signer_block(ctx.closing)
