"""A tjänsteskrivelse's lines → header, author, proposal, sections, signers."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import models as m
from ..blocks import DNR_RE, Part
from ..layout import Line
from ..normalize import clean, find_dates, join_lines
from ..vocabulary import norm, vocabulary
from .common import paragraph_text, right_margin, section_key, split_items, split_list_entry, split_sections
from .paragraphs import proposal_parties, split_lead
from .registry import extractor

PHONE_RE = regex.compile(r"^(?:(?:tel(?:efon)?|direktnr|mobil)\.?:?\s*)?(\+?\d[\d\s-]{4,16}\d)$", regex.IGNORECASE)
EMAIL_RE = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NAME_WORD = r"(?:[A-ZÅÄÖÉ][a-zåäöéüè]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?|de|af|von|van|der|la)"
NAME_RE = regex.compile(r"^" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){1,4}$")
POSITION_WORDS = ("chef", "direktör", "strateg", "sekreterare", "controller", "handläggare", "ekonom", "jurist",
                  "samordnare", "utvecklare", "ledare", "ansvarig", "analytiker", "specialist", "planerare",
                  "arkitekt", "inspektör", "rektor", "ingenjör", "assistent", "konsult", "utredare", "registrator",
                  "kommundirektör", "stadsdirektör", "förvaltningschef", "ordförande", "revisor", "administratör",
                  "sakkunnig", "kanslichef", "nämndsekreterare", "kommunsekreterare", "medarbetare", "rådgivare")


def _is_position(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 5 or text.endswith((".", ":")):
        return False
    low = text.casefold()
    return any(w.endswith(POSITION_WORDS) for w in low.split()) or low.startswith(("tf ", "t.f. ", "chef "))


class TjanstResult:
    def __init__(self) -> None:
        self.header = m.Header()
        self.author: m.Author | None = None
        self.proposal: m.Proposal | None = None
        self.sections: list[m.Section] = []
        self.attachments: list[m.Attachment] = []
        self.recipients: list[str] = []
        self.signatures: list[m.Signature] = []


def _municipality(text: str) -> str | None:
    v = vocabulary()
    text = clean(text)
    words = text.split()
    if not (1 < len(words) <= 6) or text.endswith((".", ":")):
        return None
    if words[-1].casefold() in v.municipality_words or words[-1].casefold().endswith(("förbund",)):
        if words[0][:1].isupper():
            return text if not text.isupper() else text.title()
    return None


def _department(text: str) -> str | None:
    text = clean(text)
    if len(text.split()) > 4 or text.endswith((".", ":")) or not text[:1].isupper():
        return None
    if text.casefold().endswith(tuple(vocabulary().department_suffixes)):
        return text
    return None


def _organ(text: str) -> str | None:
    text = clean(text)
    if len(text.split()) > 6 or text.endswith("."):
        return None
    mm = vocabulary().organ_re.fullmatch(text)
    if mm and not mm.group(2):
        return text
    return None


def extract_tjanst(lines: list[Line], footer: list[Line]) -> TjanstResult:
    v = vocabulary()
    r = TjanstResult()
    author = m.Author()
    margins = right_margin(lines)
    # --- letterhead: everything before the first section heading ------------------
    first_section = next((i for i, line in enumerate(lines) if section_key(line) is not None), len(lines))
    head = lines[:first_section]
    unclassified: list[Line] = []
    pending_label: str | None = None
    pending_x0 = 0.0
    pending_line: Line | None = None
    for line in head:
        for seg in line.segments or []:
            text = clean(seg.text)
            if not text:
                continue
            if pending_label and (line is pending_line or abs(seg.x0 - pending_x0) <= 30):  # beside or under its label
                if pending_label == "dnr" and not r.header.dnr:
                    dnr, organ = _dnr_and_organ(text)  # "2017.214 SN Socialnämnden"
                    r.header.organ = r.header.organ or organ
                    r.header.dnr = dnr
                    pending_label = None
                    continue
                if pending_label == "author" and not author.name:
                    author.name = text
                    pending_label = None
                    continue
                if pending_label == "phone" and not author.phone:
                    author.phone = text
                    pending_label = None
                    continue
                if pending_label == "dnr" and r.header.dnr and _organ(text):
                    r.header.organ = r.header.organ or text
                    pending_label = None
                    continue
                if pending_label == "date" and not r.header.date and find_dates(text):
                    r.header.date = find_dates(text)[0].iso
                    pending_label = None
                    continue
                pending_label = None
            mm = v.label_prefix_re.match(text)
            if mm:
                key = v.label_index[norm(mm.group(1))]
                rest = clean(text[mm.end():].lstrip(" :"))
                if key in {"dnr", "date", "author", "phone", "email"}:
                    if not rest:
                        pending_label, pending_x0, pending_line = key, seg.x0, line
                        continue
                    if key == "dnr":
                        dnr, organ = _dnr_and_organ(rest)
                        r.header.organ = r.header.organ or organ
                        r.header.dnr = r.header.dnr or dnr
                    elif key == "date":
                        ds = find_dates(rest)
                        if ds:
                            r.header.date = r.header.date or ds[0].iso
                            after = clean(rest[ds[0].end:])
                            if after and _organ(after):
                                r.header.organ = r.header.organ or after
                    elif key == "author":
                        author.name = author.name or rest
                    elif key == "phone":
                        author.phone = author.phone or rest
                    elif key == "email":
                        author.email = author.email or rest
                    continue
            if v.kind_index.get(norm(text)):
                continue
            if EMAIL_RE.fullmatch(text):
                author.email = author.email or text
                continue
            if PHONE_RE.match(text) and not find_dates(text):
                author.phone = author.phone or PHONE_RE.match(text).group(1)  # type: ignore[union-attr]
                continue
            if regex.fullmatch(r"\d+\s*\(\s*\d+\s*\)", text):
                continue
            ds = find_dates(text)
            if ds and ds[0].start == 0 and ds[0].end >= len(text) - 1:
                r.header.date = r.header.date or ds[0].iso
                continue
            muni = _municipality(text)
            if muni:
                r.header.municipality = r.header.municipality or muni
                continue
            dept = _department(text)
            if dept:
                r.header.department = r.header.department or dept
                continue
            organ = _organ(text)
            if organ:
                r.header.organ = r.header.organ or organ
                continue
            unclassified.append(line)
            break
    # Letterhead name + position ("Hillevi Elvhage" / "Kommunsekreterare") before the title.
    title_lines: list[str] = []
    i = 0
    seen: set[int] = set()
    while i < len(unclassified):
        line = unclassified[i]
        if id(line) in seen:
            i += 1
            continue
        seen.add(id(line))
        text = clean(line.text)
        nxt = clean(unclassified[i + 1].text) if i + 1 < len(unclassified) else ""
        if not title_lines and NAME_RE.match(text) and nxt and _is_position(nxt):
            if not author.name or author.name == text:
                author.name, author.title = text, author.title or nxt
            i += 2
            continue
        if section_key(line) is None:
            title_lines.append(text)
        i += 1
    if title_lines:
        r.header.title = join_lines(title_lines[-2:] if len(title_lines) > 2 else title_lines)
    # --- body: sections, proposal, lists, signers -------------------------------
    body = lines[first_section:]
    signer_lines: set[int] = set()
    for sec in split_sections(body):
        if sec.heading_line is None:
            continue
        if sec.key == "proposal":
            lead, proposal_lines = split_lead(sec.lines)
            by, to = proposal_parties(sec.heading)
            if lead is not None and lead[0] == "proposal":
                by, to = by or lead[1], to or lead[2]
            items_lines, sig = split_signers(proposal_lines)
            signer_lines.update(id(x) for x in sig)
            r.signatures.extend(_signers(sig))
            items = split_items(items_lines, margins, sentences=True)
            if items:
                r.proposal = m.Proposal(by=by, to=to, items=items)
        elif sec.key == "attachments":
            items_lines, sig = split_signers(sec.lines)
            r.signatures.extend(_signers(sig))
            r.attachments.extend(m.Attachment(title=t) for t in split_items(items_lines, margins))
        elif sec.key == "recipients":
            items_lines, sig = split_signers(sec.lines)
            r.signatures.extend(_signers(sig))
            for line in items_lines:
                r.recipients.extend(split_list_entry(line.text))
        else:
            text_lines, sig = split_signers(sec.lines)
            r.signatures.extend(_signers(sig))
            r.sections.append(m.Section(heading=sec.heading, text=paragraph_text(text_lines, margins)))
    for line in footer:
        for seg in line.segments or [line]:  # type: ignore[list-item]
            for piece in clean(seg.text).split(","):
                piece = clean(piece)
                r.header.municipality = r.header.municipality or _municipality(piece)
                r.header.department = r.header.department or _department(piece)
    # The handläggare's position from the signature block.
    if author.name and not author.title:
        for s in r.signatures:
            if s.name == author.name and s.title:
                author.title = s.title
    if any((author.name, author.title, author.phone, author.email)):
        r.author = author
    return r


def _dnr_and_organ(text: str) -> tuple[str, str | None]:
    """A case number and the organ printed after it: "2017.214 SN Socialnämnden",
    "KS 2023/071 Kommunstyrelsen"."""
    dm = DNR_RE.match(text)
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


def signer_block(lines: list[Line]) -> list[m.Signature]:
    """The signers closing ``lines``: names over their titles (role null, title as printed)."""
    return _signers(split_signers(lines)[1])


def split_signers(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Split off a signature block: a department line, then name lines over position lines."""
    for i, line in enumerate(lines):
        text = clean(line.text)
        names = [clean(s.text) for s in line.segments] if line.segments else [text]
        if all(NAME_RE.match(n) for n in names) and i + 1 < len(lines) and _is_position_row(lines[i + 1], len(names)):
            start = i - 1 if i > 0 and _department(clean(lines[i - 1].text)) else i
            return lines[:start], lines[start:]
    return lines, []


def _is_position_row(line: Line, count: int) -> bool:
    segs = [clean(s.text) for s in line.segments] if line.segments else [clean(line.text)]
    if len(segs) == count:
        return all(_is_position(s) for s in segs)
    return _is_position(clean(line.text))


def _signers(lines: list[Line]) -> list[m.Signature]:
    out: list[m.Signature] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        names = [clean(s.text) for s in line.segments] if line.segments else [clean(line.text)]
        if all(NAME_RE.match(n) for n in names) and i + 1 < len(lines) and _is_position_row(lines[i + 1], len(names)):
            nxt = lines[i + 1]
            titles = [clean(s.text) for s in nxt.segments] if len(nxt.segments) == len(names) else [clean(nxt.text)]
            for k, name in enumerate(names):
                out.append(m.Signature(role=None, name=name, title=titles[k] if k < len(titles) else None))
            i += 2
            continue
        i += 1
    return out


@dataclass
class TjanstContext:
    part: Part


@extractor("tjansteskrivelse.document", ["tjansteskrivelse"],
           "letterhead lines and labels, section headings, signature block, footer",
           "header, author, proposal, sections, attachments, recipients, signatures")
def document(ctx: TjanstContext, doc: m.Document) -> None:
    part = ctx.part
    footer = [line for s in part.sheets for line in s.footer + s.header]
    r = extract_tjanst(part.lines, footer)
    doc.header, doc.proposal, doc.sections, doc.attachments = r.header, r.proposal, r.sections, r.attachments
    doc.recipients, doc.signatures, doc.author, doc.pages = r.recipients, r.signatures, r.author, part.pages
