"""sup-parse: Swedish municipal meeting documents (protokoll, protokollsutdrag,
tjänsteskrivelse, kallelse) → validated JSON.

    >>> import sup_parse
    >>> doc = sup_parse.parse("protokoll.pdf")
    >>> doc.paragraphs[0].number

Heavy modules (pdfplumber, pydantic models) load on first use, so that
``sup-parse --version`` starts fast.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from os import PathLike
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .limits import Limits

if TYPE_CHECKING:
    from .errors import SupParseError
    from .models import Document

Source = str | PathLike[str] | bytes  # a path, the file's bytes, or text holding a newline

__all__ = ["Document", "Limits", "SupParseError", "__version__", "batch", "convert_file", "parse"]


def parse(source: Source, *, path: str | None = None, ocr: str = "auto", ocr_pdf: str | None = None,
          workers: int | None = None, vocabulary: Sequence[str | PathLike[str] | Mapping[str, Any]] = (),
          pdf_backend: str = "pdfium", limits: Limits | None = None) -> Document:
    """Parse a PDF or text document (path, bytes, or text) into a Document.

    ``ocr``: ``"auto"`` (OCR the pages without a usable text layer), ``"always"``,
    ``"never"``; ``ocr_pdf``: also write a searchable PDF to this path; ``workers``:
    OCR processes at once (default: all cores); ``vocabulary``: extra words, TOML files
    or tables shaped like ``sup_parse/data/vocabulary.toml``, merged over it;
    ``pdf_backend``: ``"pdfium"`` (default) or ``"pdfplumber"`` reads the text layer;
    ``limits``: the pages, stream, character and object limits checked here
    (:class:`sup_parse.limits.Limits`; memory and time need
    :func:`sup_parse.guard.parse_guarded`, which runs the parse in a child process)."""
    from .pipeline import ParseOptions
    from .pipeline import parse as _parse

    return _parse(source, path=path, options=ParseOptions(ocr=ocr, ocr_pdf=ocr_pdf, workers=workers,
                                                          vocabulary=tuple(vocabulary), pdf_backend=pdf_backend,
                                                          limits=limits or Limits()))


class _LateHints(dict):  # type: ignore[type-arg]
    """``parse``'s annotations, with ``Document`` put in on first read: so that
    ``typing.get_type_hints(sup_parse.parse)`` resolves while ``sup-parse --version``
    does not import pydantic.  Every way of reading a dict goes through ``_fill``."""

    def _fill(self) -> None:
        if dict.get(self, "return") == "Document":
            from .models import Document

            dict.__setitem__(self, "return", Document)

    def __iter__(self) -> Any:
        self._fill()
        return dict.__iter__(self)

    def __getitem__(self, key: Any) -> Any:
        self._fill()
        return dict.__getitem__(self, key)

    def keys(self) -> Any:
        self._fill()
        return dict.keys(self)

    def items(self) -> Any:
        self._fill()
        return dict.items(self)

    def values(self) -> Any:
        self._fill()
        return dict.values(self)

    def get(self, key: Any, default: Any = None) -> Any:
        self._fill()
        return dict.get(self, key, default)

    def copy(self) -> dict[str, Any]:
        self._fill()
        return dict(dict.items(self))


parse.__annotations__ = _LateHints(parse.__annotations__)


def batch(inputs: Any, out_dir: Any, **options: Any) -> Any:
    """Convert many files (paths, folders, globs) into ``out_dir``, in worker processes;
    yields a :class:`~sup_parse.batch.FileResult` per input as it finishes.  Options:
    ``workers``, ``timeout`` (s per file), ``memory_mb`` (per worker), ``ocr``, ``compact``,
    ``resume``, ``overwrite``.  See :mod:`sup_parse.batch`."""
    from .batch import batch as _batch

    return _batch(inputs, out_dir, **options)


def convert_file(path: str, options: Any = None) -> Any:
    """Parse one file into a :class:`~sup_parse.batch.FileResult` (JSON text or the
    error); a plain picklable function to map over files with Dask, Ray or Spark."""
    from .batch import convert_file as _convert

    return _convert(path, options)


def __getattr__(name: str) -> Any:
    if name == "Document":
        from .models import Document

        return Document
    if name == "SupParseError":
        from .errors import SupParseError

        return SupParseError
    raise AttributeError(name)
