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

from . import models as m
from .blocks import Part, Sheet, lines_to_sheets, sheets_to_parts
from .confidence import low_confidence_warnings
from .errors import BadVocabulary, EmptyInput, InputNotFound, NotAFile, NoTextLayer
from .extract.common import section_key
from .extract.registry import run_all
from .layout import Line, Page, mark_furniture, words_to_lines
from .limits import Limits, beat
from .normalize import clean, join_lines
from .structures import Table, document_structures
from .textnorm import normalize_text, normalize_words
from .vocabulary import load_vocabulary, using, vocabulary

Source = str | os.PathLike[str] | bytes

if TYPE_CHECKING:
    from .sources.ocr import SearchablePdf, Slots


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
    ``vocabulary``: extra words (TOML files or tables) merged over the packaged ones.
    ``pdf_backend``: the library that reads a PDF's text layer, ``pdfium`` (fast, the
    default) or ``pdfplumber`` (for comparison).  ``limits``: what the parse may cost
    (sup_parse/limits.py); ``skip_pages``: pages not to read (they took too long in an
    earlier try under sup_parse.guard)."""

    ocr: str = "auto"
    ocr_pdf: str | os.PathLike[str] | None = None
    dpi: int = 300
    workers: int | None = None
    vocabulary: tuple[str | os.PathLike[str] | Mapping[str, Any], ...] = ()
    pdf_backend: str = "pdfium"
    ocr_max_pixels: int | None = None  # a page's OCR image at most (None: sources.ocr.MAX_OCR_PIXELS)
    limits: Limits = field(default_factory=Limits)
    skip_pages: frozenset[int] = frozenset()
    ocr_slots: Slots | None = field(default=None, repr=False)  # a batch's shared Tesseract slots
    searchable: SearchablePdf | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.ocr not in {"auto", "always", "never"}:
            raise ValueError(f"ocr must be auto, always or never, not {self.ocr!r}")
        from .sources.pdf import BACKENDS

        if self.pdf_backend not in BACKENDS:
            raise ValueError(f"pdf_backend must be one of {', '.join(BACKENDS)}, not {self.pdf_backend!r}")


@dataclass
class Stages:
    """Everything the pipeline produced, stage by stage, for debugging."""

    input: Input
    pages: list[Page] = field(default_factory=list)
    structures: list[Table] = field(default_factory=list)
    notes: list[m.Warning] = field(default_factory=list)  # what reading the input reported
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

def input_to_pages(inp: Input, options: ParseOptions | None = None, notes: list[m.Warning] | None = None) -> list[Page]:
    """The input's pages with their lines.  ``notes``: where to put what the reading
    itself has to report (a PDF read by the second backend)."""
    options = options or ParseOptions()
    notes = notes if notes is not None else []
    if inp.is_pdf:
        from .sources.pdf import text_quality

        pages = _pdf_to_pages(inp, options, notes)
        wanted = [p.number for p in pages if p.needs_ocr and options.ocr != "never"]
        if wanted:
            _ocr_into(pages, wanted, inp, options, notes)
        total, good = text_quality(" ".join(line.text for line in page.lines) for page in pages)
        if total < 20 or good < 0.6:
            raise NoTextLayer(_no_text_remedy(options.ocr, bool(wanted)), inp.path)
        return pages
    from .sources.text import decode_text, text_pages

    beat("reading the text", options.limits.stages_budget(0, len(inp.data)))
    replaced: list[int] = []
    text = normalize_text(decode_text(inp.data, inp.path, replaced))
    if replaced:
        notes.append(m.Warning(code="bad-bytes", message=f"{replaced[0]} byte(s) were not valid UTF-8 and were "
                                                          "read as U+FFFD; the rest of the file is read as UTF-8"))
    pages = text_pages(text)
    if not any(p.lines for p in pages):
        raise EmptyInput("the file holds no text; pass a PDF or a text file with content", inp.path)
    return pages


def _no_text_remedy(ocr: str, ocr_tried: bool) -> str:
    """What to do about a PDF without readable text: never an option that is already set."""
    if ocr_tried:
        return "no page has a usable text layer and OCR read nothing either; check that the file is the document"
    if ocr == "never":
        return ("the PDF has no usable text layer (a scan or fonts without text mapping); "
                "parse it with --ocr auto (needs tesseract-ocr and tesseract-ocr-swe)")
    return ("the PDF has no usable text layer and no page looks scanned (fonts without text mapping, "
            "or only drawings); OCR every page with --ocr always")


def _pdf_to_pages(inp: Input, options: ParseOptions, notes: list[m.Warning]) -> list[Page]:
    """The PDF's text layer read by the chosen backend; a PDF it finds damaged is read by
    the other one before it is given up (pdfium and pdfminer fail on different damage)."""
    from .errors import DamagedPdf, SupParseError
    from .limits import MB, check_streams
    from .sources.pdf import BACKENDS

    check_streams(inp.data, options.limits.max_stream_mb * MB, inp.path)
    try:
        return _read_pdf(inp, options, options.pdf_backend, notes)
    except DamagedPdf as first:
        other = next(b for b in BACKENDS if b != options.pdf_backend)
        # the second backend gets the time to open the file; if it takes longer, the
        # first one's verdict stands
        beat(f"opening the file with {other}", options.limits.open_seconds, first)
        try:
            pages = _read_pdf(inp, options, other, notes)
        except SupParseError:
            raise first from None
        notes.append(m.Warning(code="pdf-read-by-fallback",
                               message=f"{options.pdf_backend} could not read the PDF ({first.message.split(';')[0]}); "
                                       f"read with {other} instead"))
        return pages


def _read_pdf(inp: Input, options: ParseOptions, backend: str, notes: list[m.Warning]) -> list[Page]:
    from .sources.pdf import pdf_pages

    pages = []
    skipped: list[m.Warning] = []
    for page in pdf_pages(inp.data, inp.path, backend, options.limits, options.skip_pages):
        if page.skipped:
            skipped.append(m.Warning(code=page.skipped.code, message=page.skipped.message, page=page.number))
            pages.append(page)
            continue
        if options.ocr == "always":
            page.needs_ocr = True
        if not page.needs_ocr:
            page.words = normalize_words(page.words)
            page.lines = words_to_lines(page)
        page.words = []  # lines hold what is needed; release the words
        pages.append(page)
    notes.extend(skipped)  # only once the read has succeeded (a fallback reads again)
    return pages


def _ocr_into(pages: list[Page], wanted: list[int], inp: Input, options: ParseOptions, notes: list[m.Warning]) -> None:
    """Replace the wanted pages by their OCR; without Tesseract, fail when nothing else
    is readable, else leave them marked (a warning names what to install)."""
    from .errors import DamagedPdf, OcrUnavailable
    from .sources.ocr import OcrOptions, check_tesseract, fix_ocr_lines, ocr_pdf_pages

    try:
        exe = check_tesseract()
    except OcrUnavailable as exc:
        if options.ocr == "always" or all(p.needs_ocr for p in pages):
            raise OcrUnavailable(exc.message, inp.path) from exc
        return
    opts = OcrOptions(dpi=options.dpi, searchable_pdf=options.ocr_pdf is not None, slots=options.ocr_slots)
    if options.ocr_max_pixels:
        opts.max_pixels = options.ocr_max_pixels
    if options.workers:
        opts.workers = options.workers
    by_number = {p.number: i for i, p in enumerate(pages)}
    try:
        beat(("OCR of page", wanted[0]), options.limits.ocr_page_seconds)
        for result in ocr_pdf_pages(inp.data, wanted, opts, exe):
            beat(("OCR of page", result.page.number), options.limits.ocr_page_seconds)
            page = result.page
            page.words = normalize_words(page.words)
            page.lines = words_to_lines(page)
            fix_ocr_lines(page.lines)
            page.words = []
            page.needs_ocr = False
            pages[by_number[page.number]] = page
            if result.pdf is not None and options.searchable is not None:
                options.searchable.add(page.number, result.pdf)
            if result.note:
                notes.append(m.Warning(code="ocr-dpi-lowered", message=result.note, page=page.number))
    except DamagedPdf as exc:  # pdfplumber read the text layer, pdfium cannot render the pages
        raise DamagedPdf(exc.message, inp.path) from exc


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
    if options.ocr_pdf is not None and not inp.is_pdf:
        from .errors import OptionNotForInput

        raise OptionNotForInput("--ocr-pdf makes a searchable PDF from a PDF, and this input is text; "
                                "leave the option out", inp.path)
    if options.ocr_pdf is not None:
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
    st.pages = input_to_pages(inp, options, st.notes)
    beat("reading the document", options.limits.stages_budget(len(st.pages), len(inp.data)))
    mark_furniture(st.pages)
    st.structures = document_structures(st.pages)
    st.sheets = lines_to_sheets(st.pages)
    st.parts = sheets_to_parts(st.sheets, attachment_titles(st.pages))
    doc = parts_to_document(st.parts, st.pages, st.structures)
    doc.source = m.Source(
        path=printable_path(inp.path),
        sha256=hashlib.sha256(inp.data).hexdigest(),
        pages=len(st.pages),
        text_source=_text_source(inp, st.pages),
    )
    doc.warnings.extend(st.notes)
    doc.warnings.extend(low_confidence_warnings(doc, st.pages))
    st.document = doc


def printable_path(path: str | None) -> str | None:
    """A file name as text: a name whose bytes are not UTF-8 (kept by Python as lone
    surrogates) gets its odd bytes as \\xNN escapes, so the JSON can hold it."""
    if path is None:
        return None
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _text_source(inp: Input, pages: list[Page]) -> m.TextSource:
    if not inp.is_pdf:
        return m.TextSource.TEXT
    ocr = {p.source == "ocr" for p in pages if p.lines}
    if ocr == {True}:
        return m.TextSource.OCR
    return m.TextSource.MIXED if True in ocr else m.TextSource.PDF


def parts_to_document(parts: list[Part], pages: list[Page], tables: Sequence[Table] = ()) -> m.Document:
    protocol = [p for p in parts if p.kind == "protocol"]
    others = [p for p in parts if p.kind not in {"protocol", "esign"}]
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
        main = part_document(primary, tables)
        rest = [p for p in others if p is not primary]
    for part in rest:
        enclosures.append(part_document(part, tables))
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
            if line.role == "placeholder" or _placeholder_value(line):
                main.warnings.append(m.Warning(code="template-placeholder", page=page.number,
                                               message="template text left in the document, not read: " + abbrev(clean(line.text))))
    return main


def _placeholder_value(line: Line) -> bool:
    """A label whose value is a template's field left unfilled ("Diarienummer: «Diarienr»")."""
    v = vocabulary()
    label = v.label_prefix_re.match(line.text)
    rest = line.text[label.end():].strip(" :") if label else ""
    return bool(rest) and bool(v.placeholder_re.match(rest))


def protocol_document(parts: list[Part], tables: Sequence[Table] = ()) -> m.Document:
    """The protocol's parts (front page, §§, närvarolista …) as one Document."""
    from .extract.protocol import protocol_context

    return run_all("protocol", protocol_context(parts, list(tables)), m.Document(kind=m.Kind.PROTOKOLL))


def part_document(part: Part, tables: Sequence[Table] = ()) -> m.Document:
    """A part other than the protocol: a tjänsteskrivelse, a kallelse, a bilaga."""
    if part.kind == "tjansteskrivelse":
        from .extract.tjanst import tjanst_context

        return run_all("tjansteskrivelse", tjanst_context(part), m.Document(kind=m.Kind.TJANSTESKRIVELSE))
    if part.kind == "kallelse":
        from .extract.kallelse import kallelse_context

        return run_all("kallelse", kallelse_context(part, list(tables)), m.Document(kind=m.Kind.KALLELSE))
    return bilaga_document(part, "bilaga" if part.kind == "bilaga" else "okand")


def abbrev(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bilaga_document(part: Part, kind: str) -> m.Document:
    lines = part.lines
    from .extract.common import paragraph_text

    title = clean(lines[0].text) if lines else None
    if lines and len(lines) > 1 and not lines[1].blank_before and len(lines[1].text) < 60 and section_key(lines[1]) is None:
        title = join_lines([lines[0].text, lines[1].text])
    text = paragraph_text(lines)
    return m.Document(kind=m.Kind(kind), header=m.Header(title=title),
                      sections=[m.Section(heading="", text=text)] if text else [], pages=part.pages)
