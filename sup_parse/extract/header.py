"""Page header and first lines → the document's header: issuer, organ, date, kind word.

Read from the first page's header band and the lines above its first § heading or
label: a name ending in an issuer word is the municipality, one ending in an organ
word the organ, a lone date the date, a kind word ("Protokoll", "Kallelse") the kind.
Names broken over lines are joined; a label or another column between names ends one.
"""

from __future__ import annotations

import regex

from .. import models as m
from ..blocks import Sheet, kind_lead, kind_tail, match_heading
from ..layout import Line
from ..normalize import clean, find_dates, join_lines
from ..vocabulary import Vocabulary, norm, vocabulary
from .tjanst import _municipality, _organ

# Name pieces further apart than this (points) stand in different columns.
COLUMN_STEP = 12.0
# A header line holds a name of at most this many words.
NAME_WORDS = 6


def _page_number_like(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(r"[\d\s()/]+|" + "|".join(v.data["furniture"]["page_number"]), regex.IGNORECASE)


def page_header(sheets: list[Sheet]) -> tuple[m.Header, str | None, list[Line]]:
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
        if len(clean(line.text).split()) > 2 * NAME_WORDS:
            break  # running text: the letterhead is above it
        candidates.append(line)
    used: list[Line] = []
    name_parts: list[str] = []
    last_x: float | None = None
    for line in candidates:
        if line.blank_before and name_parts and name_parts[-1]:
            name_parts.append("")  # a gap above the line ends the name before it
        for seg in (line.segments or []):
            s = clean(seg.text)
            if last_x is not None and abs(seg.x0 - last_x) > COLUMN_STEP and name_parts and name_parts[-1]:
                name_parts.append("")  # another column starts another name
            last_x = seg.x0
            k = v.kind_index.get(norm(s))
            lead, rest = kind_lead(s) if k is None else (None, s)
            if k is None and lead is None:
                tail, name = kind_tail(s)
                if tail and (_municipality(name) or _organ(name)):
                    kind_word, s = kind_word or tail, name  # the name, its kind word set after it
            if lead:
                # a kind word, then the organ, or the protocol's number or date
                kind_word = kind_word or lead
                used.append(line)
                s = clean(rest)
                if regex.search(r"\d", s):
                    ds = find_dates(s)
                    header.date = header.date or (ds[0].iso if ds else None)
                    continue
            label = v.label_prefix_re.match(s)
            if label and v.label_index[norm(label.group(1))] == "date":
                # a date label with its date, or alone above it
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
            if v.derive(_page_number_like).fullmatch(s):
                continue
            if len(s.split()) <= NAME_WORDS and not s.endswith("."):
                name_parts.append(s)
                used.append(line)
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            joined = join_lines(buffer)
            if not _organ(joined) and len(buffer) >= 2 and buffer[-1].islower() and len(buffer[-1]) <= 3:
                # a name broken inside a word without a hyphen, its last letters on a line of their own
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
            header.municipality = header.municipality or muni
        else:
            buffer.append(piece)
    flush()
    if header.organ and header.organ.isupper():
        header.organ = _sentence_case(header.organ, header.organ)
    return header, kind_word, used


def _sentence_case(printed: str, name: str) -> str:
    """A name printed in capitals, as a name is written: first letter upper case, the rest lower."""
    if not clean(printed).isupper():
        return name
    lower = clean(printed).lower()
    return lower[:1].upper() + lower[1:]



