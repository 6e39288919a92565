"""Scanned pages → positioned words with confidences, through Tesseract's Swedish model.

Pages are rendered with pypdfium2 once each, in 8-bit grey, one at a time in the calling
thread, and each image is handed as an uncompressed PGM file (nothing to encode) to a
``tesseract`` process of its own, which writes its TSV to stdout,
``OMP_THREAD_LIMIT=1``, several at once (``workers``): one single-threaded process per
core is far faster than Tesseract's own threading on few cores.  Words come back in
PDF points, so every rule written for a text layer reads them unchanged.

Tesseract is run directly rather than through OCRmyPDF: the parser needs Tesseract's
words, boxes and confidences (its TSV output), and a searchable PDF is one more output
of the same run (``pdf``), merged with pypdfium2 — no Ghostscript, qpdf or unpaper to
install.  The price: the searchable PDF is plain PDF, not PDF/A.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import regex

from ..errors import DamagedPdf, OcrUnavailable, TimeLimit
from ..layout import Line, Page, Word
from ..vocabulary import Vocabulary, alternation, vocabulary

INSTALL_HINT = "install Tesseract with its Swedish model: sudo apt-get install tesseract-ocr tesseract-ocr-swe"
DEFAULT_DPI = 300
LANG = "swe"

# OCR reads "§" as "8", "&" or "$" ("§ 620" → "8 620", "§§ 55–62" → "88 55-62"): a token
# of these glyphs alone, before a number, is the paragraph sign.
_PARA_GLYPHS = {"8": "§", "88": "§§", "&": "§", "&&": "§§", "$": "§", "$$": "§§", "§8": "§§", "8§": "§§", "S§": "§§",
                # one tall "§" read as two different glyphs
                "$&": "§", "&$": "§", "$§": "§", "§$": "§", "&§": "§", "§&": "§"}
_NUMBER_START = regex.compile(r"^\d{1,4}(?:[-–]\d{1,4})?[,.:]?$")


@dataclass
class OcrPage:
    page: Page
    rotated: int = 0  # degrees the image was turned before reading (sideways scans)
    pdf: bytes | None = None  # the page as a searchable PDF, when asked for
    note: str | None = None  # what the reading had to change (a huge page read at a lower dpi)


# A page is rendered for OCR at no more than this many pixels (an A4 page at 300 dpi is
# 8.7 million, A2 35): a page claiming to be metres wide is read at a lower resolution
# instead of filling gigabytes.
MAX_OCR_PIXELS = 40_000_000
# One Tesseract run may take this long (a page of noise at the pixel cap takes a minute).
TESSERACT_SECONDS = 300
# ... and never below this resolution (below it the page is not worth reading).
MIN_OCR_DPI = 30


def capped_dpi(width: float, height: float, dpi: int, max_pixels: int = MAX_OCR_PIXELS) -> int:
    """The resolution a ``width`` × ``height`` point page is rendered at: ``dpi``, or less
    so that the image stays within ``max_pixels``."""
    pixels = (width / 72 * dpi) * (height / 72 * dpi)
    if pixels <= max_pixels:
        return dpi
    return max(MIN_OCR_DPI, int(dpi * (max_pixels / pixels) ** 0.5))


def _with_note(future: Future[OcrPage], note: str) -> Future[OcrPage]:
    """The same page, with a note of what its reading changed."""
    done: Future[OcrPage] = Future()

    def copy(f: Future[OcrPage]) -> None:
        try:
            result = f.result()
        except BaseException as exc:  # handed on to whoever waits for the page
            done.set_exception(exc)
            return
        result.note = note
        done.set_result(result)

    future.add_done_callback(copy)
    return done


@dataclass
class OcrOptions:
    dpi: int = DEFAULT_DPI
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    lang: str = LANG
    searchable_pdf: bool = False
    max_pixels: int = MAX_OCR_PIXELS  # a page's rendered image at most (the dpi is lowered)
    slots: Slots | None = None  # shared by a batch's processes: Tesseracts running at once


class Slots:
    """At most ``count`` Tesseract processes at once across every process that holds
    this object (a batch's workers): each run locks one of ``count`` files.  A lock
    dies with its process, so a worker killed mid-page (a timeout) frees its slot, and
    a file alone at a batch's end can use every slot the others have left."""

    WAIT = 0.02  # seconds between rounds when every slot is taken

    def __init__(self, folder: str | os.PathLike[str], count: int) -> None:
        self.files = [Path(folder) / f"slot-{i}" for i in range(max(1, count))]
        for f in self.files:
            f.touch()

    @contextmanager
    def taken(self) -> Iterator[None]:
        import fcntl
        import time

        while True:
            for f in self.files:
                fd = os.open(f, os.O_RDWR)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    os.close(fd)
                    continue
                try:
                    yield
                finally:
                    os.close(fd)  # closing the file releases the lock
                return
            time.sleep(self.WAIT)


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def check_tesseract(lang: str = LANG) -> str:
    """The tesseract binary, or OcrUnavailable naming what to install."""
    exe = tesseract_path()
    if exe is None:
        raise OcrUnavailable(f"pages need OCR but Tesseract is not installed; {INSTALL_HINT}")
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError) as exc:
        raise OcrUnavailable(f"Tesseract does not run ({exc}); {INSTALL_HINT}") from exc
    if lang not in langs:
        raise OcrUnavailable(f"Tesseract has no '{lang}' model; {INSTALL_HINT}")
    return exe


def ocr_pdf_pages(data: bytes, numbers: list[int], options: OcrOptions, exe: str | None = None) -> Iterator[OcrPage]:
    """OCR the given 1-based pages of a PDF; yields them in page order.  ``exe``: the
    tesseract that check_tesseract found, when the caller has already looked."""
    exe = exe or check_tesseract(options.lang)
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:  # pdfplumber read the text layer; pdfium cannot render
        raise DamagedPdf("the PDF is damaged: its pages cannot be rendered for OCR (pdfium could not open it); "
                         "try repairing it (qpdf in.pdf repaired.pdf) or get a fresh copy") from exc
    try:
        with ThreadPoolExecutor(max_workers=max(1, options.workers)) as pool:
            pending: list[tuple[int, float, float, Future[OcrPage]]] = []
            for number in numbers:
                try:
                    page = pdf[number - 1]
                    width, height = page.get_size()
                    dpi = capped_dpi(width, height, options.dpi, options.max_pixels)
                    image = page.render(scale=dpi / 72, grayscale=True).to_pil()  # 8-bit grey, once
                    page.close()
                except MemoryError:
                    raise  # the caller's limit, not damage
                except Exception as exc:  # pdfium's own errors, and a bitmap it could not make
                    raise DamagedPdf(f"page {number} of the PDF is damaged: it cannot be rendered for OCR "
                                     f"({type(exc).__name__}); try repairing it (qpdf in.pdf repaired.pdf) "
                                     "or get a fresh copy") from exc
                read_as = options if dpi == options.dpi else replace(options, dpi=dpi)
                future = pool.submit(ocr_image, exe, image, number, width, height, read_as)
                if dpi != options.dpi:
                    future = _with_note(future, f"the page is {width / 72:.0f} × {height / 72:.0f} inches: read at "
                                                f"{dpi} dpi instead of {options.dpi}, to stay within "
                                                f"{options.max_pixels // 1_000_000} million pixels (--ocr-max-pixels)")
                pending.append((number, width, height, future))
                # keep at most a few rendered pages in memory ahead of the readers
                while len(pending) > options.workers + 1:
                    yield pending.pop(0)[3].result()
            for *_, fut in pending:
                yield fut.result()
    finally:
        pdf.close()


def ocr_image(exe: str, image: Any, number: int, width: float, height: float, options: OcrOptions) -> OcrPage:
    """Read one page image; a page that reads poorly is tried turned a quarter at a time."""
    result = _read(exe, image, number, width, height, options)
    if _poor(result.page):
        angle = _orientation(exe, image, options.dpi, options.slots)
        if angle:
            turned = image.rotate(-angle, expand=True)
            w, h = (height, width) if angle in (90, 270) else (width, height)
            second = _read(exe, turned, number, w, h, options)
            if _score(second.page) > _score(result.page):
                second.rotated = angle
                result = second
    return result


def _read(exe: str, image: Any, number: int, width: float, height: float, options: OcrOptions) -> OcrPage:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    # sparse text (--psm 11): labels beside dotted signature lines and table cells are
    # read word by word; the layout rules group the words into lines themselves
    flags = ["-l", options.lang, "--dpi", str(options.dpi), "--psm", "11"]
    pdf_bytes = None
    with tempfile.TemporaryDirectory(prefix="sup-parse-ocr-") as tmp:
        # an uncompressed PGM costs nothing to write, where a PNG is deflated; Tesseract
        # reads a file faster than the same bytes on stdin (measured: 10 %)
        source = Path(tmp) / "page.pgm"
        image.convert("L").save(source, format="PPM")
        if options.searchable_pdf:
            base = Path(tmp) / "page"
            _tesseract([exe, str(source), str(base), *flags, "tsv", "pdf"], env, number, options.slots)
            tsv = base.with_suffix(".tsv").read_text(encoding="utf-8", errors="replace")
            pdf_bytes = base.with_suffix(".pdf").read_bytes()
        else:
            tsv = _tesseract([exe, str(source), "stdout", *flags, "tsv"], env, number, options.slots).decode(
                "utf-8", "replace")
    scale_x = width / image.size[0]
    scale_y = height / image.size[1]
    page = Page(number=number, width=width, height=height, words=tsv_words(tsv, scale_x, scale_y))
    page.source = "ocr"
    return OcrPage(page=page, pdf=pdf_bytes)


def _tesseract(cmd: list[str], env: dict[str, str], number: int, slots: Slots | None = None) -> bytes:
    with slots.taken() if slots else nullcontext():
        try:
            proc = subprocess.run(cmd, capture_output=True, env=env, timeout=TESSERACT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            raise TimeLimit(f"Tesseract took longer than {TESSERACT_SECONDS} s on page {number}; "
                            "check the page, or parse with --ocr never") from exc
    if proc.returncode != 0:
        raise OcrUnavailable(f"Tesseract failed on page {number}: {proc.stderr.decode(errors='replace').strip()[:200]}")
    return proc.stdout


def tsv_words(tsv: str, scale_x: float, scale_y: float) -> list[Word]:
    """Tesseract TSV rows (level 5 = word) → words in PDF points, with confidence.

    A word's type size is taken from its text line's height (OCR gives no font size),
    so that size-based rules (headings, small print) see comparable numbers."""
    rows = [r.split("\t") for r in tsv.splitlines()[1:]]
    line_height: dict[tuple[str, str, str, str], float] = {}
    for r in rows:
        if len(r) >= 12 and r[0] == "4":
            line_height[(r[1], r[2], r[3], r[4])] = float(r[9]) * scale_y
    word_rows = [r for r in rows if len(r) >= 12 and r[0] == "5" and r[11].strip()]
    heights = sorted(float(r[9]) for r in word_rows)
    median_h = heights[len(heights) // 2] if heights else 0.0
    # dotted signature lines and rules read as letters a few pixels high (a dash or a
    # bullet is low by nature and judged by _junk)
    word_rows = [r for r in word_rows
                 if float(r[9]) >= 0.4 * median_h or not any(ch.isalpha() for ch in r[11])]
    turn = _deskew(word_rows)
    letter_heights = sorted(float(r[9]) for r in word_rows if any(ch.isalpha() for ch in r[11]))
    body_size = (letter_heights[len(letter_heights) // 2] * scale_y if letter_heights else 10.0)
    words: list[Word] = []
    for r in word_rows:
        left, top, w, h = turn(*(float(x) for x in r[6:10]))
        text, conf = r[11].strip(), max(0.0, float(r[10]))
        if _junk(text, conf):
            continue
        # a line of short letters ("om", "år") is not smaller type: no size below 80 % of
        # the page's usual word height
        size = max(line_height.get((r[1], r[2], r[3], r[4]), h * scale_y), 0.8 * body_size) / 1.2
        words.append(Word(text=_fix_party(text), x0=left * scale_x, x1=(left + w) * scale_x, top=top * scale_y,
                          bottom=(top + h) * scale_y, size=round(size, 1), conf=conf, group=".".join(r[1:5])))
    _fix_paragraph_signs(words)
    return words


def _deskew(word_rows: list[list[str]]) -> Any:
    """A function turning word boxes (left, top, width, height in pixels) back by the
    page's skew, measured on Tesseract's own text lines: rows of words then line up for
    the layout rules, as on a straight page."""
    by_line: dict[tuple[str, ...], list[tuple[float, float]]] = {}
    for r in word_rows:
        left, top, w, h = (float(x) for x in r[6:10])
        by_line.setdefault(tuple(r[1:5]), []).append((left + w / 2, top + h))
    slopes = []
    for points in by_line.values():
        if len(points) >= 3:
            points.sort()
            (x0, y0), (x1, y1) = points[0], points[-1]
            if x1 - x0 > 300:
                slopes.append((y1 - y0) / (x1 - x0))
    slopes.sort()
    slope = slopes[len(slopes) // 2] if len(slopes) >= 3 else 0.0
    if abs(slope) < 0.002:  # under 0.1°: leave it
        return lambda left, top, w, h: (left, top, w, h)

    def turn(left: float, top: float, w: float, h: float) -> tuple[float, float, float, float]:
        # shear back: a point's y drops by slope·x (small angles), x is kept
        cx = left + w / 2
        return left, top - slope * cx, w, h

    return turn


_PARTY_READ = {"($)": "(S)", "($D)": "(SD)", "(5)": "(S)", "(SO)": "(SD)", "(MPI": "(MP)", "(M}": "(M)"}


def _fix_party(text: str) -> str:
    """Party letters OCR misreads: "($)" for "(S)"."""
    return _PARTY_READ.get(text, text)


def _junk(text: str, conf: float) -> bool:
    """Specks, rules and logos read as text: "|", "»ttt", "Öö" at low confidence."""
    alnum = sum(ch.isalnum() for ch in text)
    if alnum == 0:
        return conf < 50 and text not in _PARA_GLYPHS and text not in {"§", "§§", "-", "–", "—", "•", "·", "▪"}
    if regex.fullmatch(r"\d{1,3}[.):]?", text):
        return False  # a list number or page number, however faint
    if conf < 25 and text.isupper() and alnum >= 2:
        return True  # "RRVNSRSENSSVETT": a rule or a stamp, read as capitals
    return conf < 35 and alnum <= 4 and text not in _PARA_GLYPHS


def _fix_paragraph_signs(words: list[Word]) -> None:
    for w in words:
        # "$56", "&&12": a paragraph sign glued to its number ("8" is left alone: "856" may be a number)
        w.text = regex.sub(r"^(?:[$&]{1,2}|§[$&8])(?=\d)", lambda m: "§§" if len(m.group(0)) == 2 else "§", w.text)
    for i, w in enumerate(words[:-1]):
        nxt = words[i + 1]
        sign = _PARA_GLYPHS.get(w.text)
        same_line = abs(nxt.top - w.top) < max(3.0, 0.5 * (w.bottom - w.top))
        if sign and same_line and _NUMBER_START.match(nxt.text):
            w.text = sign


_FUSED_SIGN = regex.compile(r"^(?:8|&|\$|S)(8|&|\$)?(\d{1,4})(?=\s|$)")


_BULLET_READ = regex.compile(r"^(?:e|eo|o|0|O|D|U|LJ|L\]|\[\]|Cl|\.|«|»|\*|°|©|®)\s+(?=[\p{Lu}§])")


def fix_ocr_lines(lines: list[Line]) -> None:
    """Glyphs OCR reads as something else at the start of a line: a list bullet "•" as
    "e", "eo", "o", "." ("e Antalet kontor …"), and "§ 63" glued into "863"."""
    for line in lines:
        bm = _BULLET_READ.match(line.text)
        if bm:
            line.text = "• " + line.text[bm.end():]
            if line.segments and line.segments[0].text.startswith(bm.group(0)):
                line.segments[0].text = "• " + line.segments[0].text[bm.end():]
    _fix_fused_headings(lines)
    _fix_list_numbers(lines)
    for line in lines:
        # "Paragrafer 8116", "Paragrafer | 8894-110": the § of a stated range glued to it
        texts = [seg.text for seg in line.segments]
        for k, seg in enumerate(line.segments):
            joined = f"{texts[k - 1]} {seg.text}" if k else seg.text
            m = _RANGE_AFTER_LABEL.search(joined)
            if m and m.start(2) >= len(joined) - len(seg.text):
                at = m.start(2) - (len(joined) - len(seg.text))
                seg.text = seg.text[:at] + ("§§" if len(m.group(2)) == 2 else "§") + seg.text[at + len(m.group(2)):]
        line.text = " ".join(seg.text for seg in line.segments) if line.segments else line.text


_RANGE_AFTER_LABEL = regex.compile(r"(?i)(\bparagraf(?:er)?\s*:?\s*)(8{1,2})(?=\d{1,3}(?:\s*[-–]\s*\d{1,3})?\b)")


def _list_patterns(v: Vocabulary) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """A list number before a capital or an att-sats; an att-sats after one."""
    item = alternation(v.words("decisions", "item_words"))
    return (regex.compile(r"^(\d{1,2})[.)]?\s+(?=\p{Lu}|" + item + r"\s)"),
            regex.compile(r"^[.)]?\s+" + item + r"\s"))


def _fix_list_numbers(lines: list[Line]) -> None:
    """"1 Marknadsmässiga …" / "2 Marknadsmässiga …": list numbers whose full stop OCR
    lost, recognised by their run (1, 2, …) at the start of lines."""
    list_number, item_word = vocabulary().derive(_list_patterns)
    numbered = [(i, int(m.group(1)), m) for i, ln in enumerate(lines) if (m := list_number.match(ln.text))]
    run = [x for k, x in enumerate(numbered) if x[1] == 1 or (k and numbered[k - 1][1] == x[1] - 1)]
    # a run of one counts before an att-sats ("1 att bifalla motionen": a list of one)
    if len(run) < 2 and not all(item_word.match(lines[i].text[m.end(1):]) for i, _, m in run):
        return
    for i, n, m in run:
        line = lines[i]
        if line.text[m.end(1):m.end(1) + 1] in {".", ")"}:
            continue
        line.text = f"{n}. " + line.text[m.end():]
        if line.segments and line.segments[0].text.startswith(m.group(0)):
            line.segments[0].text = f"{n}. " + line.segments[0].text[m.end():]
        elif line.segments and line.segments[0].text.strip() == m.group(1):
            line.segments[0].text = f"{n}."  # the number a segment of its own


def _fix_fused_headings(lines: list[Line]) -> None:
    """"§ 63 2017.199 SN" read as "863 2017.199 SN": a number glued to a misread "§" at
    the start of a line is a § heading when a case number or nothing follows it."""
    from ..blocks import dnr_label_re, dnr_re

    for line in lines:
        m = _FUSED_SIGN.match(line.text)
        if not m:
            continue
        rest = line.text[m.end():].strip()
        if rest and not (dnr_re().match(rest) or dnr_label_re().match(rest)):
            continue
        fixed = ("§§ " if m.group(1) else "§ ") + m.group(2)
        line.text = fixed + line.text[m.end():]
        if line.segments:
            seg = line.segments[0]
            seg.text = fixed + seg.text[m.end():] if seg.text.startswith(m.group(0)) else seg.text


def _score(page: Page) -> float:
    """Letters read with confidence: how well a page was read."""
    return sum(len(w.text) * (w.conf or 0) for w in page.words if any(ch.isalpha() for ch in w.text))


# A page read with less mean confidence than POOR_CONFIDENCE, or with fewer than
# SPARSE_LETTERS letters and less than SURE_CONFIDENCE, may be turned sideways: such a
# page reads as a few letters of junk (mean confidence 40–70), where a sparse upright
# page (a signature page) reads at 90 or more and needs no orientation check.
POOR_CONFIDENCE = 45
SPARSE_LETTERS = 300
SURE_CONFIDENCE = 80


def _poor(page: Page) -> bool:
    """Text read with little confidence, or little text not read with certainty: maybe
    a page turned sideways (it pays one orientation check)."""
    if not page.words:
        return True
    confs = [w.conf or 0 for w in page.words]
    letters = sum(ch.isalpha() for w in page.words for ch in w.text)
    mean = sum(confs) / len(confs)
    return mean < POOR_CONFIDENCE or (letters < SPARSE_LETTERS and mean < SURE_CONFIDENCE)


def _orientation(exe: str, image: Any, dpi: int, slots: Slots | None = None) -> int:
    """Degrees clockwise the page is turned (Tesseract's OSD), 0 when unknown."""
    buf = io.BytesIO()
    image.convert("L").save(buf, format="PPM")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        with slots.taken() if slots else nullcontext():
            proc = subprocess.run([exe, "stdin", "stdout", "--psm", "0", "--dpi", str(dpi)], input=buf.getvalue(),
                                  capture_output=True, env=env, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return 0
    m = regex.search(r"Rotate:\s*(\d+)", proc.stdout.decode(errors="replace"))
    return int(m.group(1)) % 360 if m else 0


class SearchablePdf:
    """OCR'd pages as single-page PDFs in a temporary folder until the parse succeeds;
    then one searchable PDF: those pages, and the others copied from the original."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="sup-parse-searchable-")
        self._pages: dict[int, Path] = {}

    def add(self, number: int, pdf_bytes: bytes) -> None:
        path = Path(self._dir.name) / f"{number:05d}.pdf"
        path.write_bytes(pdf_bytes)
        self._pages[number] = path

    def write(self, original: bytes, page_count: int, out: Path) -> None:
        import pypdfium2 as pdfium

        from ..errors import OutputError
        from ..outfiles import not_a_regular_file, replace_atomically

        if not_a_regular_file(out):
            raise OutputError("is not a regular file (a link, a pipe or a folder); remove it or choose another name", str(out))
        src = pdfium.PdfDocument(original)
        dest = pdfium.PdfDocument.new()
        try:
            self._assemble(src, dest, page_count)
            replace_atomically(out, dest.save)
        except OSError as exc:
            raise OutputError(f"cannot write the searchable PDF ({exc.strerror}); check the folder", str(out)) from exc
        finally:
            dest.close()
            src.close()

    def _assemble(self, src: Any, dest: Any, page_count: int) -> None:
        """The OCR'd pages in place of the scans, the others as they were."""
        import pypdfium2 as pdfium

        try:
            for number in range(1, page_count + 1):
                if number in self._pages:
                    part = pdfium.PdfDocument(self._pages[number])
                    dest.import_pages(part)
                    part.close()
                else:
                    dest.import_pages(src, [number - 1])
        except pdfium.PdfiumError as exc:
            raise DamagedPdf("the searchable PDF cannot be made: a page of the input cannot be copied "
                             f"({exc}); try repairing it (qpdf in.pdf repaired.pdf)") from exc

    def close(self) -> None:
        self._dir.cleanup()
