"""The pipeline: input → pages → lines → sheets → parts → Document.

Each stage is a plain function of the previous stage's output; ``run_stages``
returns every intermediate so that ``sup-parse debug`` (and tests) can look at
what each stage saw.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from . import models as m
from .blocks import (
    Part,
    Sheet,
    _front,
    _label_key,
    lines_to_fields,
    lines_to_sheets,
    match_heading,
    sheet_features,
    sheets_to_parts,
)
from .confidence import low_confidence_warnings
from .consistency import consistency_warnings
from .errors import BadVocabulary, EmptyInput, InputNotFound, NotAFile, NoTextLayer
from .extract.common import right_margin, section_key
from .extract.front import FrontResult, fields_to_front, verification_in_text
from .extract.paragraphs import build_paragraph, find_paragraphs, first_heading
from .extract.tjanst import _municipality, _organ, extract_tjanst
from .layout import Line, Page, mark_furniture, words_to_lines
from .normalize import clean, find_dates, join_lines
from .structures import Table, document_structures
from .textnorm import normalize_text, normalize_words
from .vocabulary import load_vocabulary, norm, using, vocabulary

Source = str | os.PathLike[str] | bytes

if TYPE_CHECKING:
    from .sources.ocr import SearchablePdf


@dataclass
class Input:
    data: bytes
    path: str | None
    is_pdf: bool


@dataclass
class ParseOptions:
    """How to read the input.  ``ocr``: ``auto`` OCRs the pages that have no usable
    text layer, ``always`` every page of a PDF, ``never`` none.  ``ocr_pdf``: also
    write a searchable PDF there.  ``workers``: Tesseract processes at once (all cores).
    ``vocabulary``: extra words (TOML files or tables) merged over the packaged ones."""

    ocr: str = "auto"
    ocr_pdf: str | os.PathLike[str] | None = None
    dpi: int = 300
    workers: int | None = None
    vocabulary: tuple[str | os.PathLike[str] | Mapping[str, Any], ...] = ()
    searchable: SearchablePdf | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.ocr not in {"auto", "always", "never"}:
            raise ValueError(f"ocr must be auto, always or never, not {self.ocr!r}")


@dataclass
class Stages:
    """Everything the pipeline produced, stage by stage, for debugging."""

    input: Input
    pages: list[Page] = field(default_factory=list)
    structures: list[Table] = field(default_factory=list)
    sheets: list[Sheet] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    document: m.Document | None = None


# --- stage 0: input ----------------------------------------------------------------

def read_input(source: Source, *, path: str | None = None) -> Input:
    """Bytes and a name from a path, raw bytes, or text (a str holding a newline)."""
    if isinstance(source, bytes):
        return _classify(source, path)
    if isinstance(source, str) and ("\n" in source or "\f" in source or not source.strip()):
        # text; a lone surrogate (from a surrogateescape'd read) becomes U+FFFD
        return _classify(source.encode("utf-8", errors="replace"), path)
    p = Path(source)
    shown = path or str(source)
    if str(source) == "-":
        return _classify(sys.stdin.buffer.read(), "-")
    try:
        exists = p.exists()
    except OSError as exc:  # a name longer than the file system allows
        raise InputNotFound(f"not a usable path ({exc.strerror}); pass a file path, or text with a newline", shown) from exc
    if not exists:
        raise InputNotFound("no such file; check the path", shown)
    if not p.is_file():
        raise NotAFile("is a directory or not a regular file; pass a PDF or text file (for many files use a shell loop)", shown)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise NotAFile(f"cannot be read ({exc.strerror}); check its permissions", shown) from exc
    return _classify(data, shown)


def _classify(data: bytes, path: str | None) -> Input:
    if not data.strip():
        raise EmptyInput("the file is empty; pass a PDF or a text file with content", path)
    is_pdf = b"%PDF-" in data[:1024]
    if not is_pdf and path and path.lower().endswith(".pdf"):
        from .sources.pdf import check_pdf_bytes

        check_pdf_bytes(data, path)
    return Input(data=data, path=path, is_pdf=is_pdf)


# --- stage 1–2: pages and lines ---------------------------------------------------

def input_to_pages(inp: Input, options: ParseOptions | None = None) -> list[Page]:
    options = options or ParseOptions()
    if inp.is_pdf:
        from .sources.pdf import pdf_pages, text_quality

        pages = []
        for page in pdf_pages(inp.data, inp.path):
            if options.ocr == "always":
                page.needs_ocr = True
            if not page.needs_ocr:
                page.words = normalize_words(page.words)
                page.lines = words_to_lines(page)
            page.words = []  # lines hold what is needed; release the words
            pages.append(page)
        wanted = [p.number for p in pages if p.needs_ocr and options.ocr != "never"]
        if wanted:
            _ocr_into(pages, wanted, inp, options)
        total, good = text_quality(line.text for page in pages for line in page.lines)
        if total < 20 or good < 0.6:
            raise NoTextLayer(
                "no page has a usable text layer and OCR read nothing either; check that the file is the document"
                if wanted else
                "the PDF has no usable text layer (a scan or fonts without text mapping); "
                "parse it with --ocr auto (needs tesseract-ocr and tesseract-ocr-swe)",
                inp.path,
            )
        return pages
    from .sources.text import decode_text, text_pages

    text = normalize_text(decode_text(inp.data, inp.path))
    pages = text_pages(text)
    if not any(p.lines for p in pages):
        raise EmptyInput("the file holds no text; pass a PDF or a text file with content", inp.path)
    return pages


def _ocr_into(pages: list[Page], wanted: list[int], inp: Input, options: ParseOptions) -> None:
    """Replace the wanted pages by their OCR; without Tesseract, fail when nothing else
    is readable, else leave them marked (a warning names what to install)."""
    from .errors import OcrUnavailable
    from .sources.ocr import OcrOptions, check_tesseract, fix_ocr_lines, ocr_pdf_pages

    try:
        exe = check_tesseract()
    except OcrUnavailable as exc:
        if options.ocr == "always" or all(p.needs_ocr for p in pages):
            raise OcrUnavailable(exc.message, inp.path) from exc
        return
    opts = OcrOptions(dpi=options.dpi, searchable_pdf=options.ocr_pdf is not None)
    if options.workers:
        opts.workers = options.workers
    by_number = {p.number: i for i, p in enumerate(pages)}
    for result in ocr_pdf_pages(inp.data, wanted, opts, exe):
        page = result.page
        page.words = normalize_words(page.words)
        page.lines = words_to_lines(page)
        fix_ocr_lines(page.lines)
        page.words = []
        page.needs_ocr = False
        pages[by_number[page.number]] = page
        if result.pdf is not None and options.searchable is not None:
            options.searchable.add(page.number, result.pdf)


# --- stage 3: sheets and parts ----------------------------------------------------

def attachment_titles(pages: list[Page]) -> list[str]:
    """Titles listed under Bilagor/Beslutsunderlag anywhere: a later sheet that opens
    with one of them is that attachment, enclosed."""
    titles: list[str] = []
    for page in pages:
        body = [line for line in page.lines if line.role == "body"]
        collecting = False
        for line in body:
            key = section_key(line)
            if key is not None:
                collecting = key == "attachments"
                continue
            if collecting:
                titles.append(clean(line.text).lstrip("•-–· "))
    return titles


# --- stage 4: documents -----------------------------------------------------------

def parse(source: Source, *, path: str | None = None, options: ParseOptions | None = None) -> m.Document:
    """Parse a PDF or text document into a validated :class:`~sup_parse.models.Document`.

    ``source`` is a path (``str`` or ``Path``; ``"-"`` reads stdin), the file's
    bytes, or the document's text (a ``str`` that contains a newline).  Raises a
    :class:`~sup_parse.errors.SupParseError` subclass for input that cannot be read.
    """
    return run_stages(source, path=path, options=options).document  # type: ignore[return-value]


def run_stages(source: Source, *, path: str | None = None, options: ParseOptions | None = None) -> Stages:
    options = options or ParseOptions()
    try:
        vocab = load_vocabulary(options.vocabulary) if options.vocabulary else None
    except ValueError as exc:
        raise BadVocabulary(f"{exc}; fix the file or leave out --vocabulary", None) from exc
    with using(vocab):
        return _run_stages(source, path, options)


def _run_stages(source: Source, path: str | None, options: ParseOptions) -> Stages:
    inp = read_input(source, path=path)
    st = Stages(input=inp)
    if options.ocr_pdf is not None and inp.is_pdf:
        from .sources.ocr import SearchablePdf

        options.searchable = SearchablePdf()
    try:
        _stages(st, inp, options)
        if options.searchable is not None and options.ocr_pdf is not None:
            # written once the parse has succeeded, atomically: never a partial file
            options.searchable.write(inp.data, len(st.pages), Path(options.ocr_pdf))
    finally:
        if options.searchable is not None:
            options.searchable.close()
            options.searchable = None
    return st


def _stages(st: Stages, inp: Input, options: ParseOptions) -> None:
    st.pages = input_to_pages(inp, options)
    mark_furniture(st.pages)
    st.structures = document_structures(st.pages)
    st.sheets = lines_to_sheets(st.pages)
    st.parts = sheets_to_parts(st.sheets, attachment_titles(st.pages))
    doc = parts_to_document(st.parts, st.pages, st.structures)
    doc.source = m.Source(
        path=inp.path,
        sha256=hashlib.sha256(inp.data).hexdigest(),
        pages=len(st.pages),
        text_source=_text_source(inp, st.pages),
    )
    doc.warnings.extend(low_confidence_warnings(doc, st.pages))
    st.document = m.Document.model_validate(doc.model_dump())


def _text_source(inp: Input, pages: list[Page]) -> m.TextSource:
    if not inp.is_pdf:
        return m.TextSource.TEXT
    ocr = {p.source == "ocr" for p in pages if p.lines}
    if ocr == {True}:
        return m.TextSource.OCR
    return m.TextSource.MIXED if True in ocr else m.TextSource.PDF


def parts_to_document(parts: list[Part], pages: list[Page], tables: Sequence[Table] = ()) -> m.Document:
    protocol = [p for p in parts if p.kind == "protocol"]
    others = [p for p in parts if p.kind != "protocol"]
    enclosures: list[m.Document] = []
    if protocol:
        main = protocol_document(protocol, tables)
        rest = others
    elif not others:
        main = m.Document(kind=m.Kind.OKAND)
        rest = []
    else:
        primary = next((p for p in others if p.kind == "tjansteskrivelse"), None) or \
            next((p for p in others if p.kind == "kallelse"), None) or others[0]
        main = part_document(primary)
        rest = [p for p in others if p is not primary]
    for part in rest:
        enclosures.append(part_document(part))
    main.enclosures = enclosures
    if main.header.municipality is None:
        main.header.municipality = next((e.header.municipality for e in enclosures if e.header.municipality), None)
    for page in pages:
        if page.needs_ocr:
            main.warnings.append(m.Warning(
                code="page-needs-ocr", page=page.number,
                message="page has no usable text layer and was not OCR'd (--ocr never, or Tesseract missing: "
                        "sudo apt-get install tesseract-ocr tesseract-ocr-swe)"))
        elif page.positioned and not page.lines:
            main.warnings.append(m.Warning(code="page-without-text", message="page has no text", page=page.number))
        for line in page.lines:
            if line.role == "placeholder":
                main.warnings.append(m.Warning(code="template-placeholder", page=page.number,
                                               message="template text left in the document, not read: " + _abbrev(clean(line.text))))
    return main


def part_document(part: Part) -> m.Document:
    if part.kind == "tjansteskrivelse":
        return tjanst_document(part)
    if part.kind == "kallelse":
        return kallelse_document(part)
    return bilaga_document(part, "bilaga" if part.kind == "bilaga" else "okand")


def _page_header(sheets: list[Sheet]) -> tuple[m.Header, str | None, list[Line]]:
    """Organ, date and kind word from the first page's header lines and the lines
    above the first § heading or label; returns the lines used."""
    v = vocabulary()
    header = m.Header()
    kind_word = None
    candidates: list[Line] = []
    first = sheets[0]
    # an extract that opens mid-protocol has no header on its first sheet: the next one's
    candidates.extend(first.header or next((s.header for s in sheets[1:3] if s.header), []))
    for line in first.lines[:8]:
        if match_heading(line) or v.label_prefix_re.match(line.text) and not v.kind_index.get(norm(line.text)):
            break
        candidates.append(line)
    used: list[Line] = []
    name_parts: list[str] = []
    last_x: float | None = None
    for line in candidates:
        for seg in (line.segments or []):
            s = clean(seg.text)
            if last_x is not None and abs(seg.x0 - last_x) > 12 and name_parts and name_parts[-1]:
                name_parts.append("")  # another column: "Tolkförmedling Väst" … "Direktionen"
            last_x = seg.x0
            k = v.kind_index.get(norm(s))
            lead = _KIND_LEAD.match(s) if k is None else None
            if lead and v.kind_index.get(norm(lead.group(1))):
                # "Sammanträdesprotokoll Barn- och utbildningsnämnden": kind word, then the organ;
                # "Protokoll nr 12": kind word and its number
                kind_word = kind_word or v.kind_index[norm(lead.group(1))]
                used.append(line)
                s = clean(lead.group(2))
                if regex.search(r"\d", s):
                    continue
            label = v.label_prefix_re.match(s)
            if label and v.label_index[norm(label.group(1))] == "date":
                # "Sammanträdesdatum: 2025-12-11", or the label alone above its date
                ds = find_dates(s[label.end():])
                header.date = header.date or (ds[0].iso if ds else None)
                name_parts.append("")
                used.append(line)
                continue
            if k:
                kind_word = kind_word or k
                used.append(line)
                continue
            ds = find_dates(s)
            if ds and ds[0].end - ds[0].start >= len(s) - 1:
                header.date = header.date or ds[0].iso
                used.append(line)
                continue
            if regex.fullmatch(r"[\d\s()/]+|sida.*", s, flags=regex.IGNORECASE):
                continue
            if len(s.split()) <= 6 and not s.endswith("."):
                name_parts.append(s)
                used.append(line)
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            joined = join_lines(buffer)
            if not _organ(joined) and len(buffer) >= 2 and buffer[-1].islower() and len(buffer[-1]) <= 3:
                # a name broken inside a word without a hyphen: "Överförmyndarnämnde" / "n"
                glued = join_lines(buffer[:-2] + [buffer[-2] + buffer[-1]])
                joined = glued if _organ(glued) else joined
            header.municipality = header.municipality or _municipality(joined)
            if not _municipality(joined):
                header.organ = header.organ or _organ(joined)
            buffer.clear()

    for piece in name_parts:
        muni = _municipality(piece)
        if not piece:
            flush()  # a label between names ends the name above it
        elif muni:
            flush()
            header.municipality = header.municipality or _sentence_case(piece, muni)
        else:
            buffer.append(piece)
    flush()
    if header.organ and header.organ.isupper():
        header.organ = _sentence_case(header.organ, header.organ)
    return header, kind_word, used


def _sentence_case(printed: str, name: str) -> str:
    """A name printed in capitals as a name is written: "KUNGSBACKA KOMMUN" → "Kungsbacka
    kommun", "BARN- OCH UTBILDNINGSNÄMNDEN" → "Barn- och utbildningsnämnden"."""
    if not clean(printed).isupper():
        return name
    lower = clean(printed).lower()
    return lower[:1].upper() + lower[1:]


_KIND_LEAD = regex.compile(r"^(\S+)\s+(\S.*)$")


def _sheet_is_front(sheet: Sheet) -> bool:
    f = sheet_features(sheet)
    return _front(f["labels"]) and not f["headings"]  # type: ignore[arg-type]


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
    if lead and _front(set(filter(None, (_label_key(line) for line in lead)))):
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
        if found and len(line.text.split()) <= CLOSING_WORDS:
            keys |= found  # type: ignore[arg-type]
            start = i
    return lines[start:] if start is not None and len(keys) >= 2 else []


# Labels that close a protocol, and how many words a line of such a block holds at most.
CLOSING_KEYS = {"secretary", "chair", "adjuster", "adjusters", "verification", "posting", "posted_on", "removed_on",
                "storage", "signed_by", "attendance_list"}
CLOSING_WORDS = 12


def protocol_document(parts: list[Part], tables: Sequence[Table] = ()) -> m.Document:
    sheets = [s for p in parts for s in p.sheets]
    header, kind_word, used = _page_header(sheets)
    front_lines, body_lines = protocol_zones(sheets, used)
    fields, _unplaced = lines_to_fields(front_lines)
    front: FrontResult = fields_to_front(fields)
    margins = right_margin(body_lines)
    rng = front.meeting.paragraphs
    raws, before, toc = find_paragraphs(body_lines, (rng.first, rng.last) if rng else None)
    closing = closing_lines(raws[-1].lines) if raws else []
    if closing:
        # signatures, justering and anslag under the last § on its page
        raws[-1].lines = raws[-1].lines[: len(raws[-1].lines) - len(closing)]
        more, unplaced_closing = lines_to_fields(closing)
        fields += more
        _unplaced += unplaced_closing
        front = fields_to_front(fields)
    organ = header.organ or front.organ
    doc = m.Document(kind=m.Kind.PROTOKOLL, header=header)
    utdrag = any(p.marker == "protokollsutdrag" for p in parts) or kind_word == "protokollsutdrag"
    for raw in raws:
        para, is_utdrag = build_paragraph(raw, margins, organ, tables)
        utdrag = utdrag or is_utdrag
        doc.paragraphs.append(para)
    if not utdrag and len(doc.paragraphs) == 1:
        # One § and no table of contents: an extract (with or without the front page).
        # A full protocol of one § still lists it in its ärendelista.
        utdrag = not front_lines or not toc
    doc.kind = m.Kind.PROTOKOLLSUTDRAG if utdrag else m.Kind.PROTOKOLL
    for name, numbers in front.recusals:
        # "Thure Sandén (M) deltar ej §§ 137, 163-164 p.g.a. jäv" in the attendance list
        for para in doc.paragraphs:
            if para.number in numbers and name not in para.recused:
                para.recused.append(name)
    header.organ = organ
    meeting = front.meeting
    header.date = header.date or meeting.date
    if meeting.date is None:
        meeting.date = header.date
    if any(getattr(meeting, k) is not None for k in ("date", "start", "end", "place", "paragraphs")):
        doc.meeting = meeting
    if front.has_attendance:
        doc.attendance = front.attendance
    doc.signatures = front.signatures
    if not any(s.role == "justerare" for s in doc.signatures):
        doc.signatures.extend(m.Signature(role="justerare", name=n) for n in front.adjusters)
    doc.verification = front.verification
    if doc.verification is None or (doc.verification.place is None and doc.verification.date is None):
        # "Bestämmande av tid för justering": the justering stated in a §
        stated = (verification_in_text(join_lines([i for p in doc.paragraphs for i in (p.decision.items if p.decision else [])]))
                  if doc.kind == m.Kind.PROTOKOLL else None)
        doc.verification = stated or doc.verification
    doc.posting = front.posting
    if utdrag and doc.paragraphs:
        header.title = doc.paragraphs[0].title
        header.dnr = doc.paragraphs[0].dnr
    pages = sorted({line.page for line in body_lines + front_lines} | {s.page for s in sheets})
    doc.pages = pages
    # Honesty: what was seen and not placed.
    stray = [line for line in before if line.text.strip()]
    if stray:
        by_page: dict[int, list[str]] = {}
        for line in stray:
            by_page.setdefault(line.page, []).append(clean(line.text))
        for page, texts in by_page.items():
            doc.warnings.append(m.Warning(code="unplaced-text", page=page,
                                          message="text before the first § not placed: " + _abbrev(" / ".join(texts))))
    doc.warnings.extend(front.warnings)
    for line in _unplaced:
        doc.warnings.append(m.Warning(code="unplaced-text", page=line.page,
                                      message="front-page text not placed: " + _abbrev(clean(line.text))))
    doc.warnings.extend(consistency_warnings(doc))
    return doc


def _abbrev(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tjanst_document(part: Part) -> m.Document:
    footer = [line for s in part.sheets for line in s.footer + s.header]
    r = extract_tjanst(part.lines, footer)
    return m.Document(kind=m.Kind.TJANSTESKRIVELSE, header=r.header, proposal=r.proposal, sections=r.sections,
                      attachments=r.attachments, recipients=r.recipients, signatures=r.signatures, author=r.author,
                      pages=part.pages)


def bilaga_document(part: Part, kind: str) -> m.Document:
    lines = part.lines
    from .extract.common import paragraph_text

    title = clean(lines[0].text) if lines else None
    if lines and len(lines) > 1 and not lines[1].blank_before and len(lines[1].text) < 60 and section_key(lines[1]) is None:
        title = join_lines([lines[0].text, lines[1].text])
    text = paragraph_text(lines)
    return m.Document(kind=m.Kind(kind), header=m.Header(title=title),
                      sections=[m.Section(heading="", text=text)] if text else [], pages=part.pages)


_AGENDA_RE = regex.compile(r"^(?:(?:§|ärende|punkt)\s*)?(\d{1,3})[.)]?\s+(\S.*)$", regex.IGNORECASE)


def kallelse_document(part: Part) -> m.Document:
    """A meeting notice: organ, date, time, place and its agenda items."""
    from .blocks import DNR_RE

    header, _kind, used = _page_header(part.sheets)
    used_ids = {id(line) for line in used}
    lines = [line for line in part.lines if id(line) not in used_ids]
    fields, _ = lines_to_fields([line for line in lines if vocabulary().label_prefix_re.match(line.text)])
    front = fields_to_front(fields)
    doc = m.Document(kind=m.Kind.KALLELSE, header=header, pages=part.pages)
    for line in lines:
        if vocabulary().label_prefix_re.match(line.text):
            continue
        mm = _AGENDA_RE.match(clean(line.text))
        if not mm:
            continue
        rest = mm.group(2)
        dnr = None
        tail = regex.search(r"\s((?:dnr\.?\s*)?\S+(?:\s+\S+){0,2})$", rest, flags=regex.IGNORECASE)
        if tail:
            dm = DNR_RE.fullmatch(tail.group(1).strip())
            if dm:
                dnr = clean(dm.group("dnr"))
                rest = rest[: tail.start()]
        doc.paragraphs.append(m.Paragraph(number=int(mm.group(1)), title=clean(rest), dnr=dnr, pages=[line.page]))
    meeting = front.meeting
    header.date = header.date or meeting.date
    meeting.date = meeting.date or header.date
    doc.meeting = meeting
    return doc
