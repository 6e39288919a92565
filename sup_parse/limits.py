"""Resource limits: what one parse may cost, whatever the input.

A hostile or broken file must fail cleanly, with its own exit code, or lose one page
with a warning; it must never take the machine's memory or hang.  Each limit has an
option in the CLI and a default documented in README.md ("Limits"):

| limit | default | when reached |
|---|---|---|
| ``max_pages`` | 5,000 pages | the file fails: exit 13 (``--max-pages``) |
| ``max_stream_mb`` | 256 MB inflated per Flate stream | the file fails: exit 14 (``--max-stream-mb``) |
| ``memory_mb`` | 1,024 MB address space | the file fails: exit 15 (``--memory``) |
| ``page_seconds`` | 5 s to read one page's text layer | the page is skipped with a warning; after ``max_skipped_pages`` the file fails: exit 16 (``--page-timeout``) |
| ``max_page_chars`` | 200,000 characters on a page | the page is skipped with a warning (``--max-page-chars``) |
| ``max_page_objects`` | 500,000 objects on a page | the page is skipped with a warning |
| OCR pixels | 40 million per page | the page is OCR'd at a lower DPI with a warning (``--ocr-max-pixels``) |

Memory and time are enforced by :mod:`sup_parse.guard`, which runs the parse in a
child process (a PDF library's C code can neither be interrupted nor be trusted to
survive a failed allocation).  The other limits are checked in process, so
:func:`sup_parse.parse` honours them too.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from .errors import StreamLimit

MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    max_pages: int = 5000
    max_stream_mb: int = 256
    memory_mb: int = 1024
    page_seconds: float = 5.0
    max_skipped_pages: int = 3
    max_page_chars: int = 200_000
    max_page_objects: int = 500_000
    # Budgets for the steps that are not one page's text layer (seconds): opening the
    # file, OCR of one page (Tesseract included), and the stages after reading, which
    # get a base and a share per page or per MB of text.
    open_seconds: float = 10.0
    ocr_page_seconds: float = 300.0
    stage_seconds: float = 60.0
    stage_seconds_per_page: float = 0.05
    stage_seconds_per_mb: float = 10.0

    def __post_init__(self) -> None:
        for name in ("max_pages", "max_stream_mb", "memory_mb", "max_page_chars", "max_page_objects"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.page_seconds <= 0 or self.max_skipped_pages < 0:
            raise ValueError("page_seconds must be positive and max_skipped_pages not negative")

    def stages_budget(self, pages: int, size: int) -> float:
        return self.stage_seconds + self.stage_seconds_per_page * pages + self.stage_seconds_per_mb * size / MB


# --- heartbeats: how a guarded parse tells its guard what it is doing ----------------------

_beat: Callable[[object, float, object], None] | None = None


def beat(step: object, seconds: float, overrun: Exception | None = None) -> None:
    """Say that ``step`` starts and may take ``seconds``: a guard (sup_parse.guard) that
    hears nothing new within that time stops the parse.  A no-op when unguarded.
    ``step`` is ``("page", n)`` for reading page n's text layer (a step the guard may
    skip) or any other picklable label; ``overrun``: the error the parse fails with when
    the step overruns (by default a :class:`~sup_parse.errors.TimeLimit`)."""
    if _beat is not None:
        _beat(step, seconds, overrun)


def set_beat(fn: Callable[[object, float, object], None] | None) -> None:
    global _beat
    _beat = fn


# --- decompression bombs ----------------------------------------------------------------------

# Deflate inflates at most about 1032 times; a stream shorter than max/1032 cannot exceed
# max on its own, but its output can be deflated again (/Filter [/FlateDecode /FlateDecode]),
# so the first bytes of every stream are looked at for a second zlib header.
DEFLATE_RATIO = 1032
_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_ENDSTREAM = re.compile(rb"endstream")
_ZLIB_HEADS = {b"\x78\x01", b"\x78\x5e", b"\x78\x9c", b"\x78\xda"}
CHUNK = 1 << 16


def check_streams(data: bytes, max_bytes: int, path: str | None) -> None:
    """Raise :class:`StreamLimit` when a Flate stream of the file (or the stream inside
    it, deflated twice) inflates beyond ``max_bytes``.  Linear in the file: a stream is
    only inflated when its length could reach the limit or it holds another zlib stream."""
    for m in _STREAM.finditer(data):
        start = m.end()
        if data[start:start + 2] not in _ZLIB_HEADS:
            continue
        end = _ENDSTREAM.search(data, start)
        stop = end.start() if end else len(data)
        body = memoryview(data)[start:stop]
        if (stop - start) * DEFLATE_RATIO > max_bytes or _inflates_to_zlib(body):
            _inflate_bounded(body, max_bytes, path, depth=0)


def _inflates_to_zlib(body: memoryview) -> bool:
    try:
        head = zlib.decompressobj().decompress(body[:1024], 2)
    except zlib.error:
        return False
    return bytes(head) in _ZLIB_HEADS


def _inflate_bounded(body: memoryview, max_bytes: int, path: str | None, depth: int) -> None:
    """Inflate ``body`` piece by piece, keeping nothing; a stream deflated again inside
    it is inflated alongside, under the same limit."""
    d = zlib.decompressobj()
    inner = zlib.decompressobj() if depth < 2 else None
    nested: bool | None = None
    total = inner_total = 0
    for offset in range(0, len(body), CHUNK):
        piece = bytes(body[offset:offset + CHUNK])
        while piece:
            try:
                out = d.decompress(piece, CHUNK)
            except zlib.error:
                return  # not (or no longer) deflate data: the PDF library will judge it
            total += len(out)
            if total > max_bytes:
                raise _too_large(max_bytes, path)
            if nested is None and out:
                nested = out[:2] in _ZLIB_HEADS
            if nested and inner is not None and out:
                inner_total += _inflate_count(inner, out, max_bytes - inner_total, path, max_bytes)
            if d.eof:
                return
            if not out and d.unconsumed_tail == piece:
                return  # no progress: leave it to the PDF library
            piece = d.unconsumed_tail


def _inflate_count(inner: zlib._Decompress, data: bytes, room: int, path: str | None, max_bytes: int) -> int:
    """Feed the next piece of a nested stream; the bytes it inflated to."""
    produced = 0
    piece = data
    while piece and not inner.eof:
        try:
            out = inner.decompress(piece, CHUNK)
        except zlib.error:
            return produced
        produced += len(out)
        if produced > room:
            raise _too_large(max_bytes, path)
        piece = inner.unconsumed_tail
        if not out:
            break
    return produced


def _too_large(max_bytes: int, path: str | None) -> StreamLimit:
    return StreamLimit(f"a compressed stream in the PDF inflates to more than {max_bytes // MB} MB "
                       "(a decompression bomb, or a huge image); raise --max-stream-mb if the file is trusted", path)
