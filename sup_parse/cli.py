"""The ``sup-parse`` command: parse options, call the library, map errors to exit codes.

``sup-parse FILE`` is short for ``sup-parse parse FILE``: a first argument that is
not a command name is taken as a file.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from ._version import __version__
from .errors import ExitCode, OutputError, SupParseError
from .limits import Limits

DEFAULT = Limits()


class _DefaultToParse(TyperGroup):
    """Route ``sup-parse FILE …`` to the ``parse`` command."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        first = None
        skip = False
        for a in args:
            if skip:
                skip = False
                continue
            if a in {"-o", "--output"}:
                skip = True  # the option's value is not the file
                continue
            if not a.startswith("-") or a == "-":
                first = a
                break
        if first is not None and first not in self.commands and not any(a in {"--help", "-h"} for a in args[:1]):
            args = ["parse", *args]  # options before FILE belong to parse too
        elif not args:
            args = ["--help"]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_DefaultToParse,
    add_completion=False,
    no_args_is_help=False,
    help="Parse Swedish municipal meeting documents (protokoll, protokollsutdrag, tjänsteskrivelse) into JSON.",
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sup-parse {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """sup-parse: protokoll, protokollsutdrag and tjänsteskrivelser → validated JSON."""


def _fail(error: SupParseError, debug: bool) -> NoReturn:
    if debug:
        import traceback

        traceback.print_exception(error)
    typer.echo(f"sup-parse: error: {error}", err=True)
    raise typer.Exit(int(error.exit_code))


def _run(fn: Any, debug: bool) -> Any:
    try:
        return fn()
    except SupParseError as error:
        _fail(error, debug)
    except KeyboardInterrupt:
        typer.echo("sup-parse: interrupted", err=True)
        raise typer.Exit(130) from None
    except Exception as error:  # a bug: say so plainly, traceback only with --debug
        if debug:
            from .guard import GuardedError

            if isinstance(error, GuardedError):  # where it arose: in the guarded child
                typer.echo(error.child_traceback, err=True)
            raise
        typer.echo(
            f"sup-parse: internal error: {type(error).__name__}: {error} "
            "(rerun with --debug for a traceback and report it)",
            err=True,
        )
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename."""
    from .outfiles import not_a_regular_file, replace_atomically

    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"the folder {directory} does not exist; create it first", str(path))
    if not_a_regular_file(path):
        raise OutputError("is not a regular file (a link, a pipe or a folder); remove it or choose another name", str(path))
    data = text.encode("utf-8")
    try:
        replace_atomically(path, lambda fh: fh.write(data))
    except OSError as exc:
        raise OutputError(f"cannot write the output ({exc.strerror}); check the folder's permissions", str(path)) from exc


def _check_folder(path: Path) -> None:
    if not path.parent.is_dir():
        raise OutputError(f"the folder {path.parent} does not exist; create it first", str(path))


class OcrMode(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


OcrOption = Annotated[OcrMode, typer.Option(
    "--ocr", help="auto: OCR the pages without a usable text layer; always: every page; never: none.")]
class PdfBackend(StrEnum):
    pdfium = "pdfium"
    pdfplumber = "pdfplumber"


BackendOption = Annotated[PdfBackend, typer.Option(
    "--pdf-backend", help="The library that reads a PDF's text layer: pdfium (fast) or pdfplumber (for comparison).")]
PixelsOption = Annotated[int | None, typer.Option(
    "--ocr-max-pixels", min=1_000_000, help="Largest image a page is rendered to for OCR (default 40000000, "
                                            "about A2 at 300 dpi); a bigger page is read at a lower dpi, with a warning.")]
WorkersOption = Annotated[int | None, typer.Option(
    "--workers", min=1, help="OCR processes at once (default: all cores).")]
MemoryOption = Annotated[int, typer.Option(
    "--memory", min=256, help=f"Memory one parse may use, MB (default {DEFAULT.memory_mb}); more fails with exit 15.")]
MaxPagesOption = Annotated[int, typer.Option(
    "--max-pages", min=1, help=f"Most pages a PDF may have (default {DEFAULT.max_pages}); more fails with exit 13.")]
StreamOption = Annotated[int, typer.Option(
    "--max-stream-mb", min=1, help=f"Most MB one compressed stream may inflate to (default {DEFAULT.max_stream_mb}); "
                                   "more fails with exit 14.")]
PageTimeoutOption = Annotated[float, typer.Option(
    "--page-timeout", min=0.1, help=f"Seconds one page's text layer may take (default {DEFAULT.page_seconds:g}); a slower "
                                    f"page is skipped with a warning, after {DEFAULT.max_skipped_pages} the file fails "
                                    "with exit 16.")]
PageCharsOption = Annotated[int, typer.Option(
    "--max-page-chars", min=1, help=f"Most characters on a page (default {DEFAULT.max_page_chars}); a page with more is "
                                    "skipped with a warning.")]
PageObjectsOption = Annotated[int, typer.Option(
    "--max-page-objects", min=1, help=f"Most objects (text runs, paths, images) on a page (default "
                                      f"{DEFAULT.max_page_objects}); a page with more is skipped with a warning.")]
VocabularyOption = Annotated[list[Path] | None, typer.Option(
    "--vocabulary", help="Extra words: a TOML file shaped like the packaged vocabulary, merged over it "
                         "(repeatable; after [tool.sup-parse.vocabulary] of the nearest pyproject.toml).")]


def _input(file: str) -> str | Path:
    """A FILE argument is a path (or "-" for stdin), whatever it holds: the library reads
    a str with a newline as the document's text, and a file name may hold one."""
    return file if file == "-" else Path(file)


def _vocabulary(files: list[Path] | None) -> tuple[Any, ...]:
    """[tool.sup-parse.vocabulary] of the nearest pyproject.toml (or sup-parse.toml), then
    the --vocabulary files, in order."""
    from .config import nearest_table

    try:
        table, _where = nearest_table("vocabulary")
    except (OSError, ValueError) as exc:
        typer.echo(f"sup-parse: error: the project configuration cannot be read ({exc}); fix it", err=True)
        raise typer.Exit(int(ExitCode.USAGE)) from None
    return ((table,) if table else ()) + tuple(files or ())


def _options(ocr: OcrMode, ocr_pdf: Path | None = None, workers: int | None = None,
             vocabulary: list[Path] | None = None, backend: PdfBackend = PdfBackend.pdfium,
             max_pixels: int | None = None, limits: Any = None) -> Any:
    from .pipeline import ParseOptions

    return ParseOptions(ocr=ocr.value, ocr_pdf=ocr_pdf, workers=workers, vocabulary=_vocabulary(vocabulary),
                        pdf_backend=backend.value, ocr_max_pixels=max_pixels, limits=limits or _limits())


def _limits(memory: int = DEFAULT.memory_mb, max_pages: int = DEFAULT.max_pages,
            max_stream_mb: int = DEFAULT.max_stream_mb, page_timeout: float = DEFAULT.page_seconds,
            max_page_chars: int = DEFAULT.max_page_chars, max_page_objects: int = DEFAULT.max_page_objects) -> Any:
    return Limits(memory_mb=memory, max_pages=max_pages, max_stream_mb=max_stream_mb, page_seconds=page_timeout,
                  max_page_chars=max_page_chars, max_page_objects=max_page_objects)


@app.command("parse")
def parse_cmd(
    file: Annotated[str, typer.Argument(help="A PDF, .txt or .md file; '-' reads text from stdin.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the JSON here (atomically) instead of stdout.")] = None,
    compact: Annotated[bool, typer.Option("--compact", help="One line of JSON, no indentation.")] = False,
    ocr: OcrOption = OcrMode.auto,
    ocr_pdf: Annotated[Path | None, typer.Option(
        "--ocr-pdf", help="Also write a searchable PDF (OCR text under the scanned pages) here.")] = None,
    workers: WorkersOption = None,
    vocabulary: VocabularyOption = None,
    backend: BackendOption = PdfBackend.pdfium,
    max_pixels: PixelsOption = None,
    memory: MemoryOption = DEFAULT.memory_mb,
    max_pages: MaxPagesOption = DEFAULT.max_pages,
    max_stream_mb: StreamOption = DEFAULT.max_stream_mb,
    page_timeout: PageTimeoutOption = DEFAULT.page_seconds,
    max_page_chars: PageCharsOption = DEFAULT.max_page_chars,
    max_page_objects: PageObjectsOption = DEFAULT.max_page_objects,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    """Parse FILE and print its Document as JSON."""
    from .guard import parse_guarded

    if ocr_pdf is not None:
        _run(lambda: _check_folder(ocr_pdf), debug)  # fail before the slow part
    options = _options(ocr, ocr_pdf, workers, vocabulary, backend, max_pixels,
                       _limits(memory, max_pages, max_stream_mb, page_timeout, max_page_chars, max_page_objects))
    doc = _run(lambda: parse_guarded(_input(file), options=options), debug)
    text = doc.model_dump_json(indent=None if compact else 2)
    if output is None:
        sys.stdout.buffer.write((text + "\n").encode("utf-8"))  # UTF-8 whatever the locale
        sys.stdout.flush()
        return
    _run(lambda: write_atomic(output, text + "\n"), debug)


@app.command("batch")
def batch_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (searched recursively) and globs.")],
    out_dir: Annotated[Path, typer.Option("-o", "--output", help="Folder for the JSON files and manifest.jsonl.")],
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="Worker processes (default: all cores).")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="Seconds one file may take.")] = 600.0,
    memory: MemoryOption = DEFAULT.memory_mb,
    max_pages: MaxPagesOption = DEFAULT.max_pages,
    max_stream_mb: StreamOption = DEFAULT.max_stream_mb,
    page_timeout: PageTimeoutOption = DEFAULT.page_seconds,
    max_page_chars: PageCharsOption = DEFAULT.max_page_chars,
    max_page_objects: PageObjectsOption = DEFAULT.max_page_objects,
    ocr: OcrOption = OcrMode.auto,
    compact: Annotated[bool, typer.Option("--compact", help="One line of JSON per file.")] = False,
    resume: Annotated[bool, typer.Option("--resume", help="Skip inputs already done (same bytes and parser version).")] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace existing outputs that differ.")] = False,
    allow_failures: Annotated[bool, typer.Option("--allow-failures", help="Exit 0 even when some files failed.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no summary.")] = False,
    vocabulary: VocabularyOption = None,
    backend: BackendOption = PdfBackend.pdfium,
    max_pixels: PixelsOption = None,
) -> None:
    """Convert many files: one JSON each under OUTDIR (paths mirrored), a manifest of all."""
    from .batch_cli import run_batch

    code = run_batch(inputs, out_dir, workers=workers, timeout=timeout, ocr=ocr.value,
                     limits=_limits(memory, max_pages, max_stream_mb, page_timeout, max_page_chars, max_page_objects),
                     compact=compact, resume=resume, overwrite=overwrite, allow_failures=allow_failures, quiet=quiet,
                     vocabulary=_vocabulary(vocabulary), pdf_backend=backend.value, ocr_max_pixels=max_pixels)
    raise typer.Exit(code)


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class Level(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


class Lang(StrEnum):
    sv = "sv"
    en = "en"


@app.command("check")
def check_cmd(
    files: Annotated[list[str], typer.Argument(help="PDF or text files to check.")],
    fmt: Annotated[CheckFormat, typer.Option("--format", help="text (file:page: CODE message), json, github, sarif.")] = CheckFormat.text,
    fail_on: Annotated[Level, typer.Option("--fail-on", help="Exit 1 when a finding is at or above this severity.")] = Level.error,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the messages.")] = Lang.sv,
    config: Annotated[Path | None, typer.Option("--config", help="A sup-parse.toml or pyproject.toml (default: the nearest).")] = None,
    ocr: OcrOption = OcrMode.auto,
    vocabulary: VocabularyOption = None,
    backend: BackendOption = PdfBackend.pdfium,
    memory: MemoryOption = DEFAULT.memory_mb,
    page_timeout: PageTimeoutOption = DEFAULT.page_seconds,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    """Check documents against the rules (docs/rules.md): missing parts, deadlines, §§, votes."""
    from .check import at_or_above, format_github, format_json, format_sarif, format_text, load_config, run_checks
    from .guard import parse_guarded

    try:
        cfg = load_config(explicit=config) if config else load_config()
    except (OSError, ValueError) as exc:
        typer.echo(f"sup-parse: error: the check configuration: {exc}", err=True)
        raise typer.Exit(int(ExitCode.USAGE)) from None
    findings = []
    failed: int | None = None  # the first unparsable file's exit code
    options = _options(ocr, vocabulary=vocabulary, backend=backend, limits=_limits(memory, page_timeout=page_timeout))
    for file in files:
        try:
            doc = parse_guarded(_input(file), options=options)
        except SupParseError as error:
            typer.echo(f"sup-parse: error: {error}", err=True)
            failed = failed or int(error.exit_code)
            continue
        except Exception as error:  # pragma: no cover - a bug, reported like parse's
            if debug:
                raise
            typer.echo(f"sup-parse: internal error: {type(error).__name__}: {error}", err=True)
            failed = failed or int(ExitCode.INTERNAL)
            continue
        findings.extend(run_checks(doc, cfg, file=file, lang=lang.value))
    render = {"text": format_text, "json": format_json, "github": format_github}
    out = format_sarif(findings, lang.value) if fmt == CheckFormat.sarif else render[fmt.value](findings)
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stdout.flush()
    if failed:
        raise typer.Exit(failed)  # the parse error's own code: 3 not found, 7 damaged, …
    raise typer.Exit(1 if at_or_above(findings, fail_on.value) else 0)


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the output."""
    from .schema import schema_json

    sys.stdout.write(schema_json())


@app.command("show")
def show_cmd(
    file: Annotated[str, typer.Argument(help="A PDF, .txt or .md file; '-' reads text from stdin.")],
    ocr: OcrOption = OcrMode.auto,
    workers: WorkersOption = None,
    vocabulary: VocabularyOption = None,
    backend: BackendOption = PdfBackend.pdfium,
    memory: MemoryOption = DEFAULT.memory_mb,
    page_timeout: PageTimeoutOption = DEFAULT.page_seconds,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    """Print a readable summary: meeting, attendance, §§ with decisions, warnings."""
    from .guard import parse_guarded
    from .show import render

    options = _options(ocr, workers=workers, vocabulary=vocabulary, backend=backend,
                       limits=_limits(memory, page_timeout=page_timeout))
    doc = _run(lambda: parse_guarded(_input(file), options=options), debug)
    render(doc)


@app.command("debug")
def debug_cmd(
    file: Annotated[str, typer.Argument(help="A PDF, .txt or .md file.")],
    ocr: OcrOption = OcrMode.auto,
    vocabulary: VocabularyOption = None,
    backend: BackendOption = PdfBackend.pdfium,
    memory: MemoryOption = DEFAULT.memory_mb,
    page_timeout: PageTimeoutOption = DEFAULT.page_seconds,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    """Dump the pipeline's stages (pages → lines → parts) for a file."""
    from .debug import dump_stages
    from .guard import guarded_stages

    options = _options(ocr, vocabulary=vocabulary, backend=backend, limits=_limits(memory, page_timeout=page_timeout))
    st = _run(lambda: guarded_stages(_input(file), options=options), debug)
    sys.stdout.write(dump_stages(st) + "\n")


def run() -> None:
    from .errors import quiet_pdf_libraries

    quiet_pdf_libraries()
    app()


if __name__ == "__main__":  # pragma: no cover
    run()
