"""``make bench``: sup-parse's speed relative to pdfplumber's bare ``extract_text``, and
seconds per OCR'd page with one and with all cores.

Both text-layer runs happen in this process on the same PDFs (``../shared/corpus/bulk``
and ``real``, OCR off so that both read the same text layers), so the ratio is what
matters, not the absolute seconds, which depend on the machine.  The OCR run reads a
scanned variant of the seed sample (``samples/make_scans.py``, 300 dpi).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _files() -> list[Path]:
    corpus = ROOT.parent / "shared" / "corpus"
    files = sorted((corpus / "bulk").glob("*.pdf")) + sorted((corpus / "real").glob("*.pdf"))
    return [f for f in files if f.read_bytes()[:1024].find(b"%PDF-") != -1]


def bench_pdfplumber(files: list[Path]) -> tuple[int, float]:
    import pdfplumber

    pages = 0
    start = time.perf_counter()
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return pages, time.perf_counter() - start


def bench_sup_parse(files: list[Path]) -> tuple[int, float]:
    from sup_parse import parse
    from sup_parse.errors import SupParseError

    pages = 0
    start = time.perf_counter()
    for f in files:
        try:
            doc = parse(f, ocr="never")
            pages += doc.source.pages or 0  # type: ignore[union-attr]
        except SupParseError:
            import pdfplumber

            with pdfplumber.open(f) as pdf:
                pages += len(pdf.pages)
    return pages, time.perf_counter() - start


def bench_ocr() -> None:
    import os

    sys.path.insert(0, str(ROOT / "samples"))
    from make_scans import scan_pdf

    from sup_parse import parse

    scan = ROOT / "build" / "scans" / "bench-seed-300dpi.pdf"
    if not scan.exists():
        scan_pdf(ROOT / "samples" / "tyreso-klu-2019-08-07-p60-utdrag.pdf", scan, dpi=300)
    cores = os.cpu_count() or 1
    results = []
    for workers in sorted({1, cores}):
        start = time.perf_counter()
        doc = parse(scan, ocr="always", workers=workers)
        seconds = time.perf_counter() - start
        pages = doc.source.pages or 1  # type: ignore[union-attr]
        results.append((workers, seconds / pages))
        print(f"OCR, {workers} worker{'s' if workers > 1 else ' '} : {seconds / pages:6.2f} s per page ({pages} pages, 300 dpi)")
    if len(results) == 2:
        print(f"OCR speed-up with {cores} workers: {results[0][1] / results[1][1]:.2f}×")


def bench_batch(base_pps: float) -> None:
    """The bulk corpus through ``batch`` with 1 worker and with all cores."""
    import os
    import shutil
    import tempfile

    from sup_parse.batch import batch

    bulk = ROOT.parent / "shared" / "corpus" / "bulk"
    cores = os.cpu_count() or 1
    speeds = {}
    for workers in sorted({1, cores}):
        out = Path(tempfile.mkdtemp(prefix="sup-parse-bench-"))
        try:
            start = time.perf_counter()
            pages = sum(r.pages or 0 for r in batch([str(bulk)], out, workers=workers, ocr="never"))
            seconds = time.perf_counter() - start
        finally:
            shutil.rmtree(out, ignore_errors=True)
        speeds[workers] = pages / seconds
        print(f"batch, {workers} worker{'s' if workers > 1 else ' '}: {pages / seconds:7.1f} pages/s "
              f"({pages} pages, {seconds:.1f} s; {pages / seconds / base_pps:.2f}× extract_text's speed)")
    if len(speeds) == 2:
        print(f"batch speed-up with {cores} workers: {speeds[cores] / speeds[1]:.2f}×")


def _peak_mb(pdf: Path) -> float:
    """Peak resident memory of one worker process parsing ``pdf``."""
    import subprocess

    code = ("import resource, sys; from sup_parse.batch import convert_file; "
            "r = convert_file(sys.argv[1]); assert r.status != 'failed', r.error; "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, str(pdf)], capture_output=True, text=True, check=True,
                         cwd=ROOT).stdout
    return int(out.split()[-1]) / 1024


def bench_memory() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    from make_long_protocol import make

    for pages in (101, 501):
        pdf = ROOT / "build" / f"long-protocol-{pages}.pdf"
        if not pdf.exists():
            pdf.parent.mkdir(parents=True, exist_ok=True)
            make(pdf, pages)
        print(f"peak memory of a worker, {pages}-page protokoll: {_peak_mb(pdf):6.0f} MB")


def bench_startup() -> None:
    import statistics
    import subprocess

    exe = Path(sys.executable).with_name("sup-parse")
    cmd = [str(exe), "--version"] if exe.exists() else [sys.executable, "-m", "sup_parse", "--version"]
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    print(f"sup-parse --version start-up: {statistics.median(times):.2f} s (median of 5)")


def bench_growth() -> None:
    """Time per line of the text stages at 10×, 100× and 1,000× input: a flat column means
    linear growth (the figures are ratios to the smallest size, measured in this process)."""
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
    print("join_lines time per line vs 20 lines: " + ", ".join(
        f"{n} lines {t / per_line[0]:.2f}×" for n, t in zip(sizes, per_line, strict=True)))


def main() -> int:
    files = _files()
    if not files:
        print("no PDFs in ../shared/corpus", file=sys.stderr)
        return 1
    bench_sup_parse(files[:2])  # warm imports and caches
    base_pages, base_s = bench_pdfplumber(files)
    our_pages, our_s = bench_sup_parse(files)
    base_pps = base_pages / base_s
    our_pps = our_pages / our_s
    print(f"files: {len(files)}, pages: {base_pages}")
    print(f"pdfplumber extract_text : {base_pps:7.1f} pages/s ({base_s:.1f} s)")
    print(f"sup-parse               : {our_pps:7.1f} pages/s ({our_s:.1f} s)")
    print(f"ratio sup-parse / extract_text: {our_pps / base_pps:.2f}  (sup-parse takes {our_s / base_s:.2f}× the time)")
    bench_batch(base_pps)
    bench_memory()
    bench_startup()
    bench_growth()
    bench_ocr()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
