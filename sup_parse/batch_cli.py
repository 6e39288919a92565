"""The terminal side of ``sup-parse batch``: progress, signals, the summary, exit codes.

A rich progress bar on a terminal; a plain line every few seconds otherwise (CI logs);
nothing with ``--quiet``.  SIGINT and SIGTERM stop the run cleanly: running files are
abandoned (never half-written), the manifest holds every finished file, and
``--resume`` carries on.
"""

from __future__ import annotations

import signal
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from .batch import FileResult, batch, collect_inputs, out_dir_problem

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
LOG_EVERY = 10.0  # seconds between plain progress lines


def run_batch(inputs: list[str], out_dir: Path, *, quiet: bool = False, allow_failures: bool = False,
              **options: Any) -> int:
    try:
        total = len(collect_inputs(inputs))
    except ValueError as exc:
        print(f"sup-parse: error: {exc}; check the inputs", file=sys.stderr)
        return EXIT_USAGE
    problem = out_dir_problem(out_dir)
    if problem:
        print(f"sup-parse: error: {problem}", file=sys.stderr)
        return EXIT_USAGE

    stopping: list[int] = []

    def on_signal(signum: int, _frame: Any) -> None:
        stopping.append(signum)

    old = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    counts: Counter[str] = Counter()
    pages = 0
    failures: list[FileResult] = []
    start = time.monotonic()
    progress = None if quiet or not sys.stderr.isatty() else _Progress(total)
    last_log = start
    try:
        for r in batch(inputs, out_dir, stop=lambda: bool(stopping), **options):
            # every input counts by its status, a skipped one too (a file that failed in an
            # earlier run and would fail again is still a failure of the batch)
            counts[r.status] += 1
            counts["skipped"] += r.skipped
            pages += 0 if r.skipped else (r.pages or 0)
            if r.status == "failed":
                failures.append(r)
            done = counts["ok"] + counts["warnings"] + counts["failed"]
            if progress:
                progress.update(done, pages, len(failures), time.monotonic() - start)
            elif not quiet and (time.monotonic() - last_log >= LOG_EVERY or done == total):
                last_log = time.monotonic()
                print(_line(done, total, pages, len(failures), time.monotonic() - start), file=sys.stderr, flush=True)
    finally:
        if progress:
            progress.close()
        for s, h in old.items():
            signal.signal(s, h)
    if not quiet:
        _summary(counts, pages, failures, time.monotonic() - start, out_dir, interrupted=bool(stopping))
    if stopping:
        return EXIT_INTERRUPTED
    return EXIT_FAILURES if failures and not allow_failures else EXIT_OK


def _line(done: int, total: int, pages: int, failed: int, seconds: float) -> str:
    rate = pages / seconds if seconds > 0 else 0.0
    eta = (seconds / done) * (total - done) if done else 0.0
    return (f"batch: {done}/{total} files, {pages} pages, {rate:.1f} pages/s, "
            f"{failed} failed, ETA {time.strftime('%H:%M:%S', time.gmtime(eta))}")


class _Progress:
    def __init__(self, total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[pages]} pages · {task.fields[rate]} pages/s · [red]{task.fields[failed]} failed"),
            TimeRemainingColumn(), transient=False,
        )
        self.progress.start()
        self.task = self.progress.add_task("batch", total=total, pages=0, rate="0.0", failed=0)

    def update(self, done: int, pages: int, failed: int, seconds: float) -> None:
        rate = f"{pages / seconds:.1f}" if seconds > 0 else "0.0"
        self.progress.update(self.task, completed=done, pages=pages, rate=rate, failed=failed)

    def close(self) -> None:
        self.progress.stop()


def _summary(counts: Counter[str], pages: int, failures: list[FileResult], seconds: float, out_dir: Path,
             *, interrupted: bool) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(stderr=True, soft_wrap=True)  # a path is never wrapped, in a terminal or a log
    table = Table(title="sup-parse batch" + (" (interrupted: --resume carries on)" if interrupted else ""))
    for col in ("ok", "warnings", "failed", "of these done before", "pages", "seconds"):
        table.add_column(col, justify="right")
    table.add_row(str(counts["ok"]), str(counts["warnings"]), str(counts["failed"]), str(counts["skipped"]),
                  str(pages), f"{seconds:.1f}")
    console.print(table)
    for r in failures[:20]:
        console.print(f"[red]failed[/red] {escape(r.path)}: {r.error_code}: {escape(r.error or '')}", highlight=False)
    if len(failures) > 20:
        console.print(f"… and {len(failures) - 20} more; see {out_dir / 'manifest.jsonl'}")
