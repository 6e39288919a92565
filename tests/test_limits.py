"""Resource limits (sup_parse/limits.py) and the guard that enforces memory and time
(sup_parse/guard.py): each limit's option, its exit code or warning, one stderr line."""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from adversarial import _plain, bomb_twice, dense_page, flate_stream, many_chars, page_pdf

import sup_parse
from sup_parse.errors import ExitCode, PageLimit, StreamLimit
from sup_parse.guard import can_guard, run_guarded
from sup_parse.limits import MB, Limits, check_streams
from sup_parse.pipeline import ParseOptions

ROOT = Path(__file__).resolve().parent.parent
needs_fork = pytest.mark.skipif(not can_guard(), reason="the guard needs fork")
TEXT = (b"BT /F1 10 Tf 72 760 Td (Protokoll Kommunstyrelsen) Tj 0 -14 Td (Sammantradesdatum 2026-06-01) Tj "
        b"0 -14 Td (Paragraf 12 Beslut om bifall till motionen) Tj ET")


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sup_parse", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def one_line(proc: subprocess.CompletedProcess[str], code: ExitCode) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert proc.stdout == "" and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    return proc.stderr


def slow_page(operations: int) -> bytes:
    return flate_stream(zlib.compress(b"0 0 m 1 1 l S\n" * operations, 9))


# --- decompression bombs ----------------------------------------------------------------

def test_a_stream_that_inflates_past_the_limit_is_refused_and_one_under_it_passes() -> None:
    data = page_pdf([flate_stream(zlib.compress(b" " * (3 * MB), 9))])
    check_streams(data, 4 * MB, "ok.pdf")
    with pytest.raises(StreamLimit, match="more than 2 MB"):
        check_streams(data, 2 * MB, "big.pdf")


def test_a_stream_deflated_twice_is_measured_inside() -> None:
    """Two Flate filters: the outer stream is a few KB and inflates to about 1 MB, the
    inner to 1 GiB; the ratio rule alone would never look at it."""
    data = bomb_twice(64 * MB)
    assert len(data) < 10_000
    check_streams(data, 128 * MB, "twice.pdf")
    with pytest.raises(StreamLimit):
        check_streams(data, 16 * MB, "twice.pdf")


def test_the_corpus_passes_the_stream_check() -> None:
    for pdf in sorted((ROOT / "samples").glob("*.pdf")):
        check_streams(pdf.read_bytes(), 256 * MB, str(pdf))


def test_the_bomb_fails_on_the_command_line_with_its_code(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(page_pdf([flate_stream(zlib.compress(b" " * (40 * MB), 9))]))
    line = one_line(run(bomb, "--max-stream-mb", 8), ExitCode.STREAM_LIMIT)
    assert "--max-stream-mb" in line
    assert run(bomb, "--max-stream-mb", 64).returncode == ExitCode.NO_TEXT  # read, and only spaces


# --- pages, characters ------------------------------------------------------------------

def test_too_many_pages_fail_with_the_limit_named(tmp_path: Path) -> None:
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(page_pdf([_plain(TEXT)] * 12))
    line = one_line(run(pdf, "--max-pages", 10), ExitCode.PAGE_LIMIT)
    assert "12 pages" in line and "--max-pages" in line
    assert run(pdf, "--max-pages", 12, "--compact").returncode == 0
    with pytest.raises(PageLimit):  # the library honours it in process too
        sup_parse.pipeline.parse(pdf, options=ParseOptions(limits=Limits(max_pages=5)))


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_a_page_with_too_many_characters_is_skipped_with_a_warning(backend: str) -> None:
    data = page_pdf([_plain(TEXT), dense_page(20_000)])
    options = ParseOptions(ocr="never", pdf_backend=backend, limits=Limits(max_page_chars=10_000))
    doc = sup_parse.pipeline.parse(data, path="dense.pdf", options=options)
    assert [(w.code, w.page) for w in doc.warnings if w.code.endswith("-limit")] == [("page-char-limit", 2)]
    assert doc.source is not None and doc.source.pages == 2


def test_the_default_character_limit_skips_a_page_of_a_million() -> None:
    doc = sup_parse.pipeline.parse(page_pdf([_plain(TEXT), dense_page()]), path="dense.pdf")
    assert [(w.code, w.page) for w in doc.warnings if w.code.endswith("-limit")] == [("page-char-limit", 2)]


# --- time and memory (the guard) ---------------------------------------------------------

@needs_fork
def test_a_slow_page_is_skipped_with_a_warning_and_the_rest_is_read(tmp_path: Path) -> None:
    pdf = tmp_path / "slow.pdf"
    pdf.write_bytes(page_pdf([_plain(TEXT), slow_page(400_000), _plain(TEXT)]))
    proc = run(pdf, "--page-timeout", "0.2", "--compact", "--pdf-backend", "pdfplumber", "--ocr", "never")
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    doc = json.loads(proc.stdout)
    assert [(w["code"], w["page"]) for w in doc["warnings"] if w["code"] == "page-time-limit"] == [("page-time-limit", 2)]
    assert doc["source"]["pages"] == 3


@needs_fork
def test_pages_that_keep_overrunning_fail_the_file(tmp_path: Path) -> None:
    pdf = tmp_path / "slow.pdf"
    pdf.write_bytes(page_pdf([slow_page(400_000)] * 5))
    line = one_line(run(pdf, "--page-timeout", "0.2", "--pdf-backend", "pdfplumber", "--ocr", "never"),
                    ExitCode.TIME_LIMIT)
    assert "page 4" in line and "--page-timeout" in line


@needs_fork
def test_a_parse_over_its_memory_limit_fails_cleanly(tmp_path: Path) -> None:
    """A page of a million characters takes pdfium about 300 MB (allowed through with
    --max-page-chars): under --memory 256 the parse fails with exit 15, one line."""
    pdf = tmp_path / "dense.pdf"
    pdf.write_bytes(many_chars())
    line = one_line(run(pdf, "--memory", 256, "--max-page-chars", 2_000_000), ExitCode.MEMORY_LIMIT)
    assert "--memory" in line


@needs_fork
def test_errors_and_results_cross_the_guard_whole() -> None:
    from sup_parse.errors import DamagedPdf

    assert run_guarded(lambda skip: ("ok", skip), Limits()) == ("ok", frozenset())
    with pytest.raises(DamagedPdf) as caught:
        run_guarded(lambda skip: (_ for _ in ()).throw(DamagedPdf("broken", "a.pdf")), Limits())
    assert (caught.value.message, caught.value.path, str(caught.value)) == ("broken", "a.pdf", "a.pdf: broken")


@needs_fork
def test_a_bug_in_the_guarded_parse_is_an_internal_error_with_the_childs_traceback() -> None:
    from sup_parse.guard import GuardedError

    def bug(skip: frozenset[int]) -> None:
        raise KeyError("where")

    with pytest.raises(GuardedError, match="KeyError") as caught:
        run_guarded(bug, Limits())
    assert "in bug" in caught.value.child_traceback


@needs_fork
def test_a_step_that_overruns_fails_with_the_error_it_named() -> None:
    """The second backend, tried after the first found the file damaged, may take long
    to open it (pdfminer scanning a broken file): the first one's verdict then stands."""
    import time

    from sup_parse.errors import DamagedPdf
    from sup_parse.limits import beat

    def slow_fallback(skip: frozenset[int]) -> None:
        beat("opening the file with pdfplumber", 0.2, DamagedPdf("pdfium could not open it", "a.pdf"))
        time.sleep(30)

    start = time.monotonic()
    with pytest.raises(DamagedPdf, match="pdfium could not open it"):
        run_guarded(slow_fallback, Limits())
    assert time.monotonic() - start < 10


def test_a_page_with_too_many_objects_is_skipped_with_a_warning(tmp_path: Path) -> None:
    pdf = tmp_path / "drawn.pdf"
    pdf.write_bytes(page_pdf([_plain(TEXT), slow_page(1_000)]))
    proc = run(pdf, "--max-page-objects", 500, "--compact", "--ocr", "never")
    assert proc.returncode == 0, proc.stderr
    warnings = json.loads(proc.stdout)["warnings"]
    assert [(w["code"], w["page"]) for w in warnings if w["code"].endswith("-limit")] == [("page-object-limit", 2)]


@needs_fork
def test_a_child_that_crashes_small_is_a_crash_not_a_memory_limit() -> None:
    """A signal far below the memory limit is a C library crashing on the file (damaged),
    not memory; a result that cannot be pickled is a bug, said so."""
    import os
    import signal

    from sup_parse.errors import DamagedPdf
    from sup_parse.guard import GuardedError

    with pytest.raises(DamagedPdf, match="crashed"):
        run_guarded(lambda skip: os.kill(os.getpid(), signal.SIGSEGV), Limits())
    with pytest.raises(GuardedError, match="handed over"):
        run_guarded(lambda skip: (lambda: None), Limits())


def test_ten_thousand_pages_stop_at_the_page_limit_at_once(tmp_path: Path) -> None:
    """The robustness run's 10,000 one-§ pages took 480 s; past the default limit of 5,000
    pages the file now fails at once, saying how to go on."""
    import time

    from adversarial import many_pages

    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(many_pages(10_000))
    start = time.monotonic()
    line = one_line(run(pdf), ExitCode.PAGE_LIMIT)
    assert "10,000 pages" in line and "5,000" in line and "--max-pages" in line
    assert time.monotonic() - start < 60
