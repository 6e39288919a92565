"""Stage 1–2: pages of positioned words → lines, with page furniture set apart.

Every source (PDF text layer, plain text, later OCR) produces :class:`Page` objects;
from here on the pipeline does not know where the text came from.

* ``words_to_lines`` groups words on one baseline into a :class:`Line`, splitting it
  into :class:`Segment` s where a wide gap separates columns (label column, two
  names side by side, a right-hand "Paragrafer §116").
* ``mark_furniture`` flags page headers, footers and page numbers ("Sida 2 (7)",
  "Justerandes sign", "Utdragsbestyrkande") so they stay out of the body, and
  keeps header lines available for the document header.
"""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field

import regex

from .normalize import PARA_SIGN
from .vocabulary import norm, vocabulary

# An OCR word read with less confidence (Tesseract, 0–100) is doubtful: fields built
# from it get a warning.
LOW_CONFIDENCE = 60.0


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 10.0
    bold: bool = False
    conf: float | None = None  # OCR confidence 0–100; None for a text layer
    group: str | None = None  # OCR: the text line Tesseract put the word in


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line drawn on the page (a table border, a signature line, an underline),
    in PDF points with the origin top-left; a thin rectangle counts as one line."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.x1 - self.x0 > self.bottom - self.top

    @property
    def length(self) -> float:
        return max(self.x1 - self.x0, self.bottom - self.top)


@dataclass(slots=True)
class Segment:
    text: str
    x0: float
    x1: float
    # its words' left and right edges in turn, the words being ``text.split(" ")``; kept as
    # 4-byte floats, not Word objects, so that a long document's lines stay small
    edges: array[float] | None = None


def segment_of(words: list[Word]) -> Segment:
    """A segment of positioned words, in order."""
    edges = array("f")
    for w in words:
        edges.append(w.x0)
        edges.append(w.x1)
    return Segment(" ".join(w.text for w in words), words[0].x0, max(w.x1 for w in words), edges)


def segment_words(seg: Segment) -> list[Word]:
    """The segment's words with their left and right edges: as read, or (a segment made
    without them) spread over its width in proportion to their characters."""
    if seg.edges is not None:
        texts = seg.text.split(" ")
        if 2 * len(texts) == len(seg.edges):
            edges = seg.edges
            return [Word(t, edges[2 * i], edges[2 * i + 1], 0.0, 0.0) for i, t in enumerate(texts)]
    tokens = seg.text.split()
    per_char = (seg.x1 - seg.x0) / max(len(seg.text), 1)
    out, pos = [], 0
    for tok in tokens:
        at = seg.text.index(tok, pos)
        pos = at + len(tok)
        out.append(Word(tok, seg.x0 + at * per_char, seg.x0 + pos * per_char, 0.0, 0.0))
    return out


@dataclass(slots=True)
class Line:
    text: str
    page: int
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    size: float = 10.0
    bold: bool = False
    segments: list[Segment] = field(default_factory=list)
    role: str = "body"  # body | header | footer | blank | placeholder
    blank_before: bool = False  # an empty line (text) or a wide vertical gap (PDF) precedes it
    conf: float | None = None  # lowest OCR confidence of its words; None for a text layer
    doubtful: tuple[tuple[str, float], ...] = ()  # OCR words read below LOW_CONFIDENCE
    positioned: bool = True  # False for plain text: x is a character column, top a line index

    def __str__(self) -> str:  # for debugging dumps
        return f"p{self.page} {self.role[0]} {self.text}"


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)  # ruling lines (PDF sources); none for text
    dropped_chars: int = 0  # rotated or decorative characters left out
    positioned: bool = True  # False for plain text: x/y are character columns and line indices
    source: str = "pdf"  # pdf (text layer) | ocr | text
    needs_ocr: bool = False  # triage of a PDF page: no usable text layer
    skipped: Skipped | None = None  # not read: over a limit (sup_parse/limits.py)


@dataclass(frozen=True)
class Skipped:
    """Why a page was left unread: a warning code and its message."""

    code: str
    message: str


# Type of the same size differs by less than this (points).
SAME_SIZE = 0.6
# A wide space before a known label parts it from a value set close before it: this many
# times the type size, and at least LABEL_SPACE points.
LABEL_GAP = 1.2
LABEL_SPACE = 8.0
# A vertical space larger than this many times the type size is a gap between blocks.
BLOCK_GAP = 1.2
# OCR pieces of one word touch: closer than this share of the type size.
TOUCH = 0.12
# Bands of a positioned page where furniture stands (shares of its height): the top and
# foot for repeated lines; small type in the very top; addresses in the lower quarter.
HEAD_BAND, FOOT_BAND = 0.16, 0.9
SMALL_TOP, SMALL_TYPE = 0.06, 8.0
ADDRESS_BAND = 0.75
# A shape is repeated when it stands on this many pages, or on half of them.
REPEATS = 3


def same_type(a: Line, b: Line) -> bool:
    """Two lines set in the same type: weight and size."""
    return a.bold == b.bold and abs(a.size - b.size) < SAME_SIZE


def words_to_lines(page: Page) -> list[Line]:
    """Group a page's words into lines in reading order, with column segments."""
    words = sorted(page.words, key=lambda w: (round(w.top), w.x0))
    rows: list[list[Word]] = []
    centres: list[float] = []  # each row's words' summed vertical centres
    for w in words:
        middle = (w.top + w.bottom) / 2
        for r in range(len(rows) - 1, max(len(rows) - 4, -1), -1):
            row = rows[r]
            # OCR boxes wobble more than a text layer's baselines; words Tesseract read as
            # one text line stay on one line
            tol = max(2.0, (0.5 if w.conf is not None else 0.35) * min(row[0].size, w.size))
            same_group = w.group is not None and any(x.group == w.group for x in row)
            if same_group or abs(middle - centres[r] / len(row)) <= tol:
                row.append(w)
                centres[r] += middle
                break
        else:
            rows.append([w])
            centres.append(middle)
    lines: list[Line] = []
    prev_bottom: float | None = None
    upright = [r for r in page.rules if not r.horizontal]
    label_re = vocabulary().label_prefix_re
    ocr = any(w.conf is not None for w in page.words)  # OCR words carry confidences
    for row in rows:
        row.sort(key=lambda w: w.x0)
        first_size = row[0].size
        if all(w.size == first_size for w in row):
            size = round(first_size, 1)
        else:
            size = Counter(round(w.size, 1) for w in row).most_common(1)[0][0]
        gap_limit = max(2.0 * size, 12.0)
        segments: list[Segment] = []
        current: list[Word] = [row[0]]
        top = min(w.top for w in row)
        bottom = max(w.bottom for w in row)
        middle = (top + bottom) / 2
        walls = [r.x0 for r in upright if r.top <= middle <= r.bottom]
        for i, w in enumerate(row[1:], start=1):
            gap = w.x0 - current[-1].x1
            # A wide space (several times a word space) before a known label parts a
            # label set close after a value on the same line.
            opens_label = gap > max(LABEL_GAP * size, LABEL_SPACE) and label_re.match(" ".join(x.text for x in row[i:i + 4]))
            # a ruling line between two words is a cell border
            walled = bool(walls) and any(current[-1].x1 - 1 <= x <= w.x0 + 1 for x in walls)
            if gap > gap_limit or opens_label or walled:
                segments.append(_segment(current))
                current = [w]
            else:
                current.append(w)
        segments.append(_segment(current))
        line = Line(
            text=segments[0].text if len(segments) == 1 else " ".join(s.text for s in segments),
            page=page.number,
            top=top,
            bottom=bottom,
            x0=row[0].x0,
            x1=max(w.x1 for w in row),
            size=size,
            bold=sum(len(w.text) for w in row if w.bold) * 2 > sum(len(w.text) for w in row),
            segments=segments,
            blank_before=prev_bottom is not None and top - prev_bottom > BLOCK_GAP * size,
            conf=min((w.conf for w in row if w.conf is not None), default=None) if ocr else None,
            doubtful=tuple((w.text, w.conf) for w in row if w.conf is not None and w.conf < LOW_CONFIDENCE) if ocr else (),
        )
        prev_bottom = bottom
        lines.append(line)
    return lines


def _segment(words: list[Word]) -> Segment:
    joined = [words[0]]
    for w in words[1:]:
        prev = joined[-1]
        # OCR sometimes cuts a word in two ("Sa mtidigt"): pieces that touch are one word
        touching = w.conf is not None and w.x0 - prev.x1 < TOUCH * w.size and prev.text[-1:].isalpha() \
            and w.text[:1].isalpha() and w.text[:1].islower() and len(w.text) >= 2 and len(prev.text) >= 2
        if touching:
            joined[-1] = Word(prev.text + w.text, prev.x0, max(prev.x1, w.x1), prev.top, prev.bottom, prev.size,
                              prev.bold, prev.conf, prev.group)
        else:
            joined.append(w)
    return segment_of(joined)


_DIGITS = regex.compile(r"\d+")


def _shape(text: str) -> str:
    return _DIGITS.sub("#", text.casefold()).strip()


def mark_furniture(pages: list[Page]) -> None:
    """Set ``Line.role`` to header/footer for page furniture, in place.

    A line is furniture when it matches a furniture pattern from the vocabulary
    (page numbers, "Justerandes sign", "Utdragsbestyrkande", e-signature lines)
    or, on a positioned page, when the same text (digits masked) recurs in the
    top or bottom band of most pages.
    """
    v = vocabulary()
    furniture = v.furniture_re
    repeated: set[str] = set()
    bands = {page.number: _text_band(page) for page in pages if not page.positioned}
    if len(pages) >= 2:
        counts: Counter[str] = Counter()
        for page in pages:
            seen = set()
            for line in page.lines:
                if page.positioned and _in_band(line, page):
                    seen.add(_banded_shape(line, page))
                elif not page.positioned and id(line) in bands[page.number]:
                    seen.add(_text_shape(line))
            counts.update(seen)
        repeated = {s for s, n in counts.items() if s.strip("^$") and (n >= REPEATS or n >= max(2, (len(pages) + 1) // 2))}
    for page in pages:
        after_heading = False
        counted = _counting(page)
        for line in page.lines:
            if not line.text.strip():
                line.role = "blank"
                continue
            if id(line) in counted:
                continue
            if v.placeholder_re.match(line.text):
                line.role = "placeholder"
                continue
            # a § heading or a section heading ("Protokollsutdrag skickas till", "Reservation")
            # recurs near page ends by chance, not as furniture; nor does the line under it
            # ("Handling" / "2025 nr 189.")
            heading = bool(_SECTION_START.match(line.text)) or norm(line.text) in v.section_index
            under_heading, after_heading = after_heading, heading
            numbered = len(line.segments) > 1 and bool(v.page_number_re.match(line.segments[-1].text))
            if not page.positioned and id(line) in bands[page.number] and (_text_shape(line) in repeated or numbered) \
                    and not heading and not under_heading:
                # a page header or footer repeated in plain text ("Protokoll nr 12",
                # "Sammanträdesdatum", the organ's name, the date)
                line.role = bands[page.number][id(line)]
                continue
            banded = page.positioned and _in_band(line, page)
            # a number alone is a page number at the line's end; at its start it numbers a row
            # or an item (an agenda table going on at the top of a page)
            furniture_segment = banded and any(
                furniture.match(seg.text) and (k == len(line.segments) - 1 or not _NUMBER.match(seg.text.strip()))
                for k, seg in enumerate(line.segments)) and not _NUMBER.match(line.text.strip())
            # A § heading recurs at the top of pages by design ("§ 95 2026.016 KS"): its
            # shape repeating is no sign of furniture.
            repeats = banded and _banded_shape(line, page) in repeated and not heading and not under_heading
            # "Kommunfullmäktige  Voteringslista": the repeated page header with a word added
            repeats = repeats or (banded and line.top < page.height / 2 and len(line.segments) > 1 and not heading
                                  and _banded_shape(line, page, line.segments[0].text) in repeated)
            if furniture.match(line.text) or furniture_segment or repeats:
                if page.positioned:
                    line.role = "header" if line.top < page.height / 2 else "footer"
                else:
                    line.role = "footer"
            elif page.positioned and line.top < SMALL_TOP * page.height and line.size <= SMALL_TYPE:
                line.role = "header"
            elif page.positioned and line.top > ADDRESS_BAND * page.height and v.address_re.match(line.text):
                line.role = "footer"
            elif not page.positioned and bands[page.number].get(id(line)) == "footer" and v.address_re.match(line.text) \
                    and not heading and not under_heading:
                line.role = "footer"  # the address block at a text page's foot


_NUMBER = regex.compile(r"^\d{1,3}$")


def _counting(page: Page) -> set[int]:
    """Lines that are a number alone and count on from the one before or to the one after
    among such lines of the page: a list's or a table's numbers read one per line, not page
    numbers (a page prints one)."""
    numbers = [(line, int(line.text.strip())) for line in page.lines if _NUMBER.match(line.text.strip())]
    out: set[int] = set()
    for (a, x), (b, y) in zip(numbers, numbers[1:], strict=False):
        if y == x + 1:
            out.update((id(a), id(b)))
    return out
_SECTION_START = regex.compile(r"^\s*(?:[A-ZÅÄÖ]{1,8}\s+)?" + PARA_SIGN + r"\s*\d")


_TEXT_BAND = (5, 3)  # lines at the top and foot of a plain-text page where furniture may stand


def _text_band(page: Page) -> dict[int, str]:
    """The first and last lines of a plain-text page: id → "header" / "footer"."""
    lines = [line for line in page.lines if line.text.strip()]
    top, foot = _TEXT_BAND
    half = (len(lines) + 1) // 2  # on a short page the bands meet: the nearer edge wins
    band = {id(line): "footer" for line in lines[max(len(lines) - foot, half):]}
    band.update({id(line): "header" for line in lines[: min(top, half)]})
    return band


def _text_shape(line: Line) -> str:
    """A line's shape with a page number in its last column dropped: the header "KOMMUN
    PROTOKOLL  2 (5)" of page 2 is the same as the first page's, which prints no number."""
    segments = line.segments
    if len(segments) > 1 and vocabulary().page_number_re.match(segments[-1].text):
        return _shape(" ".join(seg.text for seg in segments[:-1]))
    return _shape(line.text)


def _banded_shape(line: Line, page: Page, text: str | None = None) -> str:
    """The shape of a line in a band, told apart by band: what repeats at the head of pages
    is furniture there, not at their foot."""
    return ("^" if line.top < page.height / 2 else "$") + _shape(line.text if text is None else text)


def _in_band(line: Line, page: Page) -> bool:
    return line.top < HEAD_BAND * page.height or line.bottom > FOOT_BAND * page.height
