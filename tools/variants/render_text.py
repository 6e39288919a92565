"""Text renderings of a variant: what archives hold instead of the PDF.

Three text styles (the axis ``text_style``):

- ``layout``: ``pdftotext -layout`` of the variant's PDF (Debian's poppler-utils):
  space-aligned columns, a form feed after every page.
- ``plain``: ``pdftotext`` without ``-layout``: reading-order text, form feeds.
- ``markdown``: what a document converter writes, made from the variant's laid-out
  structure (``render_pdf.Layout``: the blocks in the order drawn, with their fonts,
  table cells and pages, and each page's furniture), through randomly combined
  converter habits, each an axis (``md_*``).

pdftotext output is kept as printed, with one habit of the archives that hold it
(``txt_breaks``): form feeds kept, pages wrapped in ``<!-- sida N -->`` comments under
a YAML front matter (a converter's .md around pdfplumber-like text), or form feeds
lost in transcription.

``text_gold`` adjusts the variant's gold where a text style truly loses something
(README.md, "Text renderings").  Nothing here imports sup_parse.
"""

from __future__ import annotations

import copy
import random
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from typing import Any

from .axes import Axis
from .engine import Line

TEXT_STYLES = ("markdown", "layout", "plain")
TABLE_VOTES = {"ruled_table", "plain_table"}


def _t(name: str, values: str, styles: tuple[str, ...], weights: tuple[int, ...] | None = None) -> tuple[Axis, tuple[str, ...]]:
    return Axis(name, tuple(values.split("|")), weights=weights), styles


MD = ("markdown",)
PT = ("layout", "plain")
TEXT_AXES: list[tuple[Axis, tuple[str, ...]]] = [
    _t("text_style", "markdown|layout|plain", TEXT_STYLES, (5, 3, 2)),
    # pdftotext output as archives keep it
    _t("txt_breaks", "formfeed|sida_comment|none", PT, (6, 2, 2)),
    # markdown: converter habits
    _t("md_yaml", "yes|no", MD),
    _t("md_pages", "page_comment|sida_comment|pagebreak|hr|none", MD, (3, 2, 2, 1, 3)),
    _t("md_furniture", "repeat|first|comments", MD, (4, 3, 1)),
    _t("md_headings", "hash|hash_bold|bold|plain", MD, (3, 3, 2, 1)),
    _t("md_emphasis", "yes|no", MD, (3, 1)),
    _t("md_grid", "pipe|lines|runon", MD),
    _t("md_tables", "pipe|row_lines|cell_lines", MD, (4, 2, 1)),
    _t("md_pipe", "spaced|compact", MD),
    _t("md_cell_breaks", "space|br", MD),
    _t("md_lists", "dash|star|glyph", MD, (3, 1, 2)),
    _t("md_wrap", "hard|unwrapped", MD),
    _t("md_hyphens", "kept|joined", MD),
    _t("md_trailing", "no|yes", MD, (3, 1)),
    _t("md_columns", "blocks|across", MD, (2, 1)),
    _t("md_quote", "none|indented", MD, (2, 1)),
    _t("md_escape", "no|yes", MD, (3, 1)),
]
TEXT_AXIS = {a.name: (a, styles) for a, styles in TEXT_AXES}


def draw_text_axes(seed: int, index: int, style: str | None = None) -> dict[str, str | None]:
    """One text style and its habits for a variant (a seed of its own: the PDF is untouched).
    Habits that cannot show are None: hyphen joining only in unwrapped paragraphs of a
    hyphenated variant is decided by the caller (``applicable``)."""
    rng = random.Random(f"text/{seed}/{index}")
    out: dict[str, str | None] = {}
    for axis, _styles in TEXT_AXES:
        out[axis.name] = rng.choices(axis.values, axis.weights)[0] if axis.weights else rng.choice(axis.values)
    if style is not None:
        out["text_style"] = style
    for axis, styles in TEXT_AXES:
        if out["text_style"] not in styles:
            out[axis.name] = None
    return out


def applicable(tax: dict[str, str | None], pax: dict[str, Any]) -> dict[str, str | None]:
    """Set the habits to None that the variant gives no occasion to show."""
    tax = dict(tax)
    if tax["text_style"] == "markdown":
        if tax["md_wrap"] != "unwrapped" or pax.get("hyphenation") != "on":
            tax["md_hyphens"] = None
        if tax["md_tables"] != "pipe" and tax["md_grid"] != "pipe":
            tax["md_pipe"] = None
            tax["md_cell_breaks"] = None
    return tax


def suffix(tax: dict[str, str | None]) -> str:
    return ".md" if tax["text_style"] == "markdown" or tax["txt_breaks"] == "sida_comment" else ".txt"


# ---------------------------------------------------------------------------------------------
# pdftotext


def pdftotext_version() -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        return "missing"
    out = subprocess.run([exe, "-v"], capture_output=True, text=True, check=False)
    return (out.stderr or out.stdout).splitlines()[0].strip() if (out.stderr or out.stdout) else "unknown"


def pdftotext(pdf_path: str, layout: bool) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        raise RuntimeError("pdftotext not found: install Debian's poppler-utils (make system-deps)")
    args = [exe, "-enc", "UTF-8"] + (["-layout"] if layout else []) + [pdf_path, "-"]
    return subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")


def yaml_front(rng: random.Random, vid: str, pages: int) -> str:
    tool = rng.choice(["pdfplumber 0.11.4", "docling 2.15.1", "marker 1.2.3", "pymupdf4llm 0.0.17",
                       "markitdown 0.0.1", "Azure Document Intelligence 2024-11-30"])
    lines = ["---", f"fil: \"{vid}.pdf\"", f"sidor: {pages}",
             f"konverterad: 20{rng.randint(23, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T"
             f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}+00:00",
             f"pipeline: {tool}"]
    if rng.random() < 0.5:
        lines.append(f"kvalitet_per_sida: [{', '.join(['ok'] * pages)}]")
    if rng.random() < 0.5:
        lines.append("fel: null")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def pdftotext_rendering(pdf_path: str, tax: dict[str, str | None], vid: str, pages: int, rng: random.Random) -> str:
    text = pdftotext(pdf_path, layout=tax["text_style"] == "layout")
    breaks = tax["txt_breaks"]
    if breaks == "formfeed":
        return text
    chunks = text.split("\f")
    if chunks and not chunks[-1].strip():
        chunks = chunks[:-1]
    if breaks == "none":  # form feeds lost, as in a transcription: the pages simply follow
        return "\n".join(c.rstrip("\n") for c in chunks) + "\n"
    out = [yaml_front(rng, vid, pages)]
    for i, c in enumerate(chunks, start=1):
        out.append(f"<!-- sida {i} -->\n\n{c.strip(chr(10))}\n\n")
    return "".join(out).rstrip("\n") + "\n"


# ---------------------------------------------------------------------------------------------
# markdown from the laid-out structure

MARKERS = re.compile(r"^(?:[-–•]|\d{1,2}\.)$")


class Markdown:
    """A converter's markdown of one laid-out document."""

    def __init__(self, lay: Any, tax: dict[str, str | None], rng: random.Random, pages: int):
        self.lay = lay
        self.tax = tax
        self.rng = rng
        self.pages = pages
        self.reg, self.bold, self.ital = lay.fonts
        self.size = lay.size
        self.emph = tax["md_emphasis"] == "yes"
        self.wrap = tax["md_wrap"]
        dxs = Counter(float(r.info.get("dx", 0.0)) for r in lay.rec if r.kind == "para" and r.tag is None)
        self.base_dx = dxs.most_common(1)[0][0] if dxs else 0.0

    # -- inline text ------------------------------------------------------------------------------
    def esc(self, s: str) -> str:
        s = s.replace("\u00a0", " ")
        if self.tax["md_escape"] == "yes":
            s = re.sub(r"([*_\[\]|<>`])", r"\\\1", s)
        return s

    def line_start_esc(self, s: str) -> str:
        if self.tax["md_escape"] == "yes":
            s = re.sub(r"^(\s*)([-+#>])(?=\s|$)", r"\1\\\2", s)
            s = re.sub(r"^(\s*\d{1,3})\.(?=\s)", r"\1\\.", s)
        return s

    def style_of(self, font: str) -> str:
        return "b" if font == self.bold else "i" if font == self.ital else ""

    def inline(self, line: Line, emph: bool | None = None) -> str:
        """A line's segments joined by single spaces, bold and italic runs marked."""
        emph = self.emph if emph is None else emph
        runs: list[tuple[str, list[str]]] = []
        for _dx, s, font, _size in line:
            if s.startswith("\x00rule") or not s.strip():
                continue
            st = self.style_of(font) if emph else ""
            if runs and runs[-1][0] == st:
                runs[-1][1].append(self.esc(s))
            else:
                runs.append((st, [self.esc(s)]))
        out = []
        for st, parts in runs:
            text = " ".join(parts)
            out.append(f"**{text}**" if st == "b" else f"*{text}*" if st == "i" else text)
        return " ".join(out)

    def plain(self, line: Line) -> str:
        return self.inline(line, emph=False)

    def flow(self, lines: list[Line], emph: bool | None = None) -> str:
        """Lines of one paragraph as markdown: one per line (hard wrap), or run into one
        line, a word broken at the line end by a hyphen joined where the habit says so."""
        if self.wrap == "hard":
            return "\n".join(t for t in (self.inline(ln, emph) for ln in lines) if t)
        segs: list[tuple[float, str, str, float]] = []
        for ln in lines:
            ln = [s for s in ln if s[1].strip() and not s[1].startswith("\x00rule")]
            if not ln:
                continue
            if segs and self.tax["md_hyphens"] == "joined" and re.search(r"[^\W\d]-$", segs[-1][1]) and ln[0][1][:1].islower():
                dx, s, font, size = segs[-1]
                first = ln[0][1].split(" ", 1)
                segs[-1] = (dx, s[:-1] + first[0], font, size)
                ln = ([(ln[0][0], first[1], ln[0][2], ln[0][3])] if len(first) > 1 else []) + ln[1:]
            segs.extend(ln)
        return self.inline(segs, emph)

    def heading(self, text: str, size: float) -> str:
        style = self.tax["md_headings"]
        level = "#" if size >= self.size + 3.5 else "##"
        if style == "hash":
            return f"{level} {text}"
        if style == "hash_bold":
            return f"{level} **{text}**"
        if style == "bold":
            return f"**{text}**"
        return text

    # -- blocks -----------------------------------------------------------------------------------
    def is_heading_line(self, line: Line, first: bool = False) -> bool:
        """Bold (every run, or the first where ``first``) or set larger than the body."""
        segs = [s for s in line if s[1].strip() and not s[1].startswith("\x00rule")]
        if not segs:
            return False
        bold = segs[0][2] == self.bold if first else all(s[2] == self.bold for s in segs)
        return bold or segs[0][3] >= self.size + 1

    def text_block(self, rec: Any, lines: list[tuple[float, Line]]) -> list[str]:
        """Paragraph(s) of a heading, para or lines block (its lines on one page)."""
        kind, tag = rec.kind, rec.tag
        if not lines:
            return []
        if tag == "list":
            return [self.list_item(lines)]
        if kind == "heading":
            font, size = rec.info.get("font"), float(rec.info.get("size") or self.size)  # type: ignore[arg-type]
            text = " ".join(self.plain(ln) for _x, ln in lines)
            if font == self.bold or size >= self.size + 1:
                return [self.heading(text, size)]
            if font == self.ital and self.emph:
                return [f"*{text}*"]
            return [self.line_start_esc(text)]
        if tag == "phead":
            return self.para_heading(lines)
        if kind == "para":
            font = rec.info.get("font")
            text = self.flow([ln for _x, ln in lines], emph=False if font in {self.bold, self.ital} else None)
            if self.emph and font in {self.bold, self.ital}:
                mark = "**" if font == self.bold else "*"
                text = "\n".join(f"{mark}{t}{mark}" for t in text.split("\n"))
            text = self.esc_lines(text)
            dx = float(rec.info.get("dx") or 0.0)  # type: ignore[arg-type]
            if self.tax["md_quote"] == "indented" and (dx - self.base_dx >= 10 or font == self.ital):
                text = "\n".join(f"> {t}" for t in text.split("\n"))
            return [text]
        # lines placed together: headings apart, the rest one paragraph (hard-wrapped or run on);
        # side-by-side columns (attendance 'Ledamöter | Tjänstgörande ersättare') one after the other
        parts = self.cell_parts([ln for _x, ln in lines]) if len(lines) >= 3 else [[ln for _x, ln in lines]]
        if len(parts) > 1 and self.tax["md_columns"] == "blocks":
            return [self.esc_lines(self.flow(p)) for p in parts]
        out: list[str] = []
        group: list[Line] = []
        head: list[Line] = []  # a heading's lines (a wrapped title is one heading)

        def close() -> None:
            if group:
                out.append(self.esc_lines(self.flow(group)))
                group.clear()
            if head:
                out.append(self.heading(" ".join(self.plain(h) for h in head), max(s[3] for h in head for s in h)))
                head.clear()
        for _x, ln in lines:
            if self.is_heading_line(ln):
                if group or (head and ln[-1][2:] != head[-1][-1][2:]):
                    close()
                head.append(ln)
            else:
                if head:
                    close()
                group.append(ln)
        close()
        return out

    def esc_lines(self, text: str) -> str:
        return "\n".join(self.line_start_esc(t) for t in text.split("\n"))

    def para_heading(self, lines: list[tuple[float, Line]]) -> list[str]:
        """A § heading: a bold or large line starts a heading, a line in the same font as the
        previous line's last run continues it (a wrapped title); other lines are text."""
        groups: list[tuple[bool, list[Line]]] = []
        for _x, ln in lines:
            segs = [s for s in ln if s[1].strip()]
            if not segs:
                continue
            prev = groups[-1][1][-1] if groups else None
            cont = prev is not None and len(segs) == 1 and segs[0][2:] == prev[-1][2:] and groups[-1][0]
            if cont:
                groups[-1][1].append(segs)
            else:
                groups.append((self.is_heading_line(segs, first=True), [segs]))
        out = []
        for head, lns in groups:
            if head:
                out.append(self.heading(" ".join(self.plain(ln) for ln in lns), max(s[3] for ln in lns for s in ln)))
            else:
                out.append(self.esc_lines(self.flow(lns)))
        return out

    def list_item(self, lines: list[tuple[float, Line]]) -> str:
        first = lines[0][1]
        mark = first[0][1] if first and MARKERS.match(first[0][1]) else None
        rest = first[1:] if mark else first
        body = [rest] + [ln for _x, ln in lines[1:]]
        style = self.tax["md_lists"]
        if mark is None:
            head = ""
        elif mark[0].isdigit():
            head = mark + " "
        elif style == "dash":
            head = "- "
        elif style == "star":
            head = "* "
        else:
            head = mark + " "
        if mark is not None and style == "glyph" and self.tax["md_escape"] == "yes":  # not taken for a list: escaped
            head = re.sub(r"^(\d+)\.", r"\1\\.", head) if head[0].isdigit() else "\\" + head if head[0] in "-+*" else head
        text = self.flow(body)
        if head == "":
            return self.esc_lines(text)
        return head + text.replace("\n", "\n" + " " * len(head))

    # -- rows -------------------------------------------------------------------------------------
    def cell_parts(self, cell: list[Line]) -> list[list[Line]]:
        """A cell's lines in reading order: side-by-side columns inside a cell (attendance
        'Ledamöter | Tjänstgörande ersättare') one after the other (``md_columns=blocks``),
        or read across."""
        cell = [ln for ln in cell if any(s[1].strip() and not s[1].startswith("\x00rule") for s in ln)]
        if not cell:
            return []
        if self.tax["md_columns"] != "blocks":
            return [cell]
        starts = sorted({round(s[0]) for s in cell[0]}) if len(cell[0]) > 1 else [0]
        if len(starts) > 1 and all(b - a > 40 for a, b in zip(starts, starts[1:], strict=False)):
            cols: list[list[Line]] = [[] for _ in starts]
            for ln in cell:
                by: dict[int, Line] = {}
                for seg in ln:
                    k = max(i for i, s0 in enumerate(starts) if seg[0] >= s0 - 1)
                    by.setdefault(k, []).append(seg)
                for k, segs in by.items():
                    cols[k].append(segs)
            return [c for c in cols if c]
        return [cell]

    def cell_texts(self, cell: list[Line]) -> list[str]:
        return [t for part in self.cell_parts(cell) for t in (self.inline(ln) for ln in part) if t]

    def rows_block(self, tag: str | None, rows: list[list[list[Line]]], repeat: list[bool]) -> list[str]:
        if not rows:
            return []
        if tag == "grid":
            return self.grid(rows)
        if tag == "table":
            return self.table(rows)
        if self.tax["md_columns"] == "blocks" and tag in {"letterhead", "sig"}:  # boxes side by side: one block each
            out: list[str] = []
            i = 0
            while i < len(rows):
                row = rows[i]
                labels = all(all(s[2] == self.bold for ln in c for s in ln if s[1].strip()) for c in row)
                if labels and i + 1 < len(rows) and len(rows[i + 1]) == len(row):  # a label over each name
                    boxes = [c + d for c, d in zip(row, rows[i + 1], strict=True)]
                    i += 2
                else:
                    boxes = row
                    i += 1
                out += [self.esc_lines(self.flow(part)) for c in boxes for part in self.cell_parts(c)]
            return out
        # side-by-side lines read across, one visual line at a time
        out = []
        for row in rows:
            n = max((len(c) for c in row), default=0)
            vis = [" ".join(t for t in (self.inline(c[i]) for c in row if i < len(c)) if t) for i in range(n)]
            vis = [self.line_start_esc(v) for v in vis if v]
            if vis:
                out.append("\n".join(vis) if self.wrap == "hard" else "\n\n".join(vis))
        return out

    def cell_join(self, texts: list[str]) -> str:
        if self.tax["md_cell_breaks"] == "br" and self.wrap == "hard":
            return "<br>".join(texts)
        return " ".join(texts)

    def pipe_table(self, rows: list[list[str]]) -> str:
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        compact = self.tax["md_pipe"] == "compact"

        def fmt(r: list[str]) -> str:
            cells = [c.replace("|", "\\|") if self.tax["md_escape"] != "yes" else c for c in r]
            return "|" + "|".join(cells) + "|" if compact else "| " + " | ".join(cells) + " |"
        sep = "|" + "|".join(["---"] * width) + "|" if compact else "| " + " | ".join(["---"] * width) + " |"
        return "\n".join([fmt(rows[0]), sep] + [fmt(r) for r in rows[1:]])

    def grid(self, rows: list[list[list[Line]]]) -> list[str]:
        mode = self.tax["md_grid"]
        cells = [[self.cell_texts(c) for c in row] for row in rows]
        if mode == "pipe":
            return [self.pipe_table([[self.cell_join(c) for c in row] for row in cells])]
        if mode == "runon":  # the whole grid on one line, as a converter reads an unruled table
            parts = [" ".join(t for c in row for t in c) for row in cells]
            return [self.line_start_esc(" ".join(p for p in parts if p))]
        out = []
        for row in rows:
            for c in row:
                for part in self.cell_parts(c):
                    t = self.flow(part)
                    if t:
                        out.append("\n".join(self.line_start_esc(x) for x in t.split("\n")))
        return out

    def table(self, rows: list[list[list[Line]]]) -> list[str]:
        mode = self.tax["md_tables"]
        if mode == "pipe":
            texts = [[self.cell_join([self.plain(ln) for ln in c if self.plain(ln)]) for c in row] for row in rows]
            return [self.pipe_table(texts)]
        out = []
        if mode == "row_lines":  # read across, one visual line at a time; empty cells vanish
            lines = []
            for row in rows:
                n = max((len(c) for c in row), default=0)
                for i in range(n):
                    v = " ".join(t for t in (self.inline(c[i]) for c in row if i < len(c)) if t)
                    if v:
                        lines.append(self.line_start_esc(v))
            return ["\n".join(lines)] if self.wrap == "hard" else lines
        for row in rows:  # cell_lines: every cell its own line
            for c in row:
                t = self.flow(c)
                if t:
                    out.append(self.line_start_esc(t))
        return out

    # -- pages ------------------------------------------------------------------------------------
    def furniture(self, page: int) -> tuple[list[str], list[str]]:
        """(header lines, footer lines) of a page, as the converter keeps them."""
        mode = self.tax["md_furniture"]
        lines = self.lay.furniture[page - 1]
        if mode == "first" and (page - 1) not in self.lay.first_pages:
            return [], []
        head: list[str] = []
        foot: list[str] = []
        for y, segs in lines:
            line = [(x, s, f, z) for x, s, f, z in segs]
            if mode == "comments":  # Azure Document Intelligence: furniture as comments, the page number apart
                where = head if y > self.lay.flow_bottom else foot
                number = [seg for seg in line if PAGE_LABEL.match(seg[1])]
                rest = [seg for seg in line if seg not in number]
                if rest:
                    where.append(f'<!-- {"PageHeader" if where is head else "PageFooter"}="{self.plain(rest)}" -->')
                if number:
                    where.append(f'<!-- PageNumber="{number[0][1]}" -->')
            else:
                text = self.line_start_esc(self.inline(line))
                (head if y > self.lay.flow_bottom else foot).append(text)
        return head, foot

    def fragments(self) -> dict[int, list[str]]:
        """The body of every page, as markdown paragraphs."""
        body: dict[int, list[str]] = {p: [] for p in range(1, self.pages + 1)}
        recs = self.lay.rec
        i = 0
        while i < len(recs):
            rec = recs[i]
            if rec.kind == "row":
                j = i
                group = []
                while j < len(recs) and recs[j].kind == "row" and recs[j].tag == rec.tag:
                    group.append(recs[j])
                    j += 1
                for page in sorted({p for r in group for c in r.cells for p, _ in c}):
                    rows, rep = [], []
                    for r in group:
                        cells = [[ln for p, ln in c if p == page] for c in r.cells]
                        if any(cells):
                            rows.append(cells)
                            rep.append(bool(r.info.get("repeat")))
                    body[page].extend(self.rows_block(rec.tag, rows, rep))
                i = j
                continue
            for page in sorted({p for p, _x, _ln in rec.lines}):
                body[page].extend(self.text_block(rec, [(x, ln) for p, x, ln in rec.lines if p == page]))
            i += 1
        return body

    def render(self, vid: str) -> str:
        body = self.fragments()
        marks = self.tax["md_pages"]
        trailing = self.tax["md_trailing"] == "yes"
        out: list[str] = []
        if self.tax["md_yaml"] == "yes":
            out.append(yaml_front(self.rng, vid, self.pages).rstrip("\n"))
        for page in range(1, self.pages + 1):
            if page > 1 and marks == "pagebreak":
                out.append("<!-- PageBreak -->")
            elif page > 1 and marks == "hr":
                out.append("-----")
            if marks == "page_comment":
                out.append(f"<!-- page {page} -->")
            elif marks == "sida_comment":
                out.append(f"<!-- sida {page} -->")
            head, foot = self.furniture(page)
            top = [self.heading(self.plain(ln), self.size) if self.is_heading_line(ln) else self.inline(ln)
                   for ln in self.lay.page_top.get(page, [])]
            paras = head + top + body[page] + foot
            for p in paras:
                if p.strip():
                    out.append("\n".join(t + " " for t in p.split("\n")) if trailing else p)
        return "\n\n".join(out) + "\n"


PAGE_LABEL = re.compile(r"^(?:Sida |Blad )?\d+(?: \(\d+\)| av \d+)?$")


def markdown_rendering(layout: Any, tax: dict[str, str | None], pax: dict[str, Any], vid: str, pages: int,
                       rng: random.Random) -> str:
    text = Markdown(layout, tax, rng, pages).render(vid)
    if pax.get("encoding") == "nfd":  # the converter copies the text layer, decomposed letters and all
        text = unicodedata.normalize("NFD", text)
    return text


# ---------------------------------------------------------------------------------------------
# gold


def furniture_marks_pages(layout: Any, pages: int) -> bool:
    """Every page after the first prints furniture (a page header, footer or number)."""
    return all(layout.furniture[p] for p in range(1, pages))


def page_marked(tax: dict[str, str | None], layout: Any, pages: int) -> bool:
    """Whether the text shows where each page begins: explicit breaks (form feeds, page
    comments, rules) or the page furniture repeated on every page."""
    if pages <= 1:
        return True
    if tax["text_style"] == "markdown":
        if tax["md_pages"] != "none":
            return True
        return tax["md_furniture"] in {"repeat", "comments"} and furniture_marks_pages(layout, pages)
    if tax["txt_breaks"] != "none":
        return True
    return furniture_marks_pages(layout, pages)


def loses_vote_columns(tax: dict[str, str | None]) -> bool:
    """A vote table read without its columns: which column an X stands in is gone."""
    if tax["text_style"] == "plain":
        return True
    return tax["text_style"] == "markdown" and tax["md_tables"] in {"row_lines", "cell_lines"}


_LINE_END_DASH = re.compile(r"(?<=\S)(?: -|-) (?=\S)")


def undashed(value: str, flat: str) -> str:
    """pdftotext without -layout takes a line that ends in a dash for a hyphenated word: it
    drops the dash and joins the lines ("remiss -" + "Biblioteksplan" → "remiss Biblioteksplan",
    "gång-" + "och" → "gångoch").  A value printed across such a line end is, in that text,
    the value without that dash: the first such spelling that the text holds, where it does
    not hold the value as printed."""
    if value in flat:
        return value
    spots = list(_LINE_END_DASH.finditer(value))
    for m in spots[:4]:
        cand = value[:m.start()] + (" " if m.group(0) == " - " else "") + value[m.end():]
        if cand in flat:
            return cand
    return value


def _undash_all(obj: Any, flat: str) -> Any:
    if isinstance(obj, str):
        return undashed(obj, flat) if "- " in obj else obj
    if isinstance(obj, list):
        return [_undash_all(x, flat) for x in obj]
    if isinstance(obj, dict):
        return {k: _undash_all(x, flat) for k, x in obj.items()}
    return obj


def _cell_text(cell: list[tuple[int, Line]]) -> str:
    words = " ".join(s for _p, ln in cell for _dx, s, _f, _z in ln if s.strip() and not s.startswith("\x00rule"))
    return " ".join(unicodedata.normalize("NFC", words.replace("\u00a0", " ")).split())


def _find_token(flat: str, text: str, pos: int) -> int:
    """Where ``text`` stands in ``flat`` from ``pos`` as whole words (a row's "2" is not the
    2 of "2021"), or -1."""
    m = re.compile(r"(?<!\S)" + re.escape(text) + r"(?!\S)").search(flat, pos)
    return m.start() if m else -1


def sparse_cells_out_of_row(layout: Any, flat: str, bold: str) -> list[tuple[str, str, str]]:
    """(first header, column header, row's first cell) for every value of a sparse table column
    (one with empty cells: Ersätter, Närvarande §§, an agenda's Dnr) that the text does not hold
    between its row's first cell and the next row's: pdftotext without -layout writes such
    a column as a block of its own, and which row a value belongs to is gone."""
    groups: list[list[Any]] = []
    prev = None
    for r in layout.rec:
        if r.kind == "row" and r.tag == "table":
            if prev is not None and prev.kind == "row" and prev.tag == "table":
                groups[-1].append(r)
            else:
                groups.append([r])
        prev = r
    lost: list[tuple[str, str, str]] = []
    header: list[str] | None = None
    for group in groups:
        first = group[0]
        if all(ln[0][2] == bold for c in first.cells for _p, ln in c if ln) and any(first.cells):
            header, rows = [_cell_text(c) for c in first.cells], group[1:]
        elif header is None or len(first.cells) != len(header):
            continue
        else:
            rows = group
        texts = [[_cell_text(c) for c in r.cells] for r in rows if not r.info.get("repeat") and len(r.cells) == len(header)]
        sparse = [j for j in range(1, len(header)) if any(not t[j] for t in texts)]
        anchors, pos = [], 0
        for t in texts:
            a = _find_token(flat, t[0], pos) if t[0] else -1
            anchors.append(a)
            if a >= 0:
                pos = a + len(t[0])
        for k, t in enumerate(texts):
            a = anchors[k]
            if a < 0:
                continue
            nxt = next((b for b in anchors[k + 1:] if b >= 0), len(flat))
            for j in sparse:
                if t[j]:
                    p = _find_token(flat, t[j], a + len(t[0]))
                    if p < 0 or p > nxt:
                        lost.append((header[0], header[j], t[0]))
    return lost


def _drop_lost_cells(g: dict[str, Any], lost: list[tuple[str, str, str]]) -> None:
    """Gold fields that came from a table cell whose row the text no longer shows."""
    att = g.get("attendance") or {}
    for head, column, key in lost:
        if head == "Namn":
            for m in att.get("members", []):
                if key == m["name"] or key.startswith(m["name"] + " "):
                    if column == "Ersätter":
                        m["substitute_for"] = None
                        m["role"] = None if m["role"] == "tjänstgörande ersättare" else m["role"]
                    elif column.startswith("Närvarande"):
                        m["paragraphs"] = None
        elif head == "Nr" and column == "Dnr" and key.isdigit():
            for p in g.get("paragraphs", []):
                if p["number"] == int(key):
                    p["dnr"] = None


def text_gold(gold: dict[str, Any], pax: dict[str, Any], tax: dict[str, str | None], layout: Any, pages: int,
              text: str = "") -> dict[str, Any]:
    g = copy.deepcopy(gold)
    if tax["text_style"] == "plain" and text:
        flat = " ".join(unicodedata.normalize("NFC", text).split())
        g = _undash_all(g, flat)
        _drop_lost_cells(g, sparse_cells_out_of_row(layout, flat, layout.fonts[1]))
    marked = page_marked(tax, layout, pages)
    lost_votes = pax.get("vote_form") in TABLE_VOTES and loses_vote_columns(tax)
    for doc in [g, *g.get("enclosures", [])]:
        for p in doc.get("paragraphs", []):
            if not marked:
                p["pages"] = [1]
            if lost_votes:
                for v in p.get("votes", []):
                    v["ballots"] = []
    return g


def render_text(v: Any, pdf_path: str, tax: dict[str, str | None]) -> tuple[str, dict[str, Any]]:
    """(text, gold) of one variant in one text style."""
    rng = random.Random(f"text-habits/{v.id}/{tax['text_style']}")
    pages = v.meta["pages"]
    if tax["text_style"] == "markdown":
        text = markdown_rendering(v.layout, tax, v.axes, v.id, pages, rng)
    else:
        text = pdftotext_rendering(pdf_path, tax, v.id, pages, rng)
    return text, text_gold(v.gold, v.axes, tax, v.layout, pages, text)
