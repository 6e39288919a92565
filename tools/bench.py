"""``make bench``: sup-parse's speed and memory, as ratios against baselines run in the
same process, never as absolute seconds (those depend on the machine).

1. Text layer, one core: sup-parse (default backend), pdfplumber ``extract_text``,
   pypdfium2 ``get_text_range`` and ``pdftotext -layout`` (one process per file) read
   the bulk corpus (``../shared/corpus/bulk``) in turn, ROUNDS rounds, pinned to one
   CPU; medians and ratios.
2. Batch speed-up on all cores against one worker, over the bulk corpus once and over
   four copies of it (steady state).
3. Peak memory of one process on generated protokolls of 100 and 2,000 pages, and the
   growth per page; seconds per page at both sizes (linear time: equal).
4. Growth of the text stages: ``join_lines`` per line at 20 to 20,000 lines, and one §
   of 500 and 5,000 wrapped lines (linear: 10×).
5. OCR seconds per page against bare Tesseract on the same rendered pages (the same
   flags, the images already on disk), with one worker and with all cores.
6. Start-up time of the command.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BULK = ROOT.parent / "shared" / "corpus" / "bulk"
ROUNDS = 5


def _files() -> list[Path]:
    return [f for f in sorted(BULK.glob("*.pdf")) if f.read_bytes()[:1024].find(b"%PDF-") != -1]


# --- 1. text layer -----------------------------------------------------------------------

def read_sup_parse(files: list[Path]) -> int:
    from sup_parse import parse
    from sup_parse.errors import SupParseError

    pages = 0
    for f in files:
        try:
            pages += parse(f, ocr="never").source.pages or 0  # type: ignore[union-attr]
        except SupParseError:
            pass
    return pages


def read_pdfplumber(files: list[Path]) -> int:
    import pdfplumber

    pages = 0
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return pages


def read_pdfium(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    pages = 0
    for f in files:
        pdf = pdfium.PdfDocument(f)
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        pdf.close()
    return pages


def read_pdftotext(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    pages = 0
    for f in files:
        subprocess.run(["pdftotext", "-layout", str(f), "-"], capture_output=True, check=False)
        pdf = pdfium.PdfDocument(f)
        pages += len(pdf)
        pdf.close()
    return pages


def bench_text_layer(files: list[Path]) -> float:
    """Pages per second of each reader, median of ROUNDS interleaved rounds, on one CPU.
    Returns pdfplumber extract_text's pages/s."""
    import shutil

    readers: dict[str, Callable[[list[Path]], int]] = {
        "sup-parse (pdfium backend)": read_sup_parse,
        "pdfplumber extract_text": read_pdfplumber,
        "pypdfium2 get_text_range": read_pdfium,
    }
    if shutil.which("pdftotext"):
        readers["pdftotext -layout (a process per file)"] = read_pdftotext
    cpus = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    if cpus:
        os.sched_setaffinity(0, {min(cpus)})
    try:
        read_sup_parse(files[:3])  # imports and compiled patterns
        speeds: dict[str, list[float]] = {name: [] for name in readers}
        pages = 0
        for _ in range(ROUNDS):
            for name, read in readers.items():
                start = time.perf_counter()
                pages = read(files)
                speeds[name].append(pages / (time.perf_counter() - start))
    finally:
        if cpus:
            os.sched_setaffinity(0, cpus)
    median = {name: statistics.median(v) for name, v in speeds.items()}
    base, ours = median["pdfplumber extract_text"], median["sup-parse (pdfium backend)"]
    print(f"text layer: {len(files)} PDFs, {pages} pages (bulk corpus), one CPU, median of {ROUNDS} rounds")
    print(f"  {'reader':40} {'pages/s':>8} {'÷ extract_text':>15} {'÷ sup-parse':>12}")
    for name, pps in median.items():
        print(f"  {name:40} {pps:8.1f} {pps / base:14.2f}× {pps / ours:11.2f}×")
    return base


# --- 2. batch ----------------------------------------------------------------------------

def bench_batch() -> None:
    """``batch`` with 1 worker and with all cores: over the bulk corpus once (two seconds
    of work, so each worker's start-up, about 0.3 s of imports and pattern compiling,
    weighs on the ratio), and over four copies of it (steady state, as in an archive's
    long run)."""
    import shutil

    from sup_parse.batch import batch

    cores = os.cpu_count() or 1
    work = Path(tempfile.mkdtemp(prefix="sup-parse-bench-"))
    try:
        for copy in range(4):
            shutil.copytree(BULK, work / "in" / f"copy-{copy}")
        for label, inputs in (("bulk corpus", [str(BULK)]), ("bulk corpus ×4", [str(work / "in")])):
            speeds = {}
            for workers in sorted({1, cores}):
                out = work / f"out-{workers}-{len(inputs[0])}"
                start = time.perf_counter()
                pages = sum(r.pages or 0 for r in batch(inputs, out, workers=workers, ocr="never"))
                speeds[workers] = pages / (time.perf_counter() - start)
                shutil.rmtree(out, ignore_errors=True)
            line = ", ".join(f"{w} worker{'s' if w > 1 else ''} {pps:.1f} pages/s" for w, pps in speeds.items())
            ratio = f"; speed-up {speeds[cores] / speeds[1]:.2f}×" if len(speeds) == 2 else ""
            print(f"batch, {label} ({pages} pages): {line}{ratio}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- 3. memory and time with length ------------------------------------------------------

def _one_process(pdf: Path) -> tuple[float, float]:
    """Peak resident memory (MB) and seconds of one process parsing ``pdf``."""
    # VmHWM, not ru_maxrss: the latter survives exec, so a child forked from a big parent
    # reports the parent's size
    code = ("import re, sys, time; from sup_parse.batch import convert_file; "
            "t = time.perf_counter(); r = convert_file(sys.argv[1]); s = time.perf_counter() - t; "
            "assert r.status != 'failed', r.error; "
            "print(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1), s)")
    out = subprocess.run([sys.executable, "-c", code, str(pdf)], capture_output=True, text=True, check=True,
                         cwd=ROOT).stdout.split()
    return int(out[-2]) / 1024, float(out[-1])


def bench_length() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    from make_long_protocol import make

    measured = {}
    for pages in (100, 2000):
        pdf = ROOT / "build" / f"long-protocol-{pages}.pdf"
        if not pdf.exists():
            pdf.parent.mkdir(parents=True, exist_ok=True)
            make(pdf, pages)
        measured[pages] = _one_process(pdf)
        mb, seconds = measured[pages]
        print(f"generated protokoll, {pages:5} pages: peak {mb:6.1f} MB, {seconds / pages * 1000:5.1f} ms per page")
    (small_mb, small_s), (big_mb, big_s) = measured[100], measured[2000]
    print(f"memory growth: {(big_mb - small_mb) * 1024 / 1900:.1f} KB per page; "
          f"time per page at 2,000 pages ÷ at 100: {(big_s / 2000) / (small_s / 100):.2f}")


# --- 4. growth of the text stages --------------------------------------------------------

def bench_growth() -> None:
    from sup_parse import parse
    from sup_parse.normalize import join_lines

    line = "Förvaltningen föreslår att nämnden beslutar om en ny taxa för bygg-"
    sizes = (20, 200, 2000, 20000)
    join_lines([line, line])  # warm the vocabulary
    per_line = []
    for n in sizes:
        lines = [line] * n
        start = time.perf_counter()
        join_lines(lines)
        per_line.append((time.perf_counter() - start) / n)
    print("join_lines time per line ÷ at 20 lines: " + ", ".join(
        f"{n} lines {t / per_line[0]:.2f}" for n, t in zip(sizes, per_line, strict=True)))

    head = "Kommunstyrelsen\nProtokoll\nSammanträdesdatum 2026-06-01\n\n§ 1 Dnr KS 2026.001\n\nTaxa\n\nÄrendebeskrivning\n"
    wrapped = "Förvaltningen föreslår att nämnden beslutar om en ny taxa för bygglov som gäller från"
    tail = "\n\nBeslut\nKommunstyrelsen beslutar att anta taxan.\n"
    parse(head + wrapped + tail)
    seconds = {}
    for n in (500, 5000):
        start = time.perf_counter()
        parse(head + "\n".join([wrapped] * n) + tail)
        seconds[n] = time.perf_counter() - start
    print(f"one § of wrapped lines: 500 lines {seconds[500]:.2f} s, 5,000 lines {seconds[5000]:.2f} s, "
          f"ratio {seconds[5000] / seconds[500]:.1f} (linear: 10)")


# --- 5. OCR ------------------------------------------------------------------------------

def bench_ocr() -> None:
    import shutil
    from concurrent.futures import ThreadPoolExecutor

    if shutil.which("tesseract") is None:
        print("OCR: tesseract not installed (make system-deps)")
        return
    import pypdfium2 as pdfium

    sys.path.insert(0, str(ROOT / "samples"))
    from make_scans import scan_pdf

    from sup_parse import parse

    scan = ROOT / "build" / "scans" / "bench-seed-300dpi.pdf"
    if not scan.exists():
        scan_pdf(ROOT / "samples" / "tyreso-klu-2019-08-07-p60-utdrag.pdf", scan, dpi=300)
    images = Path(tempfile.mkdtemp(prefix="sup-parse-bench-ocr-"))
    pdf = pdfium.PdfDocument(scan)
    files = []
    for i in range(len(pdf)):
        f = images / f"page-{i + 1}.pgm"
        pdf[i].render(scale=300 / 72, grayscale=True).to_pil().save(f)
        files.append(f)
    pdf.close()
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def bare(f: Path) -> None:
        subprocess.run(["tesseract", str(f), "stdout", "-l", "swe", "--dpi", "300", "--psm", "11", "tsv"],
                       capture_output=True, env=env, check=True)

    cores = os.cpu_count() or 1
    try:
        for workers in sorted({1, cores}):
            start = time.perf_counter()
            with ThreadPoolExecutor(workers) as pool:
                list(pool.map(bare, files))
            bare_s = (time.perf_counter() - start) / len(files)
            start = time.perf_counter()
            parse(scan, ocr="always", workers=workers)
            ours = (time.perf_counter() - start) / len(files)
            print(f"OCR, {workers} worker{'s' if workers > 1 else ' '}: sup-parse {ours:5.2f} s per page, bare tesseract "
                  f"{bare_s:5.2f} s, ratio {ours / bare_s:.2f} ({len(files)} pages, 300 dpi)")
    finally:
        shutil.rmtree(images, ignore_errors=True)


# --- 6. start-up -------------------------------------------------------------------------

def bench_startup() -> None:
    exe = Path(sys.executable).with_name("sup-parse")
    cmd = [str(exe), "--version"] if exe.exists() else [sys.executable, "-m", "sup_parse", "--version"]
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    print(f"sup-parse --version start-up: {statistics.median(times):.2f} s (median of 5)")


def main() -> int:
    files = _files()
    if not files:
        print("no PDFs in ../shared/corpus/bulk", file=sys.stderr)
        return 1
    bench_text_layer(files)
    bench_batch()
    bench_length()
    bench_growth()
    bench_ocr()
    bench_startup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
