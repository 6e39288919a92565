"""A kallelse (meeting notice with its föredragningslista): header, meeting, agenda items."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import models as m
from ..blocks import DNR_RE, Field, Part, lines_to_fields
from ..layout import Line
from ..normalize import clean
from ..vocabulary import Vocabulary, alternation, vocabulary
from .front import read_meeting
from .header import page_header
from .registry import extractor


@dataclass
class KallelseContext:
    part: Part
    header: m.Header
    lines: list[Line]  # the part's lines but those of its page header
    fields: list[Field]


def kallelse_context(part: Part) -> KallelseContext:
    header, _kind, used = page_header(part.sheets)
    used_ids = {id(line) for line in used}
    lines = [line for line in part.lines if id(line) not in used_ids]
    label_re = vocabulary().label_prefix_re
    fields, _ = lines_to_fields([line for line in lines if label_re.match(line.text)])
    return KallelseContext(part=part, header=header, lines=lines, fields=fields)


def _agenda_item(v: Vocabulary) -> regex.Pattern[str]:
    """A numbered agenda line: the number (after an item word or §), then the title."""
    return regex.compile(r"^(?:(?:§|" + alternation(v.words("agenda", "item_words")) + r")\s*)?(\d{1,3})[.)]?\s+(\S.*)$",
                         regex.IGNORECASE)


def _dnr_tail(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(r"\s((?:" + alternation(v.labels["dnr"]) + r"\s*)?\S+(?:\s+\S+){0,2})$", regex.IGNORECASE)


@extractor("kallelse.header", ["kallelse"], "page header band and first lines", "header")
def header(ctx: KallelseContext, doc: m.Document) -> None:
    doc.header = ctx.header.model_copy()
    doc.pages = ctx.part.pages


@extractor("kallelse.meeting", ["kallelse"], "labelled lines: date, time, place", "meeting, header.date")
def meeting(ctx: KallelseContext, doc: m.Document) -> None:
    found = read_meeting(ctx.fields)
    doc.header.date = doc.header.date or found.date
    found.date = found.date or doc.header.date
    doc.meeting = found


@extractor("kallelse.agenda", ["kallelse"], "numbered agenda lines with a dnr at their end", "paragraphs")
def agenda(ctx: KallelseContext, doc: m.Document) -> None:
    v = vocabulary()
    label_re = v.label_prefix_re
    for line in ctx.lines:
        if label_re.match(line.text):
            continue
        mm = v.derive(_agenda_item).match(clean(line.text))
        if not mm:
            continue
        rest = mm.group(2)
        dnr = None
        tail = v.derive(_dnr_tail).search(rest)
        if tail:
            dm = DNR_RE.fullmatch(tail.group(1).strip())
            if dm:
                dnr = clean(dm.group("dnr"))
                rest = rest[: tail.start()]
        doc.paragraphs.append(m.Paragraph(number=int(mm.group(1)), title=clean(rest), dnr=dnr, pages=[line.page]))
