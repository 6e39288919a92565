"""A tjänsteskrivelse (tjänsteutlåtande, tjänsteyttrande, missiv): letterhead, body, author.

The letterhead is everything above the first section heading, with the first page's
header band.  It is read in blocks (runs of lines between gaps): a block with labels is
a label grid — labels beside, above or before their values, in boxes or not (Datum,
Diarienummer, Vår beteckning, Handläggare, Till, Förvaltning …), read by
``lines_to_fields``; a block without labels holds the issuer, the förvaltning, the
addressed organ, the kind word, or the title (the last such block before the body).
"Er beteckning" is the addressee's reference and never the document's dnr.

The body is read by its section headings: Förslag till beslut / Beslutsförslag (the
proposal's att-satser), Beslutsunderlag / Bilagor, Expedieras till / Beslutet skickas
till, free-text sections; the signature block (names over their titles) closes it.
The author (handläggare) comes from the letterhead, else from a footer line
("Handläggare: … · titel · Telefon: … · E-post: …"); a title it lacks from the
signature block, where the same person signs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .. import models as m
from ..blocks import Field, Part, dnr_re, kind_lead, lines_to_fields
from ..layout import Line
from ..normalize import clean, find_dates, join_lines
from ..structures import read_columns
from ..vocabulary import Vocabulary, alternation, norm, vocabulary
from .common import department, paragraph_text, right_margin, section_key, split_items, split_list_entry, split_sections
from .paragraphs import proposal_parties, split_lead
from .registry import extractor

EMAIL_RE = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_RE = regex.compile(r"(?<![\d-])\+?\d[\d\s-]{4,16}\d(?![\d-])")
# A name is at most this many words; a letterhead title block at most this many lines.
NAME_WORDS = 5
TITLE_LINES = 3


def _name_re(v: Vocabulary) -> regex.Pattern[str]:
    particle = alternation(v.words("debate", "name_particles"))
    word = rf"(?:\p{{Lu}}\p{{Ll}}+(?:-\p{{Lu}}\p{{Ll}}+)?|{particle})"
    return regex.compile(rf"^{word}(?:\s+{word}){{1,{NAME_WORDS - 1}}}$")


def is_name(text: str) -> bool:
    """A person's name: two to five capitalised words (particles allowed)."""
    return bool(vocabulary().derive(_name_re).match(clean(text)))


def is_position(text: str) -> bool:
    """A job title ("Förvaltningschef", "tf kommundirektör", "Controller"): a few words, one
    of which ends in a title word of the vocabulary."""
    v = vocabulary()
    words = clean(text).casefold().split()
    if not words or len(words) > NAME_WORDS or text.rstrip().endswith((".", ":")):
        return False
    endings = tuple(v.words("positions", "endings"))
    return any(w.endswith(endings) for w in words) or words[0] in v.words("positions", "prefixes")


def _municipality(text: str) -> str | None:
    """An issuer's name: words ending in an issuer word (kommun, region, stad, förbund …);
    printed in capitals, written as a name."""
    v = vocabulary()
    text = clean(text)
    words = text.split()
    if not (1 < len(words) <= 6) or text.endswith((".", ":")) or not words[0][:1].isupper():
        return None
    last = words[-1].casefold()
    led = words[0].casefold() in v.words("organs", "issuer_leads") and all(w[:1].isupper() for w in words[1:])
    if led or last in v.municipality_words or last.endswith(tuple(v.words("organs", "issuer_endings"))):
        return _as_name(text) if text.isupper() else text
    return None


def _as_name(text: str) -> str:
    """A name printed in capitals, as it is written: each word capitalised but the joining
    and issuer words that stay lower case in a name ("Norrköpings kommun", "Borås Stad")."""
    lower = set(vocabulary().words("organs", "lower_case_words"))
    words = text.lower().split()
    return " ".join(w if i and w in lower else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _organ(text: str) -> str | None:
    text = clean(text)
    if len(text.split()) > 6 or text.endswith("."):
        return None
    mm = vocabulary().organ_re.fullmatch(text)
    if mm and not mm.group(2):
        return text
    return None


def _dnr_and_organ(text: str) -> tuple[str, str | None]:
    """A case number and the organ printed after it ("2017.214 SN Socialnämnden")."""
    dm = dnr_re().match(text)
    if dm:
        rest = clean(text[dm.end():])
        if rest and _organ(rest):
            return clean(dm.group("dnr")), rest
        return (clean(dm.group("dnr")), None) if not rest else (text, None)
    words = text.split()
    for n in (3, 2, 1):
        if len(words) > n and _organ(" ".join(words[-n:])):
            return " ".join(words[:-n]), " ".join(words[-n:])
    return text, None


# --- signature blocks -------------------------------------------------------------------------

def split_signers(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Split off a signature block: a department line, then name lines over position lines."""
    for i, line in enumerate(lines):
        names = [clean(s.text) for s in line.segments] if line.segments else [clean(line.text)]
        if all(is_name(n) for n in names) and i + 1 < len(lines) and _is_position_row(lines[i + 1], len(names)):
            start = i - 1 if i > 0 and department(clean(lines[i - 1].text)) else i
            return lines[:start], lines[start:]
    return lines, []


def _is_position_row(line: Line, count: int) -> bool:
    segs = [clean(s.text) for s in line.segments] if line.segments else [clean(line.text)]
    if len(segs) == count:
        return all(is_position(s) for s in segs)
    return is_position(clean(line.text))


def _signers(lines: list[Line]) -> list[m.Signature]:
    out: list[m.Signature] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        names = [clean(s.text) for s in line.segments] if line.segments else [clean(line.text)]
        if all(is_name(n) for n in names) and i + 1 < len(lines) and _is_position_row(lines[i + 1], len(names)):
            nxt = lines[i + 1]
            titles = [clean(s.text) for s in nxt.segments] if len(nxt.segments) == len(names) else [clean(nxt.text)]
            for k, name in enumerate(names):
                out.append(m.Signature(role=None, name=name, title=titles[k] if k < len(titles) else None))
            i += 2
            continue
        i += 1
    return out


def signer_block(lines: list[Line]) -> list[m.Signature]:
    """The signers closing ``lines``: names over their titles (role null, title as printed)."""
    return _signers(split_signers(lines)[1])


# --- context ---------------------------------------------------------------------------------------

@dataclass
class TjanstContext:
    part: Part
    band: list[Line] = field(default_factory=list)  # the first page's header band
    head: list[Line] = field(default_factory=list)  # lines above the first section heading
    body: list[Line] = field(default_factory=list)
    footer: list[Line] = field(default_factory=list)  # header and footer bands of every page
    fields: list[Field] = field(default_factory=list)
    loose: list[list[Line]] = field(default_factory=list)  # letterhead blocks without labels, in order


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of lines between gaps (a blank line, a wide vertical space)."""
    out: list[list[Line]] = []
    for line in lines:
        if not out or line.blank_before:
            out.append([])
        out[-1].append(line)
    return out


def tjanst_context(part: Part) -> TjanstContext:
    lines = part.lines
    first_section = next((i for i, line in enumerate(lines) if section_key(line) is not None), len(lines))
    ctx = TjanstContext(part=part, band=list(part.sheets[0].header) if part.sheets else [],
                        head=read_columns(lines[:first_section]), body=lines[first_section:],
                        footer=[line for s in part.sheets for line in s.footer + s.header])
    contact = [line for line in ctx.body if _contact_line(line)]
    ctx.body = [line for line in ctx.body if line not in contact]
    ctx.footer += contact
    ctx.fields, unplaced = lines_to_fields(ctx.band + ctx.head)
    ctx.fields, titled = _names_titles(ctx.fields, ctx.band + ctx.head)
    unplaced += titled
    unplaced = [line for line in unplaced if line not in ctx.band]
    for f in ctx.fields:
        if f.key in ONE_LINE and f.values:
            # a letterhead box holds one line; lines under it (a title) are the letterhead's own
            first = f.values[0].line
            unplaced += [v.line for v in f.values if v.line is not first]
            f.values = [v for v in f.values if v.line is first]
    order = {id(line): i for i, line in enumerate(ctx.head)}
    loose = {order[id(line)]: line for line in unplaced if id(line) in order}  # each once, in reading order
    ctx.loose = _blocks([loose[i] for i in sorted(loose)])
    return ctx


def _stops_on_joiner(text: str) -> bool:
    """A title line that stops on a joining word or a hyphen goes on in the next line."""
    words = clean(text).split()
    return bool(words) and (words[-1].casefold() in vocabulary().words("grammar", "title_joiners") or text.endswith("-"))


def _contact_line(line: Line) -> bool:
    """A line under the body that names the handläggare with a label ("Handläggare: X · titel
    · E-post: …"): the memo's contact line, read like a footer's."""
    v = vocabulary()
    first = _pieces(line.text)[:1]
    mm = v.label_prefix_re.match(first[0]) if first else None
    return mm is not None and v.label_index[norm(mm.group(1))] == "author" and len(_pieces(line.text)) > 1


def _names_titles(fields: list[Field], lines: list[Line]) -> tuple[list[Field], list[Line]]:
    """A label word that is also a job title ("Utredare"), alone under a name in its column,
    is the name's title: that field is dropped and its lines given back."""
    keep: list[Field] = []
    freed: list[Line] = []
    index = {id(line): i for i, line in enumerate(lines)}
    for f in fields:
        if f.line is None:
            keep.append(f)
            continue
        i = index.get(id(f.line), 0)
        above = lines[i - 1] if i > 0 else None
        alone = not any(v.line is f.line for v in f.values) and clean(f.line.text) == f.label
        named = above is not None and any(abs(seg.x0 - f.label_x0) <= NAME_COLUMN and is_name(seg.text)
                                          for seg in above.segments)
        if alone and named and is_position(f.label):
            freed += [f.line] + [v.line for v in f.values]
            continue
        keep.append(f)
    return keep, freed


NAME_COLUMN = 6.0  # a title stands under its name within this many points

# Letterhead labels whose value is one line.
ONE_LINE = {"date", "dnr", "author", "phone", "email", "addressee", "department", "their_ref", "organ"}


def _field_text(f: Field) -> str:
    return clean(" ".join(f.texts))


# --- extractors -------------------------------------------------------------------------------------

@extractor("tjansteskrivelse.letterhead", ["tjansteskrivelse"],
           "letterhead label grid (Datum, Dnr, Vår beteckning, Till, Förvaltning) and name lines; the title block",
           "header")
def letterhead(ctx: TjanstContext, doc: m.Document) -> None:
    v = vocabulary()
    h = m.Header()
    for f in ctx.fields:
        own: list[str] = []
        for value in f.values:
            # a name in a column of its own beside a label's value (the addressed organ beside
            # the date) is the letterhead's, not the label's
            piece = clean(value.text)
            if f.key not in {"addressee", "organ", "department"} and own and _organ(piece):
                h.organ = h.organ or _organ(piece)
            elif f.key not in {"addressee", "organ", "department"} and own and _municipality(piece):
                h.municipality = h.municipality or _municipality(piece)
            else:
                own.append(piece)
        text = clean(" ".join(own))
        if not text:
            continue
        if f.key == "date":
            dates = find_dates(text)
            h.date = h.date or (dates[0].iso if dates else None)
        elif f.key == "dnr" and h.dnr is None and not v.kind_index.get(norm(text)):
            h.dnr, organ = _dnr_and_organ(text)
            h.organ = h.organ or organ
        elif f.key in {"addressee", "organ"}:
            h.organ = h.organ or _organ(text) or text
        elif f.key == "department":
            h.department = h.department or text
    titles: list[list[str]] = []
    starts: list[bool] = []  # whether each title block stands below the letterhead's labels
    broken = True  # a line read as something else (an organ, a date) ends the title block above it
    order = {id(line): i for i, line in enumerate(ctx.head)}
    last_field = max([order.get(id(value.line), -1) for f in ctx.fields for value in f.values]
                     + [order.get(id(f.line), -1) for f in ctx.fields], default=-1)
    for line in ctx.band + [x for block in ctx.loose for x in block]:
        pieces = [clean(s.text) for s in line.segments] or [clean(line.text)]
        rest = []
        for piece in pieces:
            if v.kind_index.get(norm(piece)) or v.page_number_re.match(piece):
                continue
            kind, rest_of = kind_lead(piece)
            piece = clean(rest_of) if kind else piece  # "Tjänsteskrivelse Exempelregionens kommunalförbund"
            if not piece:
                continue
            dates = find_dates(piece)
            if dates and dates[0].start <= 1 and dates[0].end >= len(piece) - 1:
                h.date = h.date or dates[0].iso
            elif _municipality(piece):
                h.municipality = h.municipality or _municipality(piece)
            elif department(piece):
                h.department = h.department or department(piece)
            elif _organ(piece):
                h.organ = h.organ or _organ(piece)
            elif not (EMAIL_RE.fullmatch(piece) or PHONE_RE.fullmatch(piece)):
                rest.append(piece)
        if rest and line not in ctx.band:
            # below the letterhead's labels a title goes on over a gap where its line stops on a
            # joining word (a converter puts a blank line between the lines of a wrapped title)
            below = order.get(id(line), -1) > last_field >= 0
            wraps = below and bool(titles) and bool(titles[-1]) and _stops_on_joiner(titles[-1][-1])
            if not titles or broken or (line.blank_before and not wraps):
                titles.append([])
                starts.append(below)
            titles[-1].append(" ".join(rest))
        broken = not rest
    block: list[str] = []
    # the first block below the labels; without labels, the last above the body
    last = next((t for t, b in zip(titles, starts, strict=True) if b), titles[-1] if titles else [])
    i = 0
    while i < len(last):
        if is_name(last[i]) and i + 1 < len(last) and is_position(last[i + 1]):
            i += 2  # a name over its title: the handläggare's, not the document's title
            continue
        block.append(last[i])
        i += 1
    h.title = join_lines(block[-TITLE_LINES:]) or None
    for line in ctx.footer:
        for piece in _pieces(line.text):
            h.municipality = h.municipality or _municipality(piece)
            h.department = h.department or department(piece)
    doc.header = h
    doc.pages = ctx.part.pages


@extractor("tjansteskrivelse.body", ["tjansteskrivelse"],
           "section headings: proposal, Beslutsunderlag, Expedieras till, free text; the signature block",
           "proposal, sections, attachments, recipients, signatures")
def body(ctx: TjanstContext, doc: m.Document) -> None:
    margins = right_margin(ctx.part.lines)
    for sec in split_sections(ctx.body):
        if sec.heading_line is None:
            continue
        lines, sig = split_signers(sec.lines)
        doc.signatures.extend(_signers(sig))
        if sec.key == "proposal":
            lead, proposal_lines = split_lead(lines)
            by, to = proposal_parties(sec.heading)
            if lead is not None and lead[0] == "proposal":
                by, to = by or lead[1], to or lead[2]
            items = split_items(proposal_lines, margins, sentences=True)
            if items:
                doc.proposal = m.Proposal(by=by, to=to, items=items)
        elif sec.key == "attachments":
            doc.attachments.extend(m.Attachment(title=t) for t in split_items(lines, margins))
        elif sec.key == "recipients":
            for line in lines:
                doc.recipients.extend(split_list_entry(line.text))
        else:
            doc.sections.append(m.Section(heading=sec.heading, text=paragraph_text(lines, margins)))


def _pieces(text: str) -> list[str]:
    """A footer or box line cut at its separators (·, •, |, and commas)."""
    return [p for p in (clean(x) for x in regex.split(r"\s+[·•|]\s+|,\s*|\s{3,}", text)) if p]


def _author_from_text(text: str, author: m.Author) -> None:
    """"Daniel Ek, Kvalitetsutvecklare" or "Daniel Ek" → name (and title)."""
    pieces = [clean(p) for p in text.split(",") if clean(p)]
    if pieces and author.name is None:
        author.name = pieces[0]
        if len(pieces) > 1 and is_position(pieces[1]):
            author.title = author.title or pieces[1]


def _author_block(ctx: TjanstContext, a: m.Author) -> None:
    """A letterhead's unlabelled contact block: a name over its title, a telephone number
    and an e-mail address, each on a line of its own."""
    for block in ctx.loose:
        for above, below in zip(block, block[1:], strict=False):
            for seg in above.segments:
                under = [clean(x.text) for x in below.segments if abs(x.x0 - seg.x0) <= NAME_COLUMN]
                if a.name is None and len(above.segments) > 1 and is_name(seg.text) and under and is_position(under[0]):
                    a.name, a.title = clean(seg.text), a.title or under[0]  # a name over its title in a column
    texts = [clean(seg.text) for block in ctx.loose for line in block for seg in line.segments]
    for i, text in enumerate(texts):
        after = texts[i + 1] if i + 1 < len(texts) else ""
        if a.name is None and is_name(text) and is_position(after):
            a.name, a.title = text, a.title or after
        elif a.name is None and is_name(text) and (EMAIL_RE.fullmatch(after) or PHONE_RE.fullmatch(after)):
            a.name = text  # a name over its contact details
        elif EMAIL_RE.fullmatch(text):
            a.email = a.email or text
        elif PHONE_RE.fullmatch(text) and not find_dates(text):
            a.phone = a.phone or text


@extractor("tjansteskrivelse.author", ["tjansteskrivelse"],
           "Handläggare in the letterhead or a footer line, telephone and e-mail; a title from the signature block",
           "author")
def author(ctx: TjanstContext, doc: m.Document) -> None:
    v = vocabulary()
    a = m.Author()
    for f in ctx.fields:
        text = _field_text(f)
        if f.key == "author" and text:
            _author_from_text(text, a)
        elif f.key == "phone" and text:
            a.phone = a.phone or text
        elif f.key == "email" and text:
            a.email = a.email or (EMAIL_RE.search(text).group(0) if EMAIL_RE.search(text) else text)  # type: ignore[union-attr]
    for line in ctx.footer:
        pieces = _pieces(line.text)
        keys = [v.label_index[norm(mm.group(1))] if (mm := v.label_prefix_re.match(p)) else None for p in pieces]
        if "author" not in keys:
            continue  # a footer's address, switchboard and mailbox are the office's, not the handläggare's
        for i, piece in enumerate(pieces):
            mm = v.label_prefix_re.match(piece)
            key = v.label_index[norm(mm.group(1))] if mm else None
            value = clean(piece[mm.end():].lstrip(" :")) if mm else piece
            if key == "author" and value:
                _author_from_text(value, a)
                if a.title is None and i + 1 < len(pieces) and is_position(pieces[i + 1]):
                    a.title = pieces[i + 1]
            elif key == "phone" and value:
                a.phone = a.phone or value
            elif key == "email" and value:
                a.email = a.email or value
            elif key is None and EMAIL_RE.fullmatch(piece) and a.email is None:
                a.email = piece
            elif key is None and PHONE_RE.fullmatch(piece) and a.phone is None:
                a.phone = piece
    _author_block(ctx, a)
    if a.name and not a.title:
        a.title = next((s.title for s in doc.signatures if s.name == a.name and s.title), None)
    if any((a.name, a.title, a.phone, a.email)):
        doc.author = a
