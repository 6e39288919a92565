"""Stage: a page's lines → page structures (tables with their columns and rows).

A table is found by its header row: a line whose cells are all column headings of one
kind in the vocabulary's ``[columns]`` (people: Namn, Parti, Roll, Ersätter, Närvarande
§§; votes: Ja, Nej, Avstår, Frånvarande; agenda: Nr, Ärende, Dnr).  Its columns are
where the headings stand; each line below is cut into cells by those columns — at
ruling lines where the table is ruled, else by where each word starts — until the rows
stop lining up (a sentence across the columns, a heading, a label, a wide gap).  A line
whose first column is empty continues the row above (a name or title that wraps).

The reader does not know whose table it is: extractors map a table's columns to fields
(``Table.cell(row, "party")``).  Each structure carries its page and bounding box, and
the lines it covers, so that ``sup-parse debug`` can show it and other readers can
leave those lines alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from .layout import Line, Page, Word, segment_words
from .normalize import clean
from .vocabulary import Vocabulary, norm, vocabulary

# Rows stop at a vertical gap larger than this many line heights.
ROW_GAP = 2.6
# A word belongs to the column whose heading starts at most this far to its right.
COLUMN_SLACK = 10.0
# Words closer than this (a share of the type size) are one run of text, not two cells.
WORD_SPACE = 0.55
# Column headings are short.
HEADING_WORDS = 4
# What a table of each kind must have: one of these fields, and fields of its kind in all.
ANCHORS = {"people": {"name"}, "votes": {"yes", "no", "abstain"}, "agenda": {"title"},
           "signatures": {"secretary", "chair", "adjuster", "certifier"}}
LEAST = {"people": 2, "votes": 2, "agenda": 2, "signatures": 2}
# The column that starts a row, by kind (the first one the table has); a line with that
# cell empty goes on with the row above.  A table with none of them has a row per line.
ROW_KEYS = {"people": ("name",), "votes": ("name",), "agenda": ("number", "title"), "signatures": ()}
# A ruling line this close left of the first column's heading is the table's left border:
# a row between it and the next rule is inside the table.
FRAME_REACH = 3 * COLUMN_SLACK
# A signature grid's names stand at most this many lines from its row of roles.
SIGNATURE_REACH = 5


@dataclass(frozen=True, slots=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(slots=True)
class Column:
    key: str | None  # the field it holds ([columns.<kind>] key), None for a heading the vocabulary lacks
    heading: str
    x0: float
    x1: float


@dataclass(slots=True)
class Row:
    cells: list[str]  # one text per column, "" where empty
    lines: list[Line] = field(default_factory=list)
    line_cells: list[list[str]] = field(default_factory=list)  # the cells of each of its lines


@dataclass(slots=True)
class Table:
    kind: str  # people | votes | agenda
    page: int
    box: Box
    columns: list[Column]
    header: Line
    rows: list[Row] = field(default_factory=list)
    ruled: bool = False

    def keys(self) -> list[str | None]:
        return [c.key for c in self.columns]

    def cell(self, row: Row, key: str) -> str:
        """The row's text in the first column holding ``key`` ("" when none)."""
        for col, text in zip(self.columns, row.cells, strict=True):
            if col.key == key:
                return text
        return ""

    def cell_lines(self, row: Row, key: str) -> list[Line]:
        """The row's text in the first column holding ``key``, as one line per printed line
        (positioned like the line it is on, without its segments)."""
        index = next((i for i, col in enumerate(self.columns) if col.key == key), None)
        if index is None:
            return []
        return [replace(line, text=texts[index], segments=[])
                for line, texts in zip(row.lines, row.line_cells, strict=True) if texts[index]]

    @property
    def lines(self) -> list[Line]:
        return [self.header, *(line for row in self.rows for line in row.lines)]


def _heading_index(v: Vocabulary) -> dict[str, list[tuple[str, str]]]:
    """Normalised column heading → (table kind, field) it may mean."""
    index: dict[str, list[tuple[str, str]]] = {}
    for kind, keys in v.data.get("columns", {}).items():
        for key, words in keys.items():
            for word in words:
                index.setdefault(norm(word), []).append((kind, key))
    return index


def _heading_words(v: Vocabulary) -> frozenset[str]:
    """Every word of every known column heading, normalised."""
    return frozenset(word for heading in _heading_index(v) for word in heading.split())


class _HeadingLookup:
    """What the words i … i+n-1 of a segment mean as one heading, each looked up once."""

    def __init__(self, words: list[str], index: dict[str, list[tuple[str, str]]]) -> None:
        self._words = words
        self._index = index
        self._seen: dict[tuple[int, int], list[tuple[str, str]] | None] = {}

    def __call__(self, i: int, n: int) -> list[tuple[str, str]] | None:
        if (i, n) not in self._seen:
            fits = i + n <= len(self._words)
            self._seen[(i, n)] = self._index.get(norm(" ".join(self._words[i:i + n]))) if fits else None
        return self._seen[(i, n)]


def _cells_of_header(line: Line, index: dict[str, list[tuple[str, str]]]) -> list[tuple[str, list[tuple[str, str]], float, float]]:
    """The header line cut into headings: (text, meanings, x0, x1).  A segment holding
    several headings close together ("Namn Parti Roll") is cut at the longest known ones."""
    out = []
    for seg in line.segments:
        words = segment_words(seg)
        known = _HeadingLookup([w.text for w in words], index)
        i = 0
        while i < len(words):
            for n in range(min(HEADING_WORDS, len(words) - i), 0, -1):
                found = known(i, n)
                if found is not None:
                    out.append((" ".join(w.text for w in words[i:i + n]), found, words[i].x0, words[i + n - 1].x1))
                    i += n
                    break
            else:
                # an unknown heading runs to the next known one
                j = i + 1
                while j < len(words) and not any(known(j, n) is not None for n in range(1, HEADING_WORDS + 1)):
                    j += 1
                    if j - i > HEADING_WORDS // 2:  # too long for a heading: no header (see _unknown_heading)
                        return [*out, (" ".join(w.text for w in words[i:j]), [], words[i].x0, words[j - 1].x1)]
                out.append((" ".join(w.text for w in words[i:j]), [], words[i].x0, words[j - 1].x1))
                i = j
    return out


def _unknown_heading(text: str) -> bool:
    """A heading the vocabulary lacks is a word or two, without digits or punctuation."""
    return len(text.split()) <= HEADING_WORDS // 2 and all(ch.isalpha() or ch in " -/" for ch in text)


# At least this share of a header row's words are words of known headings (a heading
# the vocabulary lacks is one or two words among them; a line of prose has a few
# heading words, "och", "för", among many others).
HEADER_KNOWN_SHARE = 0.34


def header_columns(line: Line, v: Vocabulary | None = None) -> tuple[str, list[Column]] | None:
    """(kind, columns) when ``line`` is a table's header row, else None."""
    v = v or vocabulary()
    known_words = v.derive(_heading_words)
    words = line.text.split()
    known_count = sum(1 for word in words if word.casefold().rstrip(":") in known_words)
    if known_count < 2 or HEADER_KNOWN_SHARE * len(words) > known_count:
        return None  # a header holds two known headings at least, and is mostly headings
    if norm(clean(line.text).rstrip(":")) in v.label_index:
        return None  # a label of its own ("Närvarande ledamöter"), over the list it heads
    index = v.derive(_heading_index)
    cells = _cells_of_header(line, index)
    if len(cells) < 2 or any(not meanings and not _unknown_heading(text) for text, meanings, *_ in cells):
        return None
    known = [c for c in cells if c[1]]
    if len(known) < 2 or len(cells) - len(known) > len(known) // 2:
        return None
    best: tuple[int, str] | None = None
    for kind in ANCHORS:
        keys = [next((k for t, k in meanings if t == kind), None) for _text, meanings, _a, _b in cells]
        found = {k for k in keys if k}
        if found & ANCHORS[kind] and len(found) >= LEAST[kind]:
            score = sum(1 for k in keys if k)
            if best is None or score > best[0]:
                best = (score, kind)
    if best is None:
        return None
    kind = best[1]
    columns = [Column(next((k for t, k in meanings if t == kind), None), clean(text), x0, x1)
               for text, meanings, x0, x1 in cells]
    return kind, columns


def _column_of(x0: float, x1: float, columns: list[Column], walls: list[float]) -> int:
    """The column a word from ``x0`` to ``x1`` stands in: between ruling lines where there
    are any, else the last column whose heading starts at most a little to its right (a
    mark centred under a heading counts by its centre)."""
    centre = (x0 + x1) / 2
    if walls:
        inner = [w for w in walls if columns[0].x0 < w < columns[-1].x0]  # not the table's left border
        return sum(1 for w in inner if w <= centre) if len(inner) == len(columns) - 1 else _by_start(x0, centre, columns)
    return _by_start(x0, centre, columns)


def _by_start(x0: float, centre: float, columns: list[Column]) -> int:
    best = 0
    for i, col in enumerate(columns):
        slack = min(COLUMN_SLACK, (col.x0 - columns[i - 1].x1) / 2) if i else COLUMN_SLACK
        if x0 >= col.x0 - slack or col.x0 <= centre <= col.x1:
            best = i
    return best


def _cells(line: Line, columns: list[Column], walls: list[float]) -> tuple[list[list[Word]], bool]:
    """The line's words by column, and whether one run of words (a sentence) spans two
    columns' starts — then the line is no row of the table."""
    cells: list[list[Word]] = [[] for _ in columns]
    spans = False
    framed = any(columns[0].x0 - FRAME_REACH <= w <= columns[0].x0 for w in walls)
    for seg in line.segments:
        words = segment_words(seg)
        if framed and words:
            # inside a ruled table a run of words stays in the cell it starts in, across
            # the start of a column whose rule this row lacks (merged cells)
            first = _column_of(words[0].x0, words[0].x1, columns, walls)
            placed = [min(len(columns) - 1, first + sum(1 for x in walls if words[0].x1 <= x <= w.x0)) for w in words]
            for w, i in zip(words, placed, strict=True):
                cells[i].append(w)
            continue
        placed = [_column_of(w.x0, w.x1, columns, walls) for w in words]
        for k in range(1, len(words)):
            if placed[k] != placed[k - 1] and words[k].x0 - words[k - 1].x1 < WORD_SPACE * line.size:
                spans = True  # words a space apart on both sides of a column's start: running text
        for w, i in zip(words, placed, strict=True):
            cells[i].append(w)
    return cells, spans


def _walls(pages: dict[int, Page], line: Line) -> list[float]:
    page = pages.get(line.page)
    if page is None:
        return []
    middle = (line.top + line.bottom) / 2
    return sorted(r.x0 for r in page.rules if not r.horizontal and r.top <= middle <= r.bottom)


def _ends_table(line: Line, previous: Line, first: Line, page_turns: set[int], columns: list[Column]) -> bool:
    from .blocks import match_heading
    from .extract.common import section_key

    if match_heading(line) is not None:
        return True
    lead = line.segments[0] if line.segments else None
    if lead is not None and lead.x0 < columns[1].x0 - COLUMN_SLACK and vocabulary().label_prefix_re.match(lead.text):
        return True  # a label where a row would start: the front matter goes on
    if line.page != previous.page:
        return id(line) not in page_turns  # a table goes on at the top of the next page
    if section_key(line) is not None and len(line.segments) == 1 and line.x0 < columns[1].x0 - COLUMN_SLACK:
        return True  # a section heading at the table's left edge; inside a column it is a cell's
    height = max(previous.bottom - previous.top, first.bottom - first.top, 1.0)
    if line.positioned and line.top - previous.bottom > ROW_GAP * height:
        return True
    return not line.positioned and line.blank_before and previous is not first and line.top - previous.top > 2


def read_table(lines: list[Line], start: int, kind: str, columns: list[Column], pages: dict[int, Page] | None = None,
               page_turns: set[int] | None = None) -> Table:
    """The table whose header is ``lines[start]``: rows until they stop lining up.
    ``page_turns``: ids of lines that open a page right after the last line of the one
    before (where a table may go on)."""
    pages = pages or {}
    turns = page_turns or set()
    header = lines[start]
    table = Table(kind=kind, page=header.page, box=Box(header.x0, header.top, header.x1, header.bottom),
                  columns=columns, header=header, ruled=bool(_walls(pages, header)))
    _read_rows(table, lines, start + 1, pages, turns)
    return table


def _anchor(table: Table) -> int | None:
    keys = table.keys()
    return next((keys.index(k) for k in ROW_KEYS[table.kind] if k in keys), None)


def _read_rows(table: Table, lines: list[Line], first: int, pages: dict[int, Page], turns: set[int]) -> None:
    """Rows from ``lines[first]`` on, appended to ``table``, until they stop lining up."""
    header, columns = table.header, table.columns
    anchor = _anchor(table)
    previous = lines[first - 1] if first > 0 else header
    for line in lines[first:]:
        if _ends_table(line, previous, header, turns, columns) or header_columns(line) is not None:
            break
        walls = _walls(pages, line)
        words, spans = _cells(line, columns, walls)
        if spans:
            break
        texts = [clean(" ".join(w.text for w in ws)) for ws in words]
        if table.rows and anchor is not None and not texts[anchor] and any(texts) \
                and not _heads_group(line, columns[anchor]):
            row = table.rows[-1]  # a wrapped cell: the row above goes on
            row.cells = [clean(f"{a} {b}") for a, b in zip(row.cells, texts, strict=True)]
            row.lines.append(line)
            row.line_cells.append(texts)
        else:
            table.rows.append(Row(cells=texts, lines=[line], line_cells=[texts]))
        previous = line
        if line.page == table.page:
            table.box = Box(min(table.box.x0, line.x0), table.box.top, max(table.box.x1, line.x1), line.bottom)


def _goes_on(line: Line, table: Table) -> bool:
    """A line at the top of a page that is a row of ``table`` from the page before, printed
    without its header: two cells or more, each starting where a column starts, the first
    in the column that starts a row."""
    anchor = _anchor(table)
    if anchor is None or len(line.segments) < 2 or line.positioned != table.header.positioned:
        return False
    starts = [c.x0 for c in table.columns]
    slack = COLUMN_SLACK / 2
    return abs(line.segments[0].x0 - starts[anchor]) <= slack \
        and all(any(abs(seg.x0 - x) <= slack for x in starts) for seg in line.segments)


def _heads_group(line: Line, anchor: Column) -> bool:
    """A line that starts where the rows' first cells start, yet runs on past that column
    (a group heading inside the table: "Beslutsärenden"), is a row of its own, not a
    wrapped cell of the row above."""
    return bool(line.segments) and len(line.segments) == 1 and abs(line.segments[0].x0 - anchor.x0) <= COLUMN_SLACK / 2


def find_tables(lines: list[Line], pages: dict[int, Page] | None = None) -> list[Table]:
    """Every table in ``lines`` (body lines in reading order), each with at least one row;
    a table may run on over a page break."""
    turns = {id(b) for a, b in zip(lines, lines[1:], strict=False) if a.page != b.page}
    index = {id(x): i for i, x in enumerate(lines)}
    tables: list[Table] = []
    taken: set[int] = set()
    for i, line in enumerate(lines):
        if id(line) in taken or len(line.segments) < 1:
            continue
        found = header_columns(line)
        if found is None:
            continue
        kind, columns = found
        if kind == "signatures":
            table = read_signature_grid(lines, i, columns, pages or {})
        else:
            table = read_table(lines, i, kind, columns, pages=pages, page_turns=turns)
        if table.rows and plausible(table):
            if kind != "signatures":
                _go_on(table, lines, index, pages or {}, turns)
            tables.append(table)
            taken.update(id(x) for x in table.lines)
    return tables


def _go_on(table: Table, lines: list[Line], index: dict[int, int], pages: dict[int, Page], turns: set[int]) -> None:
    """Rows on the next page that line up with the table's columns without a header, where
    the page's end (its footer text, say) came between.  ``index``: each line's place in
    ``lines``."""
    last = table.lines[-1]
    nxt = next((i for i in range(index[id(last)] + 1, len(lines)) if lines[i].page != last.page), None)
    if nxt is None or lines[nxt].page != last.page + 1 or id(lines[nxt]) in turns and nxt == index[id(last)] + 1:
        return  # no next page, or the rows already went on there
    if _goes_on(lines[nxt], table):
        _read_rows(table, lines, nxt, pages, turns | {id(lines[nxt])})


def _filler(line: Line) -> bool:
    """A line of dots or underscores to sign on, or of dates only."""
    from .normalize import find_dates

    text = regex.sub(r"[._…·\-–—\s]+", "", line.text)
    return not text or sum(d.end - d.start for d in find_dates(line.text)) >= len(clean(line.text)) - 2


def _names_row(line: Line, columns: list[Column], walls: list[float]) -> list[str] | None:
    """The line's text by column when every filled cell reads as a name (upper-case start,
    a few words, no label, no colon), else None."""
    if vocabulary().label_prefix_re.match(line.text):
        return None
    words, _spans = _cells(line, columns, walls)
    texts = [clean(" ".join(w.text for w in ws)) for ws in words]
    filled = [t for t in texts if t]
    if not filled or any(not t[:1].isupper() or ":" in t or len(t.split()) > 8 for t in filled):
        return None
    return texts


def read_signature_grid(lines: list[Line], start: int, columns: list[Column], pages: dict[int, Page]) -> Table:
    """A row of signing roles (Sekreterare | Ordförande | Justerare) with the names under
    it — past a space to sign in, a line of dots or a date — or, when the roles are printed
    in lower case as captions, with the names on the line above."""
    head = lines[start]
    table = Table(kind="signatures", page=head.page, box=Box(head.x0, head.top, head.x1, head.bottom), columns=columns,
                  header=head, ruled=bool(_walls(pages, head)))
    above = lines[start - 1] if start > 0 and lines[start - 1].page == head.page else None
    if above is not None and all(c.heading[:1].islower() for c in columns):
        texts = _names_row(above, columns, _walls(pages, above))
        if texts is not None:
            table.rows.append(Row(cells=texts, lines=[above]))
            table.box = Box(min(head.x0, above.x0), above.top, max(head.x1, above.x1), head.bottom)
            return table
    for line in lines[start + 1: start + 1 + SIGNATURE_REACH]:
        if line.page != head.page:
            break
        if _filler(line):
            continue
        texts = _names_row(line, columns, _walls(pages, line))
        if texts is None:
            break
        table.rows.append(Row(cells=texts, lines=[line]))
        table.box = Box(min(table.box.x0, line.x0), table.box.top, max(table.box.x1, line.x1), line.bottom)
    return table


# Columns that hold marks (an X, a tick) when the table has a name column.
MARK_KEYS = {"present", "absent", "yes", "no", "abstain"}
MARK_WORDS = 2


def plausible(table: Table) -> bool:
    """Rows that fit their columns: where the table names its rows (a name column), its
    mark columns hold marks, not words."""
    keys = table.keys()
    if "name" not in keys:
        return True
    marks = [i for i, k in enumerate(keys) if k in MARK_KEYS]
    return all(len(row.cells[i].split()) <= MARK_WORDS and ":" not in row.cells[i] for row in table.rows for i in marks)


def document_structures(pages: list[Page]) -> list[Table]:
    """The structures of a document's pages: its tables, found among the body lines."""
    body = [line for page in pages for line in page.lines if line.role == "body"]
    return find_tables(body, {page.number: page for page in pages})


# --- text columns -----------------------------------------------------------------------------------

# A text column is aligned over at least this many lines.
COLUMN_ROWS = 3
# Segments start at the same x within this many points (or character columns in plain text).
ALIGN_POINTS, ALIGN_CHARS = 6.0, 2.0


@dataclass(slots=True)
class TextColumns:
    """Lines set as two columns side by side (a letterhead: the issuer, department and
    handläggare on the left, the document's kind, date and dnr on the right): ``split`` is
    the x where the right column starts; ``lines`` the printed lines it covers."""
    page: int
    box: Box
    split: float
    lines: list[Line]
    kind: str = "columns"

    def left(self) -> list[Line]:
        return [x for x in (_side(line, self.split, right=False) for line in self.lines) if x is not None]

    def right(self) -> list[Line]:
        out = [x for x in (_side(line, self.split, right=True) for line in self.lines) if x is not None]
        if out:
            out[0] = replace(out[0], blank_before=True)
        return out


def _align(line: Line) -> float:
    return ALIGN_POINTS if line.positioned else ALIGN_CHARS


def _side(line: Line, split: float, right: bool) -> Line | None:
    """The part of ``line`` in the left or the right column, as a line of its own."""
    segs = [s for s in line.segments if (s.x0 >= split - _align(line)) == right]
    if not segs:
        return None
    return replace(line, text=" ".join(s.text for s in segs), segments=segs, x0=segs[0].x0, x1=segs[-1].x1)


def _crosses(line: Line, split: float) -> bool:
    return any(s.x0 < split - _align(line) < s.x1 - _align(line) for s in line.segments)


def _split_x(lines: list[Line]) -> float | None:
    """The x where most lines of ``lines`` start a segment right of the left margin, when
    at least COLUMN_ROWS lines do."""
    if not lines:
        return None
    margin = min(line.x0 for line in lines)
    starts = sorted((s.x0, k) for k, line in enumerate(lines) for s in line.segments
                    if s.x0 > margin + 4 * _align(line))
    best: tuple[int, float] | None = None
    for i, (x, _) in enumerate(starts):
        rows = {k for x2, k in starts[i:] if x2 - x <= _align(lines[k])}
        if len(rows) >= COLUMN_ROWS and (best is None or len(rows) > best[0]):
            best = (len(rows), x)
    return best[1] if best else None


def _label_grid(lines: list[Line], split: float) -> bool:
    """Rows of a bare label on the left and its value on the right: a label grid, not columns."""
    v = vocabulary()
    both = [line for line in lines if _side(line, split, False) is not None and _side(line, split, True) is not None]
    labels = 0
    for line in both:
        left = clean(_side(line, split, False).text)  # type: ignore[union-attr]
        mm = v.label_prefix_re.match(left)
        labels += bool(mm and not left[mm.end():].strip(" :"))
    return bool(both) and labels * 2 >= len(both)


def find_columns(lines: list[Line]) -> list[TextColumns]:
    """Runs of lines (in reading order) set as two text columns: a right column aligned on
    one x over COLUMN_ROWS lines or more, with no line running across it; a run takes in
    the left column's lines just above and below it, up to a gap."""
    out: list[TextColumns] = []
    start = 0
    while start < len(lines):
        stop = start
        while stop < len(lines) and lines[stop].page == lines[start].page:
            stop += 1
        found = _run(lines[start:stop])
        if found is None:
            start = stop
            continue
        out.append(found)
        start = next(k for k in range(start, stop) if lines[k] is found.lines[-1]) + 1
    return out


def _run(window: list[Line]) -> TextColumns | None:
    """The first column run among ``window`` (one page's lines)."""
    split = _split_x(window)
    if split is None:
        return None
    aligned = {k for k, line in enumerate(window) if any(abs(s.x0 - split) <= _align(line) for s in line.segments)}
    first = last = min(aligned)
    for k in range(first + 1, len(window)):
        if _crosses(window[k], split) or (window[k].blank_before and k not in aligned and k > last + 1):
            break
        if k in aligned:
            last = k
    if sum(1 for k in aligned if first <= k <= last) < COLUMN_ROWS:
        return None
    while first > 0 and not _crosses(window[first - 1], split) and not window[first].blank_before:
        first -= 1
    while last + 1 < len(window) and not window[last + 1].blank_before and not _crosses(window[last + 1], split) \
            and _side(window[last + 1], split, True) is None:
        last += 1
    run = window[first:last + 1]
    if _label_grid(run, split):
        return None
    return TextColumns(page=run[0].page, box=Box(min(x.x0 for x in run), run[0].top, max(x.x1 for x in run),
                                                 run[-1].bottom), split=split, lines=run)


def read_columns(lines: list[Line]) -> list[Line]:
    """``lines`` in reading order with each column run read column by column: the left
    column's lines, then the right column's."""
    runs = find_columns(lines)
    if not runs:
        return lines
    covered = {id(line): run for run in runs for line in run.lines}
    out: list[Line] = []
    done: set[int] = set()
    for line in lines:
        run = covered.get(id(line))
        if run is None:
            out.append(line)
        elif id(run) not in done:
            done.add(id(run))
            out.extend(run.left() + run.right())
    return out
