"""A small flow-layout engine on top of the reportlab canvas.

Layout happens first, into per-page lists of drawing operations; the page furniture
(headers, footers, "Sida 2 (7)") is drawn afterwards, when the page count is known.
Every operation is tagged with the current ``owner`` (a § number, an agenda item), so
that the pages each § spans fall out of the layout.
"""

from __future__ import annotations

import contextlib
import random
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

from .wording import NBSP

FONTS = {
    "helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "times": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "courier": ("Courier", "Courier-Bold", "Courier-Oblique"),
    "vera": ("Vera", "VeraBd", "VeraIt"),
}
PAGE_SIZES = {"A4": A4, "Letter": LETTER}
MARGINS = {"narrow": (48, 42, 40, 36), "normal": (62, 56, 46, 42), "wide": (80, 72, 52, 48)}  # left right top bottom
LEADING = {"tight": 1.17, "normal": 1.3, "loose": 1.48}
VOWELS = set("aeiouyåäöéAEIOUYÅÄÖÉ")

_registered = False


def register_fonts() -> None:
    global _registered
    if not _registered:
        for name, file in (("Vera", "Vera.ttf"), ("VeraBd", "VeraBd.ttf"), ("VeraIt", "VeraIt.ttf")):
            pdfmetrics.registerFont(TTFont(name, file))
        _registered = True


@contextlib.contextmanager
def decomposed_text_layer() -> Iterator[None]:
    """While active, embedded TrueType fonts map precomposed letters (å, ä, ö, é …) to
    their NFD sequence in the ToUnicode CMap: the page shows 'å', extraction gives 'a' + ring."""
    original = ttfonts.makeToUnicodeCMap

    def nfd_cmap(fontname: str, subset: list[int]) -> str:
        text = original(fontname, subset)

        def swap(m: re.Match[str]) -> str:
            ch = chr(int(m.group(2), 16))
            dec = unicodedata.normalize("NFD", ch)
            if dec == ch:
                return m.group(0)
            return f"<{m.group(1)}> <{''.join(f'{ord(c):04X}' for c in dec)}>"

        return re.sub(r"<([0-9A-F]{2})> <([0-9A-F]{4})>", swap, text)

    ttfonts.makeToUnicodeCMap = nfd_cmap
    try:
        yield
    finally:
        ttfonts.makeToUnicodeCMap = original


Seg = tuple[float, str, str, float]  # (dx, text, font, size)
Line = list[Seg]


@dataclass
class Style:
    font: str
    size: float
    leading: float
    page: tuple[float, float]
    margins: tuple[float, float, float, float]
    label_upper: bool
    label_colon: bool
    header_h: tuple[float, float] = (60, 60)  # reserved above the flow: first page, other pages
    footer_h: float = 20
    first_pages: set[int] = field(default_factory=lambda: {0})  # pages that start a document (an enclosure too)

    @property
    def reg(self) -> str:
        return FONTS[self.font][0]

    @property
    def bold(self) -> str:
        return FONTS[self.font][1]

    @property
    def ital(self) -> str:
        return FONTS[self.font][2]

    @property
    def lead(self) -> float:
        return self.size * self.leading

    @property
    def width(self) -> float:
        return self.page[0] - self.margins[0] - self.margins[1]

    @property
    def left(self) -> float:
        return self.margins[0]

    def top_y(self, page: int) -> float:
        return self.page[1] - self.margins[2] - self.header_h[0 if page in self.first_pages else 1]

    @property
    def bottom_y(self) -> float:
        return self.margins[3] + self.footer_h

    def label(self, text: str, colon: bool | None = None) -> str:
        text = text.upper() if self.label_upper else text
        want = self.label_colon if colon is None else colon
        return text + ":" if want and text and not text.endswith(":") else text


def sw(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text.replace(NBSP, " "), font, size)


@dataclass
class Row:
    cells: list[list[Line]]
    cols: list[tuple[float, float]]  # (x offset from the left margin, width) per cell
    ruled: bool = False
    pad: float = 0.0
    shade: bool = False


@dataclass
class Rec:
    """One laid-out block as the renderer meant it, for the text renderings (render_text):
    ``heading`` / ``para`` / ``lines`` hold ``lines`` [(page, x, Line)]; ``row`` holds the
    row's ``cells``, each [(page, Line)].  ``tag`` says what the block is on the page
    (``grid``: label/value rows; ``table``; ``list``; ``phead``: a § heading; ``sig``;
    ``letterhead``; None: running text).  Recording draws nothing and uses no randomness."""

    kind: str
    tag: str | None
    info: dict[str, object] = field(default_factory=dict)
    lines: list[tuple[int, float, Line]] = field(default_factory=list)
    cells: list[list[tuple[int, Line]]] = field(default_factory=list)


@dataclass
class Engine:
    st: Style
    rng: random.Random
    hyphenate: bool = False
    pages: list[list[tuple]] = field(default_factory=list)
    owner: object | None = None
    owned: dict[object, set[int]] = field(default_factory=dict)
    on_break: Callable[[Engine], None] | None = None
    y: float = 0.0
    rec: list[Rec] = field(default_factory=list)
    tag: str | None = None
    page_top: dict[int, list[Line]] = field(default_factory=dict)  # lines set at a page's top ("§ 60 forts.")
    _open: Rec | None = None
    _in_rows: int = 0

    def __post_init__(self) -> None:
        self.new_page()

    # -- pages and ops ------------------------------------------------------------------
    @property
    def page(self) -> int:
        return len(self.pages) - 1

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.st.top_y(self.page)
        if self.on_break is not None and self.page > 0:
            self.on_break(self)

    def page_break(self) -> None:
        if self.pages[-1] or self.page == 0:
            self.new_page()

    def at_top(self) -> bool:
        return self.y >= self.st.top_y(self.page) - 1

    def emit(self, op: tuple) -> None:
        self.pages[-1].append(op)
        if self.owner is not None:
            self.owned.setdefault(self.owner, set()).add(self.page + 1)

    def text(self, x: float, y: float, s: str, font: str, size: float) -> None:
        if s:
            self.emit(("t", x, y, s.replace(NBSP, " "), font, size))

    def hline(self, x1: float, x2: float, y: float, w: float = 0.6) -> None:
        self.emit(("l", x1, y, x2, y, w))

    def vline(self, x: float, y1: float, y2: float, w: float = 0.6) -> None:
        self.emit(("l", x, y1, x, y2, w))

    def need(self, h: float) -> None:
        if self.y - h < self.st.bottom_y and not self.at_top():
            self.new_page()

    def space(self, h: float) -> None:
        self.y -= h

    # -- recording the structure (for the text renderings) ----------------------------------
    @contextlib.contextmanager
    def tagged(self, tag: str | None) -> Iterator[None]:
        old, self.tag = self.tag, tag
        try:
            yield
        finally:
            self.tag = old

    @contextlib.contextmanager
    def block(self, kind: str, **info: object) -> Iterator[None]:
        """Lines drawn inside belong to one block (the outermost one when nested)."""
        if self._open is not None or self._in_rows:
            yield
            return
        rec = Rec(kind, self.tag, dict(info))
        self.rec.append(rec)
        self._open = rec
        try:
            yield
        finally:
            self._open = None

    def top_line(self, line: Line) -> None:
        self.page_top.setdefault(self.page + 1, []).append(line)

    # -- text shaping ----------------------------------------------------------------------
    def wrap(self, text: str, font: str, size: float, width: float, hyph: bool = False) -> list[str]:
        words: list[str] = []
        for word in text.split(" "):
            # a name kept on one line (NBSP) that is wider than the column wraps at its spaces after all
            words.extend(word.split(NBSP) if NBSP in word and sw(word, font, size) > width else [word])
        lines: list[str] = []
        cur = ""
        for word in words:
            if not word:
                continue
            trial = f"{cur} {word}" if cur else word
            if sw(trial, font, size) <= width:
                cur = trial
                continue
            if hyph and self.hyphenate and len(word) >= 11 and word.isalpha() and self.rng.random() < 0.7:
                head = f"{cur} " if cur else ""
                for i in range(len(word) - 4, 4, -1):
                    # V-CV: the new line starts with one consonant followed by a vowel
                    if word[i] not in VOWELS and word[i + 1] in VOWELS and word[i - 1] not in "-" \
                            and sw(head + word[:i] + "-", font, size) <= width:
                        lines.append(head + word[:i] + "-")
                        cur = word[i:]
                        break
                else:
                    if cur:
                        lines.append(cur)
                    cur = word
                continue
            if cur:
                lines.append(cur)
            cur = word
        if cur:
            lines.append(cur)
        return lines or [""]

    def lines(self, text: str, width: float, font: str | None = None, size: float | None = None,
              hyph: bool = False, dx: float = 0.0) -> list[Line]:
        font = font or self.st.reg
        size = size or self.st.size
        return [[(dx, s, font, size)] for s in self.wrap(text, font, size, width - dx, hyph)]

    def marked(self, mark: str, text: str, width: float, hang: float, font: str | None = None,
               hyph: bool = False, size: float | None = None) -> list[Line]:
        """A list entry: the marker, then the text with a hanging indent."""
        font = font or self.st.reg
        size = size or self.st.size
        if not mark:
            return self.lines(text, width, font, size, hyph)
        out = self.lines(text, width, font, size, hyph, dx=hang)
        out[0] = [(0.0, mark, font, size), *out[0]]
        return out

    # -- placing ---------------------------------------------------------------------------
    def draw_line(self, line: Line, x: float) -> None:
        if not self._in_rows:
            if self._open is None:
                self.rec.append(Rec("lines", self.tag))
                self.rec[-1].lines.append((self.page + 1, x - self.st.left, line))
            else:
                self._open.lines.append((self.page + 1, x - self.st.left, line))
        baseline = self.y - self.st.size
        for dx, s, font, size in line:
            if s.startswith("\x00rule"):
                self.hline(x + dx, x + dx + float(s[5:]), baseline - 1, 0.5)
            else:
                self.text(x + dx, baseline, s, font, size)

    def place(self, lines: list[Line], dx: float = 0.0, keep: int = 2, lead: float | None = None) -> None:
        lead = lead or self.st.lead
        self.need(min(len(lines), keep) * lead)
        with self.block("lines"):
            for line in lines:
                self.need(lead)
                self.draw_line(line, self.st.left + dx)
                self.y -= lead

    def para(self, text: str, dx: float = 0.0, font: str | None = None, size: float | None = None, hyph: bool = False,
             after: float | None = None, width: float | None = None) -> None:
        width = (width or self.st.width) - dx
        size = size or self.st.size
        lead = size * self.st.leading
        with self.block("para", font=font or self.st.reg, size=size, dx=dx):
            self.place(self.lines(text, width, font, size, hyph), dx, lead=lead)
        self.space(self.st.lead * 0.45 if after is None else after)

    def heading(self, text: str, dx: float = 0.0, size: float | None = None, font: str | None = None,
                after: float = 2.0, keep_lines: int = 3) -> None:
        size = size or self.st.size
        lines = self.lines(text, self.st.width - dx, font or self.st.bold, size)
        self.need(len(lines) * size * self.st.leading + keep_lines * self.st.lead)
        with self.block("heading", font=font or self.st.bold, size=size, dx=dx):
            self.place(lines, dx, lead=size * self.st.leading)
        self.space(after)

    def rows(self, rows: list[Row], keep_first: int = 2, header: Row | None = None) -> None:
        """Rows of cells, each cell a list of lines; a tall row continues on the next page
        (its ruling is closed and reopened), a header row is repeated after a break."""
        lead = self.st.lead
        for r_i, row in enumerate(rows):
            n = max((len(c) for c in row.cells), default=1) or 1
            first_need = min(n, max(keep_first, 3 if n <= 3 else keep_first)) * lead + 2 * row.pad
            self.need(first_need)
            rec = Rec("row", self.tag, {"cols": row.cols, "ruled": row.ruled, "repeat": header is not None and row is header},
                      cells=[[] for _ in row.cells])
            self.rec.append(rec)
            self._in_rows += 1
            seg_top = self.y
            self.y -= row.pad
            for i in range(n):
                if self.y - lead < self.st.bottom_y:
                    if row.ruled:
                        self._rule_segment(row, seg_top, self.y)
                    self._in_rows -= 1
                    self.new_page()
                    if header is not None and r_i > 0:
                        self.rows([header], header=header)
                        rec = Rec("row", self.tag, dict(rec.info), cells=[[] for _ in row.cells])
                        self.rec.append(rec)  # the rest of the row, after the repeated header
                    self._in_rows += 1
                    seg_top = self.y
                    self.y -= row.pad
                for c, cell in enumerate(row.cells):
                    if i < len(cell):
                        rec.cells[c].append((self.page + 1, cell[i]))
                        self.draw_line(cell[i], self.st.left + row.cols[c][0] + row.pad)
                self.y -= lead
            self._in_rows -= 1
            self.y -= row.pad
            if row.ruled:
                self._rule_segment(row, seg_top, self.y)

    def _rule_segment(self, row: Row, top: float, bottom: float) -> None:
        left = self.st.left
        x0 = left + row.cols[0][0]
        x1 = left + row.cols[-1][0] + row.cols[-1][1]
        self.hline(x0, x1, top)
        self.hline(x0, x1, bottom)
        for x, _w in row.cols:
            self.vline(left + x, top, bottom)
        self.vline(x1, top, bottom)


def write_pdf(path_or_buf: object, st: Style, pages: list[list[tuple]], furniture: Callable[[rl_canvas.Canvas, int, int], None],
              title: str, nfd: bool) -> None:
    register_fonts()
    ctx = decomposed_text_layer() if nfd else contextlib.nullcontext()
    with ctx:
        c = rl_canvas.Canvas(path_or_buf, pagesize=st.page, invariant=1, pageCompression=1)
        c.setTitle(title)
        c.setAuthor("sup-parse layout variants")
        c.setCreator("tools/variants")
        total = len(pages)
        for i, ops in enumerate(pages):
            furniture(c, i, total)
            for op in ops:
                if op[0] == "t":
                    _, x, y, s, font, size = op
                    c.setFont(font, size)
                    c.drawString(x, y, s)
                elif op[0] == "l":
                    _, x1, y1, x2, y2, w = op
                    c.setLineWidth(w)
                    c.line(x1, y1, x2, y2)
            c.showPage()
        c.save()
