"""Protocol body lines → § paragraphs (number, title, dnr, proposal, decision, lists)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import regex

from .. import models as m
from ..blocks import Heading, dnr_label_re, dnr_re, match_heading
from ..layout import Line, same_type
from ..normalize import clean, join_lines
from ..structures import Table
from ..vocabulary import Vocabulary, alternation, norm, vocabulary
from . import debate
from .common import (
    LEAD_WORDS,
    Section,
    heading_organ,
    paragraph_text,
    phrase,
    proposal_lead,
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


def find_paragraphs(lines: list[Line], expected: tuple[int, int] | None = None
                    ) -> tuple[list[RawParagraph], list[Line], list[RawParagraph]]:
    """Split body lines at § headings. Returns (paragraphs, lines before the first, toc entries).

    A § number printed more than once is a table-of-contents entry everywhere but
    where its body is (the occurrence with the most lines); "§ 537 forts." continues
    the § before it.  A heading inside a § that cites another organ's § ("§ 67
    2026.142 KS Revidering av …" in a list of meddelanden) is part of that §: it lies
    outside the ``expected`` range, or goes back on the page of the § before it.
    """
    raws: list[RawParagraph] = []
    before: list[Line] = []
    listed: list[RawParagraph] = []  # entries of a table of contents
    toc_page: int | None = None
    current: RawParagraph | None = None
    margin = _left_margin(lines)
    for line in lines:
        if _is_toc_title(line):
            toc_page = line.page
            continue
        h = _heading(line, margin)
        if h is None and line.conf is not None:
            h = _fused_heading(line, margin, current, expected)
        if h is not None:
            current = RawParagraph(heading=h, line=line)
            raws.append(current)
            if line.page == toc_page:
                listed.append(current)
        elif current is not None:
            current.lines.append(line)
        else:
            before.append(line)
    # Under a contents title the entries run until one holds a section heading (a body).
    first_body = next((i for i, r in enumerate(listed) if any(section_key(x) is not None for x in r.lines)), len(listed))
    listed = listed[:first_body]
    # "§ 95 Kommande utbildningar ... 10", "… detaljplan" / "1:116, Särö ....... 3": an
    # entry that ends in a page reference is a table-of-contents line, whatever page.
    listed.extend(r for r in raws if _is_toc_entry(r) and not any(r is x for x in listed))
    raws = [r for r in raws if not any(r is x for x in listed)]
    if expected is None:
        expected = main_sequence([r.heading.number for r in raws])
    by_number: dict[int, list[RawParagraph]] = {}
    for r in raws:
        by_number.setdefault(r.heading.number, []).append(r)
    # of the headings with one number, the body is the longest that does not go on from a page before
    bodies = {n: max((x for x in same if not x.heading.continued), key=lambda x: len(x.lines), default=None)
              for n, same in by_number.items()}
    keep: list[RawParagraph] = []
    toc: list[RawParagraph] = []
    for r in raws:
        same = by_number[r.heading.number]
        if len(same) > 1 and r.heading.continued and keep and keep[-1].heading.number == r.heading.number:
            keep[-1].lines.extend(r.lines)
            continue
        body = bodies[r.heading.number] or r
        if body is not r:
            toc.append(r)
        elif keep and _cites_another(r, keep[-1], expected):
            keep[-1].lines.extend([r.line, *r.lines])
        else:
            keep.append(r)
    return keep, before, listed + toc


# Numbers of a protocol's §§ follow each other; a step larger than this leaves the run.
SEQUENCE_STEP = 3


def main_sequence(numbers: list[int]) -> tuple[int, int] | None:
    """The range of the longest run of § numbers that follow each other in order (each
    the same as, or a little above, the one before): the protocol's own §§, when it does not
    state its range.  A § cited in a list ("§ 12 KSAU …") falls outside it."""
    if len(numbers) < 2:
        return None
    best: list[int] = []  # length of the longest run ending at each index
    start: list[int] = []
    for i, n in enumerate(numbers):
        length, first = 1, n
        for j in range(max(0, i - 40), i):
            if 0 <= n - numbers[j] <= SEQUENCE_STEP and best[j] + 1 > length:
                length, first = best[j] + 1, start[j]
        best.append(length)
        start.append(first)
    i = max(range(len(numbers)), key=lambda k: best[k])
    return (start[i], numbers[i]) if best[i] >= 2 else None


# § headings start at the left margin, within this many points; the margin is the most
# common left edge of lines wider than MARGIN_LINE, counted in steps of MARGIN_STEP.
MARGIN_SLACK = 12
MARGIN_STEP = 4.0
MARGIN_LINE = 60
TITLE_LINES = 4  # a § title runs over this many lines at most


def _is_toc_title(line: Line) -> bool:
    return norm(clean(line.text)) in vocabulary().toc_titles


def _heading(line: Line, margin: float | None) -> Heading | None:
    """A § heading; on a positioned page it starts at the left margin (an indented "§ 12 …"
    is a reference in a list)."""
    return match_heading(line) if margin is None or line.x0 <= margin + MARGIN_SLACK else None


def _fused_heading(line: Line, margin: float | None, previous: RawParagraph | None,
                  expected: tuple[int, int] | None) -> Heading | None:
    """An OCR'd heading whose "§" was misread: as "8" glued to its number ("8574 Budget …"),
    as "5" or "S" before it, or lost after the organ's letters ("KSAU 328 2018.805 KSAU").
    Taken as "§ N" only where N comes next in the run of §§ (or opens the expected range),
    and a lost sign only after the organ's letters the heading before was printed with."""
    mm = _FUSED.match(line.text)
    if mm is None:
        return None
    prefix = mm.group("prefix") or ""
    if not mm.group("sign") and not (prefix and previous is not None and previous.line.text.startswith(prefix)):
        return None
    n = int(mm.group("num"))
    h = _heading(replace(line, text=f"{prefix}§ {n}{line.text[mm.end():]}", segments=[]), margin)
    if h is None:
        return None
    if previous is not None:
        after = previous.heading.number
        fits = after < n <= after + SEQUENCE_STEP or (n == after and h.continued)
    else:
        fits = expected is not None and n == expected[0]
    return h if fits else None


# "8574", "8 574", "5 574", "KSAU 8335", "KSAU 328": a misread sign, or none after the organ's letters
_FUSED = regex.compile(r"^(?P<prefix>\p{Lu}{2,8}\s+)?(?:(?P<sign>8|5|S)\s?)?(?P<num>\d{1,4})(?=\s|$)")


def first_heading(lines: list[Line]) -> int:
    """Index of the first § heading or table-of-contents title (len(lines) when none):
    the lines above it are the protocol's front matter."""
    margin = _left_margin(lines)
    return next((i for i, line in enumerate(lines) if _is_toc_title(line) or _heading(line, margin) is not None), len(lines))


def _left_margin(lines: list[Line]) -> float | None:
    """The most common left edge of positioned body lines (None for plain text)."""
    xs = Counter(round(ln.x0 / MARGIN_STEP) for ln in lines if ln.positioned and ln.x1 - ln.x0 > MARGIN_LINE)
    if not xs:
        return None  # plain text: columns of characters, indentation is not layout
    return xs.most_common(1)[0][0] * MARGIN_STEP


def _cites_another(raw: RawParagraph, previous: RawParagraph, expected: tuple[int, int] | None) -> bool:
    n, prev = raw.heading.number, previous.heading.number
    if expected is not None and expected[0] <= prev <= expected[1] and not expected[0] <= n <= expected[1]:
        return True
    return n < prev and raw.line.page == previous.line.page and not raw.heading.continued


_PAGE_REF = regex.compile(r"^\d{1,3}(?:\s*[-–]\s*\d{1,3})?$")
_LEADER_REF = regex.compile(r"(?:\.{4,}|…{2,})\s*\d{1,3}(?:\s*[-–]\s*\d{1,3})?$")


def _is_toc_entry(raw: RawParagraph) -> bool:
    """The heading, or a title line right under it, ends in a page reference: a page
    number or range in its own column, or after dot leaders."""
    for line in [raw.line, *raw.lines[:2]]:
        if section_key(line) is not None:
            return False
        if _LEADER_REF.search(line.text) or (len(line.segments) > 1 and _PAGE_REF.match(line.segments[-1].text)):
            return True
    return False


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
        dm = dnr_re().match(text)
        if dm and title and dnr is None and dm.end() >= len(text) - 1:
            dnr = clean(dm.group("dnr"))  # "Förrättningar 2023-2026" / "Bun/2023:391 000"
            i += 1
            continue
        if dm and not title and (dm.end() >= len(text) - 1 or v.label_prefix_re.match(text)):
            dnr = dnr or clean(dm.group("dnr"))
            rest = clean(text[dm.end():])
            i += 1
            if rest:
                title.append(rest)
                first_title_line = line
            continue
        key = section_key(line)
        if key is not None:
            if not title and key in _TITLE_SECTIONS and i + 1 < len(lines) and lines[i + 1].blank_before:
                title.append(text)  # "§ 579 …" / "Anföranden": a § titled by a section word
                i += 1
            break
        if not title:
            title.append(text)
            first_title_line = line
            i += 1
            continue
        if len(title) >= TITLE_LINES or line.blank_before or first_title_line is None:
            break
        if not _continues_title(first_title_line, line, title[-1]) and not _runs_to_section(lines, i, title):
            break
        title.append(text)
        i += 1
    return title, dnr, i, is_utdrag


def _bracketed_dnr(title: str) -> tuple[str, str | None]:
    """A title ending in its case number in brackets, wrapped or not ("… beslut om samråd
    (15/0010-9)"): the title and the dnr."""
    bm = regex.search(r"\s*\(([^()]+)\)$", title)
    inner = None
    if bm is not None:  # as printed, else with a line break's space taken out
        inner = dnr_re().fullmatch(bm.group(1).strip()) or dnr_re().fullmatch(regex.sub(r"\s+", "", bm.group(1)))
    if bm is None or inner is None:
        return title, None
    return title[: bm.start()], clean(inner.group("dnr"))


def _labelled_dnr(title: str) -> tuple[str, str | None]:
    """A title with its labelled case number run on after it, the line break between them
    lost ("Taxa för bygglov Dnr BN 2025/40"): the title and the dnr."""
    for lm in dnr_label_re().finditer(title):
        if lm.start() == 0 or not title[lm.start() - 1].isspace():
            continue
        found = dnr_re().fullmatch(title[lm.start():].strip())
        if found:
            return clean(title[: lm.start()]), clean(found.group("dnr"))
    return title, None


# Section words that may stand as a §'s only title ("Anföranden", "Information").
_TITLE_SECTIONS = {"speeches", "information", "description"}


def _runs_to_section(lines: list[Line], i: int, title: list[str]) -> bool:
    """Title lines run on up to the first section heading ("… Fjärrkyla" / "Älvstaden" /
    "Beslut"): lines ``i``… reach a heading within four title lines, with no blank line and
    no sentence end on the way."""
    if title[-1].endswith((".", ":", "!", "?")):
        return False
    for j in range(i, min(len(lines), i + 5 - len(title))):
        line = lines[j]
        if section_key(line) is not None:
            return j > i
        if j > i and line.blank_before:
            return False
        if clean(line.text).endswith((".", ":", "!", "?")):
            return False
    return False


def _continues_title(first: Line, line: Line, previous: str) -> bool:
    if first.positioned and line.positioned and first.size:
        # positioned text: same type as the title's first line
        return same_type(first, line) and not previous.endswith((".", ":"))
    joiners = vocabulary().words("grammar", "title_joiners")
    return previous.endswith(("-", "–", ",")) or line.text[:1].islower() or previous.split()[-1].casefold() in joiners


def build_paragraph(raw: RawParagraph, margins: dict[int, float], organ: str | None,
                    tables: Sequence[Table] = ()) -> tuple[m.Paragraph, bool]:
    title_lines, dnr, start, is_utdrag = _title_lines(raw)
    title = join_lines(title_lines) or None
    if title and dnr is None:
        title, dnr = _bracketed_dnr(title)
    if title and dnr is None:
        title, dnr = _labelled_dnr(title)
    para = m.Paragraph(number=raw.heading.number, title=title, dnr=dnr)
    pages = {raw.line.page} | {line.page for line in raw.lines}
    para.pages = sorted(pages)
    own = {id(line) for line in raw.lines}
    mine = [t for t in tables if id(t.header) in own]
    in_tables = {id(line) for t in mine for line in t.lines}
    sections = split_statements(split_sections([line for line in raw.lines[start:] if id(line) not in in_tables]))
    _read_debate(para, sections, [t for t in mine if t.kind == "votes"])
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
        if sec.key in DEBATE_KEYS:
            continue
        _apply_section(para, sec.key, sec.heading, sec.lines, margins, organ)
    if para.decision is None and sections and sections[0].heading_line is None:
        para.decision = _bare_decision(sections[0].lines)
    return para, is_utdrag


def _bare_decision(lines: list[Line]) -> m.Decision | None:
    """"Meddelandena noteras." printed alone under the title, without a Beslut heading."""
    text = join_lines([ln.text for ln in lines])
    endings = vocabulary().data["decisions"]["bare_endings"]
    if regex.fullmatch(r"[^.!?]{3,120}\.", text) and regex.search(
            r"\s(?:" + "|".join(regex.escape(e) for e in endings) + r")\.$", text, regex.IGNORECASE):
        return m.Decision(items=[text])
    return None


def _bare_attachment(v: Vocabulary) -> regex.Pattern[str]:
    """"Bilaga." or "Bilaga 2" alone under the att-satser: a pointer to an attachment."""
    return regex.compile(alternation(v.kinds["bilaga"] + v.words("sections", "attachments")) + r"(?:\s+\d{1,2})?\.?",
                         regex.IGNORECASE)

# Sections whose content is read by _read_debate, not kept as free text.
DEBATE_KEYS = {"motions", "reservation", "note", "conflict", "ballots"}
# Sections in which vote counts are read.
_VOTE_KEYS = {"voting", "procedure", "decision", "motions", "ballots"}


def split_statements(sections: list[Section]) -> list[Section]:
    """A yrkande printed under a proposal ("Förslag till beslut på sammanträdet" /
    "Arbetsutskottets förslag till beslut: …" / "X (C) föreslår följande tillägg: …")
    starts a motions section of its own."""
    out: list[Section] = []
    for sec in sections:
        out.append(sec)
        if sec.key not in {"proposal", "decision"}:
            continue
        for i, line in enumerate(sec.lines):
            if i and debate.starts_statement(clean(line.text)):
                out.append(Section(key="motions", heading="", heading_line=None, lines=sec.lines[i:]))
                sec.lines = sec.lines[:i]
                break
    return out


def note_kind(heading: str) -> str:
    """A note's kind by its heading: a särskilt yttrande's words, else a protokollsanteckning."""
    for kind, words in vocabulary().data["notes"].items():
        if any(norm(w) in norm(heading) for w in words):
            return str(kind)
    return NOTE


NOTE = "protokollsanteckning"  # the kind of a note whose heading names no other


def _read_debate(para: m.Paragraph, sections: list[Section], vote_tables: list[Table]) -> None:
    """Yrkanden, votes, ballots, reservations, notes, jäv and secrecy of one §."""
    texts = [join_lines([ln.text for ln in sec.lines]) for sec in sections]
    headings = [sec.heading for sec in sections]
    all_text = " ".join(headings + texts)
    for sec in sections:
        if sec.key not in {"motions", "reservation", "note", "conflict"} | _VOTE_KEYS:
            continue
        text = join_lines([ln.text for ln in sec.lines])
        statements = debate.find_statements(text)
        if sec.key in _VOTE_KEYS - {"motions"}:
            # a reservation or note that lost its heading; yrkanden here are the
            # chair's summary ("Ordföranden ställer X:s yrkande …"), not motions
            statements = [st for st in statements if st.kind != "motion"]
        for st in statements:
            model = debate.statement_to_model(st)
            if isinstance(model, m.Motion):
                para.motions.append(model)
            elif isinstance(model, m.Reservation):
                para.reservations.append(model)
            else:
                para.notes.append(model)
        if sec.key == "note" and not statements and text:
            # "Anteckning: Det antecknas att …", "Ledamöterna från SD deltar inte i beslutet."
            kind = note_kind(sec.heading)
            para.notes.append(m.Note(kind=kind, by=debate.subject_names(text), text=text))
    vote_text = join_lines([ln.text for sec in sections if sec.key in _VOTE_KEYS for ln in sec.lines])
    para.votes = debate.find_votes(vote_text)
    tables = [debate.ballots_from(t) for t in vote_tables]
    listed = debate.list_ballots(vote_text)
    if listed:
        tables.append(debate.BallotTable(ballots=listed))
    for i, table in enumerate(tables):
        if i < len(para.votes):
            debate.attach_table(para.votes[i], table)
        else:
            para.votes.append(debate.table_to_vote(table))
    para.recused = [n for t in texts for n in debate.find_recused(t)]
    para.restricted = debate.is_restricted(all_text)
    para.immediately_adjusted = debate.is_immediate(all_text)


def _apply_section(para: m.Paragraph, key: str, heading: str, lines: list[Line],
                   margins: dict[int, float], organ: str | None) -> None:
    if key == "decision":
        lead, body = split_lead(lines)
        # "Bilaga." under the att-satser points to an attachment: not a decision
        items = [i for i in split_items(body, margins, sentences=True) if not vocabulary().derive(_bare_attachment).fullmatch(i)]
        if items or lead:
            para.decision = m.Decision(items=items)
        if lead is not None and lead[0] == "proposal":
            # the deciding organ proposes: "Förslag till kommunfullmäktige"
            para.proposal = m.Proposal(by=organ or lead[1], to=lead[2], items=items)
        elif items and (proposes := phrase("proposes").match(items[0])) and heading_organ(proposes.group("to")):
            # "Barn- och utbildningsnämnden beslutar att föreslå kommunstyrelsen, …": the
            # decision is a proposal to another organ
            by = heading_organ(proposes.group("by")) or organ
            para.proposal = m.Proposal(by=by, to=heading_organ(proposes.group("to")), items=items)
    elif key == "proposal":
        lead, body = split_lead(lines)
        by, to = proposal_parties(heading)
        if lead is not None and lead[0] == "proposal":
            by, to = by or lead[1], to or lead[2]
        items = split_items(body, margins, sentences=True)
        if items:
            para.proposal = m.Proposal(by=by, to=to, items=items)
    elif key == "attachments":
        for item in split_items(lines, margins, sentences=True):
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
    mm = proposal_lead(clean(text))
    if not mm:
        return None, None
    by = heading_organ(mm.group("by")[:-1]) if mm.group("by") else None
    if mm.group("by") and by is None:
        by = clean(mm.group("by")[:-1])
        by = by[:1].upper() + by[1:]
    to_text = mm.group("to1") or mm.group("to2")
    to = None
    if to_text:
        to_text = phrase("for_decision").split(to_text)[0]
        to = heading_organ(to_text) or None
    return by, to


def _party(text: str) -> str:
    """An organ named in running text, as a name: "kommunfullmäktige" → "Kommunfullmäktige"."""
    text = clean(text)
    return heading_organ(text) or text[:1].upper() + text[1:]


def split_lead(lines: list[Line]) -> tuple[tuple[str, str | None, str | None] | None, list[Line]]:
    """Separate a lead-in ("Förslag till kommunfullmäktige", "Nämnden beslutar att") from items."""
    if not lines:
        return None, lines
    first = clean(lines[0].text)
    if proposal_lead(first) and len(first.split()) <= LEAD_WORDS:
        by, to = proposal_parties(first)
        return ("proposal", by, to), lines[1:]
    if pm := phrase("propose_lead").match(first):
        return ("proposal", _party(pm.group("by")), _party(pm.group("to"))), lines[1:]
    # "Nämnden beslutar följande:", "Enligt kommunstyrelsens förslag:" lead in; an att-sats
    # ending in a colon ("Planen antas med följande ändring:") is an item.
    if phrase("decision").match(first) or (first.endswith(":") and phrase("according").match(first)):
        return ("decision", None, None), lines[1:]
    return None, lines
