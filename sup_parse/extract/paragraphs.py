"""Protocol body lines → § paragraphs (number, title, dnr, proposal, decision, lists)."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .. import models as m
from ..blocks import DNR_RE, Heading, match_heading
from ..layout import Line
from ..normalize import clean, join_lines
from ..vocabulary import norm, vocabulary
from .common import (
    DECISION_LEAD_RE,
    PROPOSAL_LEAD_RE,
    heading_organ,
    paragraph_text,
    section_key,
    split_items,
    split_list_entry,
    split_sections,
)


@dataclass
class RawParagraph:
    heading: Heading
    line: Line
    lines: list[Line] = field(default_factory=list)


def find_paragraphs(lines: list[Line]) -> tuple[list[RawParagraph], list[Line], list[RawParagraph]]:
    """Split body lines at § headings. Returns (paragraphs, lines before the first, toc entries).

    A § number printed more than once is a table-of-contents entry everywhere but
    where its body is (the occurrence with the most lines); "§ 537 forts." continues
    the § before it.
    """
    raws: list[RawParagraph] = []
    before: list[Line] = []
    for line in lines:
        h = match_heading(line)
        if h is not None:
            raws.append(RawParagraph(heading=h, line=line))
        elif raws:
            raws[-1].lines.append(line)
        else:
            before.append(line)
    by_number: dict[int, list[RawParagraph]] = {}
    for r in raws:
        by_number.setdefault(r.heading.number, []).append(r)
    keep: list[RawParagraph] = []
    toc: list[RawParagraph] = []
    for r in raws:
        same = by_number[r.heading.number]
        if len(same) > 1 and r.heading.continued and keep and keep[-1].heading.number == r.heading.number:
            keep[-1].lines.extend(r.lines)
            continue
        body = max((x for x in same if not x.heading.continued), key=lambda x: len(x.lines), default=r)
        if body is r:
            keep.append(r)
        else:
            toc.append(r)
    # A heading run whose entries hold a line or two each and that repeats later
    # numbers is a table of contents even where numbers are not repeated.
    return keep, before, toc


def _title_lines(raw: RawParagraph) -> tuple[list[str], str | None, int, bool]:
    """The title (lines), a dnr printed under the heading, where the rest starts, utdrag mark."""
    v = vocabulary()
    dnr = raw.heading.dnr
    title: list[str] = [raw.heading.title] if raw.heading.title else []
    first_title_line: Line | None = raw.line if raw.heading.title else None
    is_utdrag = False
    i = 0
    lines = raw.lines
    while i < len(lines):
        line = lines[i]
        text = clean(line.text)
        key = v.kind_index.get(norm(text))
        if key in {"protokollsutdrag", "protokoll"}:
            is_utdrag = is_utdrag or key == "protokollsutdrag"
            i += 1
            continue
        dm = DNR_RE.match(text)
        if dm and not title and (dm.end() >= len(text) - 1 or regex.match(r"(?i)dnr|diarie", text)):
            dnr = dnr or clean(dm.group("dnr"))
            rest = clean(text[dm.end():])
            i += 1
            if rest:
                title.append(rest)
                first_title_line = line
            continue
        if section_key(line) is not None:
            break
        if not title:
            title.append(text)
            first_title_line = line
            i += 1
            continue
        if len(title) >= 4 or line.blank_before or first_title_line is None:
            break
        if not _continues_title(first_title_line, line, title[-1]):
            break
        title.append(text)
        i += 1
    return title, dnr, i, is_utdrag


def _continues_title(first: Line, line: Line, previous: str) -> bool:
    if first.segments and line.segments and first.size and (first.x1 - first.x0) > 0 and first.top != first.bottom - 1:
        # positioned text: same type as the title's first line
        same_type = first.bold == line.bold and abs(first.size - line.size) < 0.6
        return same_type and not previous.endswith((".", ":"))
    return previous.endswith(("-", "–", ",")) or line.text[:1].islower() or previous.split()[-1].casefold() in {"och", "i", "av", "för", "med", "till"}


def build_paragraph(raw: RawParagraph, margins: dict[int, float], organ: str | None) -> tuple[m.Paragraph, bool]:
    title_lines, dnr, start, is_utdrag = _title_lines(raw)
    para = m.Paragraph(number=raw.heading.number, title=join_lines(title_lines) or None, dnr=dnr)
    pages = {raw.line.page} | {line.page for line in raw.lines}
    para.pages = sorted(pages)
    sections = split_sections(raw.lines[start:])
    for i, sec in enumerate(sections):
        if sec.key == "decision" and not sec.lines and i + 1 < len(sections) and sections[i + 1].key == "proposal":
            # "Beslut" / "Arbetsutskottets förslag till beslut:" — the decision is a proposal
            nxt = sections[i + 1]
            nxt.lines = [nxt.heading_line, *nxt.lines] if nxt.heading_line is not None else nxt.lines
            nxt.key, nxt.heading = "decision", sec.heading
            continue
        if sec.key == "immediate":
            para.immediately_adjusted = True
            continue
        _apply_section(para, sec.key, sec.heading, sec.lines, margins, organ)
    return para, is_utdrag


def _apply_section(para: m.Paragraph, key: str, heading: str, lines: list[Line],
                   margins: dict[int, float], organ: str | None) -> None:
    if key == "decision":
        lead, body = split_lead(lines)
        items = split_items(body, margins, sentences=True)
        if items or lead:
            para.decision = m.Decision(items=items)
        if lead is not None and lead[0] == "proposal":
            # the deciding organ proposes: "Förslag till kommunfullmäktige"
            para.proposal = m.Proposal(by=organ or lead[1], to=lead[2], items=items)
    elif key == "proposal":
        lead, body = split_lead(lines)
        by, to = proposal_parties(heading)
        if lead is not None and lead[0] == "proposal":
            by, to = by or lead[1], to or lead[2]
        items = split_items(body, margins, sentences=True)
        if items:
            para.proposal = m.Proposal(by=by, to=to, items=items)
    elif key == "attachments":
        for item in split_items(lines, margins):
            para.attachments.append(m.Attachment(title=item))
    elif key == "recipients":
        for line in lines:
            para.recipients.extend(split_list_entry(line.text))
    elif lines or heading:
        text = paragraph_text(lines, margins)
        if text or heading:
            para.sections.append(m.Section(heading=heading or "", text=text))


def proposal_parties(text: str) -> tuple[str | None, str | None]:
    """("Kommunledningsutskottet", "Kommunstyrelsen") from "Kommunledningsutskottets förslag till kommunstyrelsen"."""
    mm = PROPOSAL_LEAD_RE.match(clean(text))
    if not mm:
        return None, None
    by = heading_organ(mm.group("by")[:-1]) if mm.group("by") else None
    if mm.group("by") and by is None:
        by = clean(mm.group("by")[:-1])
        by = by[:1].upper() + by[1:]
    to_text = mm.group("to1") or mm.group("to2")
    to = None
    if to_text:
        to_text = regex.split(r"\s+(?:för|inför)\s+beslut", to_text)[0]
        to = heading_organ(to_text) or None
    return by, to


def split_lead(lines: list[Line]) -> tuple[tuple[str, str | None, str | None] | None, list[Line]]:
    """Separate a lead-in ("Förslag till kommunfullmäktige", "Nämnden beslutar att") from items."""
    if not lines:
        return None, lines
    first = clean(lines[0].text)
    if PROPOSAL_LEAD_RE.match(first) and len(first.split()) <= 14:
        by, to = proposal_parties(first)
        return ("proposal", by, to), lines[1:]
    if DECISION_LEAD_RE.match(first) or (first.endswith(":") and len(first) < 90):
        return ("decision", None, None), lines[1:]
    return None, lines
