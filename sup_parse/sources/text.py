"""Plain text (``.txt``, ``.md``, stdin) → pages of lines.

Bytes are decoded as UTF-8 (with or without BOM, or UTF-16 with BOM); text that
is not valid UTF-8 is read as Windows-1252, which covers Latin-1's letters, so
å ä ö survive either way.  Form feeds — and markdown page comments such as
``<!-- sida 2 -->`` left by converters — split pages.  Runs of two or more
spaces or a tab split a line into column segments, like gaps on a PDF page.

Pages carry the number the text prints where it prints one consistently: the
number of a ``<!-- sida N -->`` comment, or a page-number line ("3 (97)", "Sida 2
av 17", a bare "5" at a page's foot) found once per form-feed page, in an unbroken
run.  Text without page breaks is split at such a run of page-number lines: after
each when they close the pages (footers), before the page's header lines when they
open them (headers).
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from ..errors import UnreadableText
from ..layout import Line, Page, Segment
from ..vocabulary import Vocabulary, alternation, vocabulary

CHAR_WIDTH = 5.0  # a text column is treated as 5 pt wide, so gap rules carry over
def _page_comment(v: Vocabulary) -> regex.Pattern[str]:
    """A converter's page comment with the page's number: <!-- sida 12 -->."""
    return regex.compile(r"^\s*<!--\s*" + alternation(v.words("furniture", "page_comments")) + r"\s*(\d+)\s*-->\s*$",
                         regex.IGNORECASE)
_COMMENT = regex.compile(r"<!--.*?-->")
_BARE_NUMBER = regex.compile(r"^\d{1,3}$")
_GAP = regex.compile(r"\t+|\s{2,}|\s*\|\s*")
_MD_HEADING = regex.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPHASIS = regex.compile(r"(\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w))")


def decode_text(data: bytes, path: str | None, replaced: list[int] | None = None) -> str:
    """The file's text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.
    A UTF-8 file with a few bad bytes stays UTF-8: each bad byte costs one U+FFFD, and
    their count goes to ``replaced``, instead of the whole file being read as
    Windows-1252 (its å, ä and ö as mojibake)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            as_utf8 = data.decode("utf-8", errors="replace")
            bad = as_utf8.count("\ufffd") - data.count("\ufffd".encode())
            letters = sum(1 for ch in as_utf8 if ch > "\x7f" and ch != "\ufffd")
            if letters > bad:  # more well-formed UTF-8 letters than bad bytes: a damaged UTF-8 file
                text = as_utf8
                if replaced is not None:
                    replaced.append(bad)
            else:
                text = data.decode("cp1252", errors="replace")
    # Binary data: NUL bytes, or many control characters that text never holds.
    sample = text[:20000]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and not ch.isspace()) or ch == "\ufffd")
    if "\x00" in sample or controls > max(3, len(sample) // 100):
        raise UnreadableText("the file holds binary data, not text; pass a PDF or a UTF-8 / Windows-1252 text file", path)
    return text


_YAML_LINE = regex.compile(r"^\s*(?:[\w.-]+\s*:.*|-\s.*|#.*)?$")


def _strip_front_matter(text: str) -> str:
    """A converter's YAML front matter ("---" / "title: …" / "---") is metadata, not text."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1 and all(_YAML_LINE.match(line) for line in text[4:end].split("\n")):
            return "\n" * text[: end + 5].count("\n") + text[end + 5 :]
    return text


# --- markdown from document converters -------------------------------------------------------

_FURNITURE_COMMENT = regex.compile(r"<!--\s*Page(?:Header|Footer|Number)\s*=\s*\"(.*?)\"\s*-->", regex.IGNORECASE)
_BREAK_COMMENT = regex.compile(r"^\s*<!--\s*(?:page\s*break|pagebreak|new\s*page|sidbrytning)\s*-->\s*$", regex.IGNORECASE)
_RULE = regex.compile(r"^\s*(?:-{3,}|\*{3,}|(?:\*\s){2,}\*)\s*$")  # not underscores: a line to sign on
_QUOTE = regex.compile(r"^\s*(?:>\s?)+")
_ESCAPE = regex.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_BREAK_TAG = regex.compile(r"<br\s*/?>", regex.IGNORECASE)
_IMAGE = regex.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = regex.compile(r"\[([^\]]*)\]\([^)]*\)")
_PIPE_ROW = regex.compile(r"^\s*\|.*\|\s*$|^[^|]*\|[^|]*\|")
_PIPE_RULE = regex.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_CELL = regex.compile(r"(?<!\\)\|")
COLUMN_GAP = 4  # spaces between the columns of a pipe table laid out as text


def markdown_to_text(text: str) -> str:
    """A converter's markdown as plain layout text: page-furniture comments become the
    lines they hold, page-break comments and horizontal rules (after a blank line) form
    feeds; quote markers, escapes, links, images and <br> go; a pipe table is laid out in
    space-aligned columns like pdftotext -layout, so that its columns line up.  Converters
    cut one table into several (at a page break, a group heading inside it, a row they
    took for a header): pipe tables with the same number of columns share their column
    positions, so that their pieces still line up."""
    out: list[str | list[list[str]]] = []
    table: list[list[str]] = []
    for raw in text.split("\n"):
        line = _FURNITURE_COMMENT.sub(lambda m: m.group(1), raw)
        if _BREAK_COMMENT.match(line) or (_RULE.match(line) and (not out or not str(out[-1]).strip())):
            if table:
                out.append(table)
            table = []
            out.append("\f")
            continue
        line = _QUOTE.sub("", line)
        line = _LINK.sub(lambda m: m.group(1), _IMAGE.sub("", line))
        if _PIPE_ROW.match(line) and "|" in line:
            if not _PIPE_RULE.match(line):
                cells = [_MD_EMPHASIS.sub("", _ESCAPE.sub(r"\1", c)).strip() for c in _CELL.split(line.strip())]
                cells = cells[1:-1] if line.strip().startswith("|") and len(cells) > 2 else cells
                # a <br> inside a cell is a line of the cell: the row runs over as many lines
                pieces = [[x.strip() for x in _BREAK_TAG.split(c)] for c in cells]
                for k in range(max(len(x) for x in pieces)):
                    table.append([x[k] if k < len(x) else "" for x in pieces])
            continue
        line = _BREAK_TAG.sub(" ", line)
        if table:
            out.append(table)
        table = []
        out.append(_ESCAPE.sub(r"\1", line))
    if table:
        out.append(table)
    widths: dict[int, list[int]] = {}
    for item in out:
        if isinstance(item, list):
            for row in item:
                shared = widths.setdefault(len(row), [0] * len(row))
                for i, cell in enumerate(row):
                    shared[i] = max(shared[i], len(cell))
    lines: list[str] = []
    for item in out:
        if isinstance(item, list):
            lines.extend(_lay_out(item, widths))
        else:
            lines.append(item)
    return "\n".join(lines)


def _lay_out(rows: list[list[str]], widths: dict[int, list[int]]) -> list[str]:
    """Table rows as lines whose cells start at the same column in every row of the same
    number of cells."""
    return [(" " * COLUMN_GAP).join(cell.ljust(widths[len(row)][i]) for i, cell in enumerate(row)).rstrip()
            for row in rows]


def text_pages(text: str) -> list[Page]:
    """Split decoded text into pages of lines (positions in character units)."""
    text = _strip_front_matter(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = markdown_to_text(text)
    chunks = split_chunks(text)
    if len(chunks) > 1 or chunks[0][0] is not None:
        numbered = number_chunks(chunks)  # page breaks, or one page whose comment numbers it
    else:
        numbered = split_at_page_numbers(chunks[0][1])
    pages = []
    for number, raw_lines in numbered:
        page = Page(number=number, width=0.0, height=float(len(raw_lines)), positioned=False)
        blank = False
        for index, raw in enumerate(raw_lines):
            for k, piece in enumerate(split_run_on_labels(raw)):
                line = _text_line(piece, number, index, k)
                if line is None:
                    blank = True
                    continue
                line.blank_before = blank
                blank = False
                page.lines.append(line)
        pages.append(page)
    while len(pages) > 1 and not pages[-1].lines:
        pages.pop()
    return pages


def split_chunks(text: str) -> list[tuple[int | None, list[str]]]:
    """Pages as the text breaks them: at form feeds and ``<!-- sida N -->`` comments
    (with the comment's number)."""
    chunks: list[tuple[int | None, list[str]]] = [(None, [])]
    for raw in text.split("\n"):
        parts = raw.split("\f")
        for i, part in enumerate(parts):
            if i > 0:
                chunks.append((None, []))
            comment = vocabulary().derive(_page_comment).match(part)
            if comment:
                if any(s.strip() for s in chunks[-1][1]) or chunks[-1][0] is not None:
                    chunks.append((int(comment.group(1)), []))
                else:
                    chunks[-1] = (int(comment.group(1)), chunks[-1][1])
                continue
            chunks[-1][1].append(part)
    return chunks


def printed_page_number(raw: str) -> tuple[int, bool] | None:
    """(number, strong) for a page-number line: strong for "Sida 2 av 17" / "3 (97)" (also
    as the last column of a header line), weak for a bare "5" alone on its line."""
    text = _MD_EMPHASIS.sub("", _MD_HEADING.sub("", _COMMENT.sub("", raw))).strip()
    if not text:
        return None
    if _BARE_NUMBER.match(text):
        return int(text), False
    last = _GAP.split(text)[-1]
    m = vocabulary().page_number_re.match(last)
    if m and int(m.group("n")) > 0:
        return int(m.group("n")), True
    # a header whose columns a converter set a space apart ("PROTOKOLL 2 (32)"): the
    # number with its total ends the line
    words = last.split()
    for k in range(2, min(len(words) - 1, PAGE_NUMBER_WORDS) + 1):
        m = vocabulary().page_number_re.match(" ".join(words[-k:]))
        if m and int(m.group("n")) > 0:
            return int(m.group("n")), True
    return None


PAGE_NUMBER_WORDS = 4  # "Sida 2 av 17"
PIECE_STEP = 0.01  # the pieces of a run-on line keep its line number, in order
_SEPARATORS = ("·", "•", "|", "/")


def number_chunks(chunks: list[tuple[int | None, list[str]]]) -> list[tuple[int, list[str]]]:
    """Each page-broken chunk with the number it prints, where most chunks with text
    print one and all that do count on from the same start (a chunk without one, such
    as a last page holding only its header, takes its place in the count); otherwise
    numbered 1, 2, 3 …"""
    offsets: list[int] = []
    texts = 0
    for i, (given, lines) in enumerate(chunks):
        if not any(r.strip() for r in lines):
            continue
        texts += 1
        if given is not None:
            offsets.append(given - i)
            continue
        found = {n for n, _strong in filter(None, (printed_page_number(r) for r in lines))}
        if offsets and offsets[-1] + i in found:
            offsets.append(offsets[-1])
        elif len(found) == 1:
            offsets.append(found.pop() - i)
    if offsets and len(set(offsets)) == 1 and 2 * len(offsets) >= texts and offsets[0] >= 1:
        return [(i + offsets[0], lines) for i, (_n, lines) in enumerate(chunks)]
    return [(i, lines) for i, (_n, lines) in enumerate(chunks, start=1)]


def split_at_page_numbers(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Text without page breaks, split at its printed page numbers: the longest run of
    page-number lines counting up by one (at least two "Sida n av m", or three bare
    numbers).  When the first stands among the text's first lines the numbers open
    their pages (a page starts as many lines above its number as the first page does);
    otherwise they close them."""
    candidates = [(i, pn) for i, pn in ((i, printed_page_number(r)) for i, r in enumerate(lines)) if pn]
    chain: list[tuple[int, int]] = []
    for strong, least in ((True, 2), (False, 3)):
        found = _longest_run([(i, n) for i, (n, s) in candidates if s is strong])
        if len(found) >= least and (strong or _page_apart(found, lines)):
            chain = found
            break
    if not chain:
        return _split_at_repeated_head(lines)
    nonblank = [i for i, r in enumerate(lines) if r.strip() and not vocabulary().derive(_page_comment).match(r)]
    above = sum(1 for i in nonblank if i < chain[0][0])
    if above <= 3:  # headers: each page starts `above` text lines before its number
        starts = [0]
        for index, _n in chain[1:]:
            before = bisect_left(nonblank, index)  # text lines above this number
            start = nonblank[before - above] if above and before >= above else index
            starts.append(max(start, starts[-1] + 1))
        bounds = list(zip(starts, [*starts[1:], len(lines)], strict=True))
        return [(n, lines[a:b]) for (a, b), (_i, n) in zip(bounds, chain, strict=True)]
    out: list[tuple[int, list[str]]] = []
    start = 0
    for index, n in chain:  # footers: each page ends with its number
        out.append((n, lines[start : index + 1]))
        start = index + 1
    rest = lines[start:]
    if any(r.strip() for r in rest):
        out.append((chain[-1][1] + 1, rest))
    return out


# A page head is two lines, each at most this long, that open the text among its first
# HEAD_REACH lines and recur after at least PAGE_LINES lines.
HEAD_CHARS = 80
HEAD_REACH = 5


def _split_at_repeated_head(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Text without page breaks or page numbers, split before each recurrence of the two
    lines that open it (a page header the extraction kept on every page)."""
    sections = vocabulary().section_index
    filled = [i for i, raw in enumerate(lines) if raw.strip() and not _COMMENT.fullmatch(raw.strip())]
    shape = [" ".join(_MD_EMPHASIS.sub("", _MD_HEADING.sub("", lines[i])).split()).casefold() for i in filled]
    for k in range(min(HEAD_REACH, len(filled) - 1)):
        head = (shape[k], shape[k + 1])
        if any(not x or len(x) > HEAD_CHARS or x.rstrip(":") in sections or "§" in x for x in head):
            continue  # a heading recurs in every §: no page head
        starts = [k]
        for j in range(k + PAGE_LINES, len(filled) - 1):
            if (shape[j], shape[j + 1]) == head and j - starts[-1] >= PAGE_LINES:
                starts.append(j)
        if len(starts) >= 2:
            cuts = [0, *(filled[j] for j in starts[1:]), len(lines)]
            return [(n, lines[a:b]) for n, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False), start=1)]
    return [(1, lines)]


# Bare numbers counting on are page numbers only this many text lines apart or more
# (closer, they number a list's items or a table's rows read one cell per line).
PAGE_LINES = 8


def _page_apart(chain: list[tuple[int, int]], lines: list[str]) -> bool:
    filled = [0]
    for raw in lines:
        filled.append(filled[-1] + bool(raw.strip()))
    gaps = sorted(filled[b] - filled[a + 1] for (a, _), (b, _) in zip(chain, chain[1:], strict=False))
    return bool(gaps) and gaps[len(gaps) // 2] >= PAGE_LINES


def _longest_run(candidates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of (line, number) whose numbers count up by one: each
    candidate continues the run of the latest one before it numbered one less."""
    length: list[int] = []
    previous: list[int] = []  # the candidate each one continues (-1: it starts a run)
    latest: dict[int, int] = {}  # number → the latest candidate with it
    for k, (_index, n) in enumerate(candidates):
        j = latest.get(n - 1, -1)
        previous.append(j)
        length.append(length[j] + 1 if j >= 0 else 1)
        latest[n] = k
    if not candidates:
        return []
    k = max(range(len(candidates)), key=length.__getitem__)
    run = []
    while k >= 0:
        run.append(candidates[k])
        k = previous[k]
    return run[::-1]


def _label_colon(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(r"(?<![^\s*_])(?:\*\*|__)?(?:" + alternation([w for ws in v.labels.values() for w in ws])
                         + r")\s*(?:\*\*|__)?\s*:", regex.IGNORECASE)


def split_run_on_labels(raw: str) -> list[str]:
    """A front page or letterhead a converter ran into one line ("Datum: 2021-12-13 Tid:
    08.15–11.05 Plats: Rådhuset …"): a line set in one run (no column gaps) that opens on a
    known label with a colon and holds another is split before each such label."""
    if _GAP.search(raw.strip()):
        return [raw]  # set in columns: a grid's row, read as such
    starts = [m.start() for m in vocabulary().derive(_label_colon).finditer(raw)]
    if len(starts) < 2 or raw[: starts[0]].strip():
        return [raw]
    if any(raw[:a].rstrip().endswith(_SEPARATORS) for a in starts[1:]):
        return [raw]  # one line by design, its fields set apart ("Handläggare: … · Telefon: …")
    return [raw[a:b].strip() for a, b in zip(starts, [*starts[1:], len(raw)], strict=True)]


def _text_line(raw: str, page: int, index: int, piece: int = 0) -> Line | None:
    raw = _MD_HEADING.sub("", _COMMENT.sub("", raw))
    raw = _MD_EMPHASIS.sub("", raw)
    if not raw.strip():
        return None
    segments: list[Segment] = []
    pos = 0
    for m in _GAP.finditer(raw):
        chunk = raw[pos : m.start()]
        if chunk.strip():
            segments.append(_seg(chunk, pos))
        pos = m.end()
    if raw[pos:].strip():
        segments.append(_seg(raw[pos:], pos))
    if not segments:
        return None
    first = segments[0]
    return Line(
        text=" ".join(s.text for s in segments),
        page=page,
        top=float(index) + piece * PIECE_STEP,
        bottom=float(index) + 1,
        x0=first.x0,
        x1=segments[-1].x1,
        segments=segments,
        positioned=False,
    )


def _seg(chunk: str, pos: int) -> Segment:
    lead = len(chunk) - len(chunk.lstrip())
    text = chunk.strip()
    x0 = (pos + lead) * CHAR_WIDTH
    return Segment(text=" ".join(text.split()), x0=x0, x1=x0 + len(text) * CHAR_WIDTH)
