"""Plain text (``.txt``, ``.md``, stdin) → pages of lines.

Bytes are decoded as UTF-8 (with or without BOM, or UTF-16 with BOM); text that
is not valid UTF-8 is read as Windows-1252, which covers Latin-1's letters, so
å ä ö survive either way.  Form feeds — and markdown page comments such as
``<!-- sida 2 -->`` left by converters — split pages.  Runs of two or more
spaces or a tab split a line into column segments, like gaps on a PDF page.
"""

from __future__ import annotations

import regex

from ..errors import UnreadableText
from ..layout import Line, Page, Segment

CHAR_WIDTH = 5.0  # a text column is treated as 5 pt wide, so gap rules carry over
_PAGE_COMMENT = regex.compile(r"^\s*<!--\s*(?:sida|page)\s*\d+\s*-->\s*$", regex.IGNORECASE)
_COMMENT = regex.compile(r"<!--.*?-->")
_GAP = regex.compile(r"\t+|\s{2,}|\s*\|\s*")
_MD_HEADING = regex.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPHASIS = regex.compile(r"(\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w))")


def decode_text(data: bytes, path: str | None) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    # Binary data: NUL bytes, or many control characters that text never holds.
    sample = text[:20000]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and not ch.isspace()) or ch == "\ufffd")
    if "\x00" in sample or controls > max(3, len(sample) // 100):
        raise UnreadableText("the file holds binary data, not text; pass a PDF or a UTF-8 / Windows-1252 text file", path)
    return text


def _strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return "\n" * text[: end + 5].count("\n") + text[end + 5 :]
    return text


def text_pages(text: str) -> list[Page]:
    """Split decoded text into pages of lines (positions in character units)."""
    text = _strip_front_matter(text.replace("\r\n", "\n").replace("\r", "\n"))
    raw_pages: list[list[str]] = [[]]
    for raw in text.split("\n"):
        parts = raw.split("\f")
        for i, part in enumerate(parts):
            if i > 0:
                raw_pages.append([])
            if _PAGE_COMMENT.match(part):
                if any(s.strip() for s in raw_pages[-1]):
                    raw_pages.append([])
                continue
            raw_pages[-1].append(part)
    pages = []
    for number, raw_lines in enumerate(raw_pages, start=1):
        page = Page(number=number, width=0.0, height=float(len(raw_lines)), positioned=False)
        blank = False
        for index, raw in enumerate(raw_lines):
            line = _text_line(raw, number, index)
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


def _text_line(raw: str, page: int, index: int) -> Line | None:
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
        top=float(index),
        bottom=float(index) + 1,
        x0=first.x0,
        x1=segments[-1].x1,
        segments=segments,
    )


def _seg(chunk: str, pos: int) -> Segment:
    lead = len(chunk) - len(chunk.lstrip())
    text = chunk.strip()
    x0 = (pos + lead) * CHAR_WIDTH
    return Segment(text=" ".join(text.split()), x0=x0, x1=x0 + len(text) * CHAR_WIDTH)
