"""Batch conversion: many inputs, separate worker processes, a manifest of everything.

``convert_file(path, options)`` is the unit of work: a plain, picklable function that
parses one file and returns a :class:`FileResult` (the JSON text or the error).  It
touches no shared state, so any engine can map it over files (Dask, Ray, Spark, a
``multiprocessing.Pool``).  :func:`batch` runs it in a pool of worker processes of its
own, which adds what archives need around it:

- a per-file time limit and a memory limit per worker; a worker that hangs, runs out of
  memory or crashes is replaced and only its file is marked failed;
- outputs written to a temporary file and renamed, so no JSON is ever partial; an
  existing output that differs is not overwritten unless asked;
- ``OUTDIR/manifest.jsonl``: one record per input as it finishes, flushed at once, so an
  interrupted run loses nothing and ``resume`` skips what is done.
"""

from __future__ import annotations

import glob
import hashlib
import json
import multiprocessing as mp
import os
import signal
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from ._version import __version__
from .limits import Limits

MANIFEST = "manifest.jsonl"
# failures that may not happen again: a resumed run tries these files once more
RETRIED = {"timeout", "crashed", "memory", "memory-limit", "time-limit", "internal", "output-exists", "not-found", "not-a-file"}
INPUT_SUFFIXES = {".pdf", ".txt", ".md"}


# In a batch, one file's pages go to at most this many Tesseracts at once (each page
# waiting for one is held rendered, about 9 MB at 300 dpi).
OCR_FANOUT = 4


@dataclass(frozen=True)
class BatchOptions:
    """How each file is converted (picklable, passed to every worker)."""

    ocr: str = "auto"
    compact: bool = False
    ocr_workers: int = 1  # OCR processes per file: the batch's own workers share the cores
    ocr_slots: Any = None  # sources.ocr.Slots shared by the workers (then ocr_workers may be all of them)
    vocabulary: tuple[Any, ...] = ()  # extra vocabulary files or tables (ParseOptions.vocabulary)
    pdf_backend: str = "pdfium"  # ParseOptions.pdf_backend
    ocr_max_pixels: int | None = None  # ParseOptions.ocr_max_pixels
    limits: Limits = field(default_factory=Limits)  # ParseOptions.limits
    # Parse in a guarded child (sup_parse.guard): memory and time per page bounded, a slow
    # page skipped.  Turn it off where forking is unwelcome (a threaded Dask worker).
    isolated: bool = True


@dataclass
class FileResult:
    """What became of one input.  ``json`` holds the Document when it parsed."""

    path: str
    sha256: str | None = None
    status: str = "failed"  # ok | warnings | failed
    error_code: str | None = None
    error: str | None = None
    pages: int | None = None
    seconds: float = 0.0
    output: str | None = None
    version: str = __version__
    json: str | None = field(default=None, repr=False)
    skipped: bool = False  # done in an earlier run (resume): nothing was redone

    def record(self) -> dict[str, Any]:
        """The manifest line (everything but the JSON itself)."""
        out = asdict(self)
        out.pop("json")
        out.pop("skipped")
        return out


def convert_file(path: str, options: BatchOptions | None = None) -> FileResult:
    """Parse one file; never raises for bad input (the result says why it failed)."""
    from .errors import SupParseError
    from .guard import can_guard, run_guarded

    options = options or BatchOptions()
    start = time.perf_counter()
    result = FileResult(path=path)
    try:
        data = Path(path).read_bytes()
        result.sha256 = hashlib.sha256(data).hexdigest()
        if options.isolated and can_guard():
            converted = run_guarded(lambda skip: _convert(data, path, options, skip), options.limits, path)
        else:
            converted = _convert(data, path, options, frozenset())
        result.json, result.pages, warned = converted
        result.status = "warnings" if warned else "ok"
    except SupParseError as exc:
        result.error_code = exc.exit_code.name.lower().replace("_", "-")
        result.error = exc.message
    except OSError as exc:
        result.error_code = "not-found" if isinstance(exc, FileNotFoundError) else "not-a-file"
        result.error = f"cannot read the file ({exc.strerror})"
    except MemoryError:
        result.error_code = "memory"
        result.error = "ran out of memory (the worker's limit); parse it alone with more memory"
    except Exception as exc:  # a bug in the parser: this file fails, the batch goes on
        result.error_code = "internal"
        result.error = f"internal error: {type(exc).__name__}: {exc}"
    result.seconds = round(time.perf_counter() - start, 3)
    return result


def _convert(data: bytes, path: str, options: BatchOptions, skip: frozenset[int]) -> tuple[str, int | None, bool]:
    """The Document's JSON text, its page count and whether it carries warnings."""
    from .pipeline import ParseOptions, run_stages

    st = run_stages(data, path=path, options=ParseOptions(ocr=options.ocr, workers=options.ocr_workers,
                                                          ocr_slots=options.ocr_slots, vocabulary=options.vocabulary,
                                                          pdf_backend=options.pdf_backend,
                                                          ocr_max_pixels=options.ocr_max_pixels,
                                                          limits=options.limits, skip_pages=skip))
    doc = st.document
    assert doc is not None
    del st  # the pages' lines are not needed for the JSON: free them first
    return (doc.model_dump_json(indent=None if options.compact else 2) + "\n",
            doc.source.pages if doc.source else None, bool(doc.warnings))


# --- inputs and their output names ------------------------------------------------------

def collect_inputs(inputs: Iterable[str]) -> list[tuple[Path, Path]]:
    """(input file, path relative to its root) for files, directories (recursive) and
    globs, in a stable order without duplicates.  Raises ValueError for an input that
    names nothing."""
    found: dict[Path, Path] = {}
    for raw in inputs:
        p = Path(raw)
        if any(ch in raw for ch in "*?["):
            root = _glob_root(raw)
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True))
            files = [m for m in matches if m.is_file()]
            if not files:
                raise ValueError(f"{raw}: the pattern matches no file")
            for f in files:
                found.setdefault(f.resolve(), f.relative_to(root) if _within(f, root) else Path(f.name))
        elif p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES)
            for f in files:
                found.setdefault(f.resolve(), f.relative_to(p))
        elif p.is_file():
            found.setdefault(p.resolve(), Path(p.name))
        else:
            raise ValueError(f"{raw}: no such file or folder")
    return sorted(((path, rel) for path, rel in found.items()), key=lambda x: str(x[1]))


def _glob_root(pattern: str) -> Path:
    parts = Path(pattern).parts
    root: list[str] = []
    for part in parts:
        if any(ch in part for ch in "*?["):
            break
        root.append(part)
    return Path(*root) if root else Path(".")


def _within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def output_names(rels: list[Path]) -> list[Path]:
    """Output paths (relative) for inputs: "a/b.pdf" → "a/b.json"; inputs that would share
    a name keep their extension ("b.pdf.json", "b.txt.json"), and any left sharing one get
    a number, so every input keeps its own output."""
    plain = [rel.with_suffix(".json") for rel in rels]
    counts: dict[Path, int] = {}
    for p in plain:
        counts[p] = counts.get(p, 0) + 1
    names = [rel.with_name(rel.name + ".json") if counts[p] > 1 else p for rel, p in zip(rels, plain, strict=True)]
    seen: dict[Path, int] = {}
    out = []
    for n in names:
        k = seen.get(n, 0)
        seen[n] = k + 1
        out.append(n if k == 0 else n.with_name(f"{n.stem}~{k + 1}{n.suffix}"))
    return out


# --- writing --------------------------------------------------------------------------

def write_output(path: Path, text: str, *, overwrite: bool) -> str | None:
    """Write atomically; returns an error message instead when an existing, different
    output is in the way and ``overwrite`` is off (an identical one is left as is)."""
    if path.exists() and not overwrite:
        try:
            if path.read_text(encoding="utf-8") == text:
                return None
        except OSError:
            pass
        return f"{path} exists and differs; pass --overwrite to replace it"
    from .outfiles import not_a_regular_file, replace_atomically

    path.parent.mkdir(parents=True, exist_ok=True)
    if not_a_regular_file(path):
        return f"{path} is not a regular file (a link, a pipe or a folder); remove it"
    data = text.encode("utf-8")
    replace_atomically(path, lambda fh: fh.write(data))
    return None


def _record_line(record: dict[str, Any]) -> str:
    """One manifest line.  A file name that is not UTF-8 (lone surrogates in Python) is
    written with JSON's \\u escapes, which read back to the same name: resume finds it."""
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record)
    return line + "\n"


class Manifest:
    """``manifest.jsonl``: appended one line per finished input, flushed at once; one
    record per input at rest (the last wins), compacted when a run opens and closes it."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / MANIFEST
        self.done = self._read()
        self._compact()
        self._fh = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - kept open for the run

    def _read(self) -> dict[str, dict[str, Any]]:
        done: dict[str, dict[str, Any]] = {}
        if self.path.exists():
            with open(self.path, encoding="utf-8") as fh:
                for line in fh:
                    try:
                        rec = json.loads(line)
                    except json.JSONDecodeError:
                        continue  # a line cut by a crash: that input is simply done again
                    done.pop(rec.get("path", ""), None)  # the last record of an input wins, in its place
                    done[rec.get("path", "")] = rec
        return done

    def _compact(self) -> None:
        """Rewrite the file with one record per input, when a rerun or a crash left more."""
        if not self.path.exists():
            return
        with open(self.path, encoding="utf-8") as fh:
            lines = sum(1 for _ in fh)
        if lines == len(self.done):
            return
        from .outfiles import replace_atomically

        text = "".join(_record_line(rec) for rec in self.done.values())
        replace_atomically(self.path, lambda fh: fh.write(text.encode("utf-8")))

    def finished(self, path: str, sha256: str | None) -> bool:
        """Done before with this parser version and these bytes: converted (and the output
        still there), or failed for a reason in the file itself, which would fail again.
        Time-outs, crashes and lack of memory are tried again."""
        rec = self.done.get(path)
        if not rec or rec.get("sha256") != sha256 or rec.get("version") != __version__:
            return False
        if rec.get("status") in {"ok", "warnings"}:
            return bool(rec.get("output")) and Path(rec["output"]).exists()
        return rec.get("error_code") not in RETRIED

    def add(self, result: FileResult) -> None:
        self._fh.write(_record_line(result.record()))
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        self._fh.close()
        self.done = self._read()
        self._compact()


# --- the worker pool ----------------------------------------------------------------------

def _worker_main(conn: Any, options: BatchOptions, memory_mb: int | None) -> None:
    from .errors import quiet_pdf_libraries

    quiet_pdf_libraries()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the coordinator stops the batch
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if memory_mb:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        conn.send(convert_file(task, options))


@dataclass
class _Worker:
    process: Any
    conn: Any
    task: str | None = None
    started: float = 0.0


class _Pool:
    def __init__(self, size: int, options: BatchOptions, memory_mb: int | None) -> None:
        self.ctx = mp.get_context("spawn")
        self.options = options
        self.memory_mb = memory_mb
        self.workers = [self._start() for _ in range(size)]

    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker_main, args=(child, self.options, self.memory_mb), daemon=True)
        proc.start()
        child.close()
        return _Worker(process=proc, conn=parent)

    def replace(self, w: _Worker) -> None:
        self.kill(w)
        fresh = self._start()
        w.process, w.conn, w.task = fresh.process, fresh.conn, None

    @staticmethod
    def kill(w: _Worker) -> None:
        if w.process.is_alive():
            w.process.kill()
        w.process.join(timeout=5)
        w.conn.close()

    def close(self) -> None:
        for w in self.workers:
            if w.task is None and w.process.is_alive():
                try:
                    w.conn.send(None)
                except OSError:
                    pass
        for w in self.workers:
            w.process.join(timeout=2)
            if w.process.is_alive():
                self.kill(w)


def out_dir_problem(out: Path) -> str | None:
    """Why ``out`` cannot be the output folder (None: it can, or will be made)."""
    if out.is_symlink() and not out.exists():
        return f"{out} is a link to nothing ({os.readlink(out)}); make its target folder or pass another folder with -o"
    if out.exists() and not out.is_dir():
        return f"{out} is not a folder; pass a folder with -o"
    return None


def batch(
    inputs: Iterable[str],
    out_dir: str | os.PathLike[str],
    *,
    workers: int | None = None,
    timeout: float = 600.0,
    memory_mb: int | None = None,
    ocr: str = "auto",
    compact: bool = False,
    resume: bool = False,
    overwrite: bool = False,
    vocabulary: tuple[Any, ...] = (),
    pdf_backend: str = "pdfium",
    ocr_max_pixels: int | None = None,
    limits: Limits | None = None,
    isolated: bool = True,
    stop: Any = None,
) -> Iterator[FileResult]:
    """Convert ``inputs`` (files, folders, globs) into ``out_dir``; yield each result as it
    finishes (skipped ones first, with status as recorded).  ``stop``: a callable that
    returns True to end the run early (running files are abandoned, never half-written).
    ``limits``: what one parse may cost (sup_parse/limits.py); ``memory_mb``, when given,
    replaces its memory limit.  ``isolated``: each parse in a guarded child process
    (sup_parse/guard.py), else the worker itself carries the memory limit.
    """
    from .guard import can_guard

    limits = limits or Limits()
    if memory_mb:
        limits = replace(limits, memory_mb=memory_mb)
    guarded = isolated and can_guard()
    out = Path(out_dir)
    problem = out_dir_problem(out)
    if problem:
        raise ValueError(problem)
    out.mkdir(parents=True, exist_ok=True)
    pairs = collect_inputs(inputs)
    names = output_names([rel for _, rel in pairs])
    manifest = Manifest(out)
    queue: list[tuple[str, Path]] = []
    try:
        for (path, _rel), name in zip(pairs, names, strict=True):
            shown = str(path)
            if resume and shown in manifest.done:
                sha = hashlib.sha256(path.read_bytes()).hexdigest()
                if manifest.finished(shown, sha):
                    rec = dict(manifest.done[shown])
                    rec.pop("json", None)
                    yield FileResult(**{k: v for k, v in rec.items() if k in FileResult.__dataclass_fields__},
                                     json=None, skipped=True)
                    continue
            queue.append((shown, out / name))
        options = BatchOptions(ocr=ocr, compact=compact, vocabulary=tuple(vocabulary), pdf_backend=pdf_backend,
                               ocr_max_pixels=ocr_max_pixels, limits=limits, isolated=guarded)
        # a guarded parse limits its own memory; the worker only waits for it
        yield from _run_pool(queue, manifest, workers or os.cpu_count() or 1, timeout,
                             None if guarded else limits.memory_mb, options, overwrite, stop)
    finally:
        manifest.close()


def _run_pool(queue: list[tuple[str, Path]], manifest: Manifest, size: int, timeout: float,
              memory_mb: int | None, options: BatchOptions, overwrite: bool, stop: Any) -> Iterator[FileResult]:
    if not queue:
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="sup-parse-ocr-slots-") as slots_dir:
        if options.ocr != "never":
            # one Tesseract per worker at most, shared: a scanned file alone at the end of
            # the batch is read on every core the finished workers have left
            from .sources.ocr import Slots

            options = replace(options, ocr_workers=min(size, OCR_FANOUT), ocr_slots=Slots(slots_dir, size))
        yield from _pool_results(queue, manifest, size, timeout, memory_mb, options, overwrite, stop)


def _pool_results(queue: list[tuple[str, Path]], manifest: Manifest, size: int, timeout: float,
                  memory_mb: int | None, options: BatchOptions, overwrite: bool, stop: Any) -> Iterator[FileResult]:
    from multiprocessing.connection import wait

    pool = _Pool(min(size, len(queue)), options, memory_mb)
    targets = dict(queue)
    pending = [p for p, _ in queue]
    try:
        def give(w: _Worker) -> None:
            if w.task is None and pending:
                w.task, w.started = pending.pop(0), time.monotonic()
                w.conn.send(w.task)

        while pending or any(w.task for w in pool.workers):
            if stop is not None and stop():
                return
            for w in pool.workers:
                give(w)
            busy = [w for w in pool.workers if w.task]
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=0.2)
            now = time.monotonic()
            for w in busy:
                task = w.task
                assert task is not None
                result: FileResult | None = None
                if w.conn in ready:
                    try:
                        result = w.conn.recv()
                    except (EOFError, OSError):
                        result = None
                if result is None and (w.process.sentinel in ready or not w.process.is_alive()):
                    code = w.process.exitcode
                    why = f"the worker died (signal {-code})" if code and code < 0 else f"the worker exited ({code})"
                    result = _failed(task, "crashed", why + "; the file may exhaust memory or crash the PDF library",
                                     now - w.started)
                    pool.replace(w)
                elif result is None and now - w.started > timeout:
                    result = _failed(task, "timeout", f"took longer than {timeout:g} s; stopped "
                                     "(raise --timeout for very long documents)", now - w.started)
                    pool.replace(w)
                if result is None:
                    continue
                w.task = None
                if stop is None or not stop():
                    give(w)  # the worker parses the next file while this one is written
                result = _finish(result, targets[task], overwrite)
                manifest.add(result)
                yield result
    finally:
        for w in pool.workers:
            if w.task is not None:
                pool.kill(w)  # abandoned mid-file: nothing of it is written
                w.task = None
        pool.close()


def _failed(path: str, code: str, message: str, seconds: float) -> FileResult:
    sha = None
    try:
        sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        pass
    return FileResult(path=path, sha256=sha, status="failed", error_code=code, error=message, seconds=round(seconds, 3))


def _finish(result: FileResult, target: Path, overwrite: bool) -> FileResult:
    if result.json is not None:
        problem = write_output(target, result.json, overwrite=overwrite)
        if problem:
            result.status, result.error_code, result.error = "failed", "output-exists", problem
        else:
            result.output = str(target)
        result.json = None
    return result
