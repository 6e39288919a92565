"""Text normalisation at input, the same for a PDF's text layer, OCR and plain text.

Every later rule compares characters, so they are made comparable first:

* Unicode NFC: a decomposed "a" + combining diaeresis (NFD, as some producers and
  macOS file systems write it) becomes the one character "ä";
* typographic ligatures (U+FB00–U+FB06) are spelt out;
* soft hyphens go inside a word; one at the end of a text becomes "-", the mark of a
  word broken at a line end;
* no-break, thin, figure and other odd spaces become a plain space; zero-width
  characters and other control characters go;
* hyphen and dash variants fold to "-" (hyphen, non-breaking hyphen, minus) or "–"
  (figure dash, horizontal bar, small and full-width dashes); the em dash is kept;
* private-use bullets of symbol fonts become "•".

Line breaks, tabs and form feeds are kept: they carry layout in plain text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .layout import Word

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u180e"
_HYPHENS = "\u2010\u2011\u2212\ufe63\uff0d"
_DASHES = "\u2012\u2015\ufe58"
_BULLETS = "\uf0b7\uf0a7\uf076\uf0d8\uf0a8\uf0fc\uf06e\uf0a1"
_KEEP = {"\n", "\t", "\f", "\r"}

_TABLE: dict[int, str | None] = {}
_TABLE.update({ord(k): v for k, v in _LIGATURES.items()})
_TABLE.update({ord(c): " " for c in _SPACES})
_TABLE.update({ord(c): None for c in _ZERO_WIDTH})
_TABLE.update({ord(c): "-" for c in _HYPHENS})
_TABLE.update({ord(c): "–" for c in _DASHES})
_TABLE.update({ord(c): "•" for c in _BULLETS})
_TABLE.update({c: None for c in range(32) if chr(c) not in _KEEP})
_TABLE.update({c: None for c in range(0x7F, 0xA0)})


def normalize_text(text: str) -> str:
    """``text`` in the form every rule of the parser expects (see the module doc)."""
    if text.isascii() and text.isprintable():
        return text
    if "\u00ad" in text:
        text = _soft_hyphens(text)
    text = text.translate(_TABLE)
    return unicodedata.normalize("NFC", text)


def _soft_hyphens(text: str) -> str:
    """Drop soft hyphens inside words; one ending a line (or the text) is a line-end break."""
    out = []
    for line in text.split("\n"):
        stripped = line.rstrip()
        end = stripped.endswith("\u00ad")
        line = stripped.rstrip("\u00ad") + "-" + line[len(stripped):] if end else line
        out.append(line.replace("\u00ad", ""))
    return "\n".join(out)


# A glyph the font does not map to a character, standing alone: a symbol, in practice a bullet.
_UNMAPPED = re.compile(r"\(cid:\d+\)")


def normalize_words(words: list[Word]) -> list[Word]:
    """The words with their text normalised; a word left empty (a lone zero-width or
    control character) is dropped."""
    out: list[Word] = []
    for w in words:
        text = "•" if _UNMAPPED.fullmatch(w.text) else normalize_text(w.text)
        if text == w.text:
            out.append(w)
        elif text.strip():
            out.append(replace(w, text=text.strip()))
    return out
