"""Errors that stop a parse, each with its own exit code and a remedy.

The CLI prints ``str(error)`` as one line on stderr and exits with ``error.exit_code``.
Every code is documented in README.md ("Exit codes"); a test keeps the two in step.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    USAGE = 2  # click's own code for bad options
    NOT_FOUND = 3
    NOT_A_FILE = 4
    EMPTY = 5
    NOT_A_PDF = 6
    DAMAGED_PDF = 7
    ENCRYPTED_PDF = 8
    NO_TEXT = 9
    UNREADABLE_TEXT = 10
    OUTPUT = 11
    OCR_UNAVAILABLE = 12
    PAGE_LIMIT = 13
    STREAM_LIMIT = 14
    MEMORY_LIMIT = 15
    TIME_LIMIT = 16
    INTERNAL = 70


class SupParseError(Exception):
    """Base class: a failure with a message that says what to do."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def __reduce__(self) -> tuple[object, ...]:  # across a process boundary (guard, batch) with its path
        return (type(self), (self.message, self.path))


class InputNotFound(SupParseError):
    exit_code = ExitCode.NOT_FOUND


class NotAFile(SupParseError):
    exit_code = ExitCode.NOT_A_FILE


class EmptyInput(SupParseError):
    exit_code = ExitCode.EMPTY


class NotAPdf(SupParseError):
    exit_code = ExitCode.NOT_A_PDF


class DamagedPdf(SupParseError):
    exit_code = ExitCode.DAMAGED_PDF


class EncryptedPdf(SupParseError):
    exit_code = ExitCode.ENCRYPTED_PDF


class NoTextLayer(SupParseError):
    exit_code = ExitCode.NO_TEXT


class UnreadableText(SupParseError):
    exit_code = ExitCode.UNREADABLE_TEXT


class OutputError(SupParseError):
    exit_code = ExitCode.OUTPUT


class OcrUnavailable(SupParseError):
    exit_code = ExitCode.OCR_UNAVAILABLE


class PageLimit(SupParseError):
    """More pages than ``--max-pages``."""

    exit_code = ExitCode.PAGE_LIMIT


class StreamLimit(SupParseError):
    """A compressed stream that inflates beyond ``--max-stream-mb``."""

    exit_code = ExitCode.STREAM_LIMIT


class MemoryLimit(SupParseError):
    """The parse needed more memory than ``--memory``."""

    exit_code = ExitCode.MEMORY_LIMIT


class TimeLimit(SupParseError):
    """Too many pages over ``--page-timeout``, or another step over its budget."""

    exit_code = ExitCode.TIME_LIMIT


class OptionNotForInput(SupParseError):
    """An option that the input cannot honour (``--ocr-pdf`` for a text file)."""

    exit_code = ExitCode.USAGE


class BadVocabulary(SupParseError):
    """An extra vocabulary (``--vocabulary``, ``[tool.sup-parse.vocabulary]``) that cannot be read."""

    exit_code = ExitCode.USAGE


def quiet_pdf_libraries() -> None:
    """pdfminer logs what it finds odd in a file ("Invalid MediaBox …") to stderr, and the
    libraries raise Python warnings (pypdfium2, pdfplumber, PIL's "decompression bomb"),
    where the command promises one line on failure and nothing on success: what matters
    of them reaches the user as our own error or warning."""
    import logging

    logging.captureWarnings(True)  # warnings.warn(...) → the "py.warnings" logger, kept quiet
    for name in ("pdfminer", "py.warnings", "PIL"):
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False
