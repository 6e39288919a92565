"""The fuzz harness: hostile and broken inputs through the command line, every resource
measured.  `make fuzz` runs it in full; the test suite runs a fixed subset
(tests/test_fuzz.py).

    python tools/fuzz.py                      # 1,000 mutants, the adversarial classes, the growth table
    python tools/fuzz.py --mutants 100 --no-growth --seed 7
    python tools/fuzz.py --only adversarial

Three parts:
- **mutants**: PDFs derived from the samples and the real corpus (../shared/corpus/real,
  when present; files of at most 10 pages) by byte flips, truncation, a broken xref,
  damaged streams and objects, spliced bytes and absurd numbers, from a fixed seed;
- **adversarial**: the classes of tests/adversarial.py (bombs, CMap amplification, huge
  boxes, deep nesting, 10,000 pages, rotated pages, encryption, active content);
- **growth**: each shape of tests/text_patterns.py parsed at two sizes (100 KB and 1 MB),
  in process, with the exponent of the time's growth (1.0 is linear);
- **hypothesis**: the property tests for text (tests/test_properties.py, and the
  repeated fragments of tests/test_fuzz.py with a deadline per example) at
  ``--hypothesis N`` examples each, with the total of examples run.

Each PDF is parsed by ``python -m sup_parse FILE -o OUT`` in its own process, two at a
time; the table counts tracebacks, internal errors (exit 70), runs over 30 s, stderr
lines on failure and success, and the peak memory of the process tree (ru_maxrss of
the command, which includes its reaped children, measured by a small launcher).  Exit status 1 when any
bar is missed: a traceback, an internal error, a run over 30 s, more than 1 GB, or
more than one stderr line.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

SECONDS_BAR = 30.0
MEMORY_BAR_MB = 1024
KILL_AFTER = 120.0
MAX_SOURCE_PAGES = 10


@dataclass
class Run:
    name: str
    kind: str
    code: int
    seconds: float
    peak_mb: float
    stderr: str
    output: bool

    @property
    def traceback(self) -> bool:
        return "Traceback" in self.stderr

    @property
    def stderr_lines(self) -> int:
        return len(self.stderr.splitlines())

    def problems(self) -> list[str]:
        found = []
        if self.traceback:
            found.append("traceback")
        if self.code == 70:
            found.append("internal error")
        if self.seconds > SECONDS_BAR:
            found.append(f"{self.seconds:.0f} s")
        if self.peak_mb > MEMORY_BAR_MB:
            found.append(f"{self.peak_mb:.0f} MB")
        if self.code != 0 and self.stderr_lines != 1:
            found.append(f"{self.stderr_lines} stderr lines on failure")
        if self.code == 0 and self.stderr_lines:
            found.append("stderr on success")
        if self.code != 0 and self.output:
            found.append("output written on failure")
        return found


# --- running one input ----------------------------------------------------------------------

# A process's peak memory (ru_maxrss) starts from the peak of the process it was forked
# from, and this harness holds hundreds of MB (the bombs it built).  So each command is
# started by a small launcher: a fresh Python forks it, waits for it and its children
# (the guard's), and writes the peak of that tree, then exits with the command's status.
LAUNCHER = """
import os, resource, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
open(sys.argv[1], "w").write(str(usage.ru_maxrss))
os._exit(os.waitstatus_to_exitcode(status) & 0xFF if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
"""


def run_cli(data: bytes, name: str, kind: str, work: Path) -> Run:
    """``python -m sup_parse`` on ``data``; its time, exit code, stderr and peak memory."""
    import subprocess

    folder = Path(tempfile.mkdtemp(dir=work))
    src, out, err, peak = folder / "input.pdf", folder / "out.json", folder / "stderr", folder / "peak"
    src.write_bytes(data)
    env = dict(os.environ, PYTHONHASHSEED="0")
    command = [sys.executable, "-c", LAUNCHER, str(peak), sys.executable, "-m", "sup_parse", str(src), "-o", str(out),
               "--compact"]
    start = time.monotonic()
    with open(err, "wb") as stderr:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=env, start_new_session=True)
        try:
            code = proc.wait(timeout=KILL_AFTER)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            code = proc.wait()
    seconds = time.monotonic() - start
    peak_kb = float(peak.read_text()) if peak.exists() else 0.0
    run = Run(name, kind, code, seconds, peak_kb / 1024, err.read_text(encoding="utf-8", errors="replace"),
              out.exists())
    for f in (src, out, err, peak):
        f.unlink(missing_ok=True)
    folder.rmdir()
    return run


# --- mutants ------------------------------------------------------------------------------------

def sources(limit_pages: int = MAX_SOURCE_PAGES) -> list[tuple[str, bytes]]:
    """The PDFs mutants are made from: the samples, and the real corpus when present."""
    import pypdfium2 as pdfium

    found = []
    paths = sorted((ROOT / "samples").glob("*.pdf")) + sorted((ROOT.parent / "shared" / "corpus" / "real").glob("*.pdf"))
    for path in paths:
        data = path.read_bytes()
        try:
            pages = len(pdfium.PdfDocument(data))
        except Exception:
            continue
        if pages <= limit_pages:
            found.append((path.name, data))
    return found


_NUMBER = re.compile(rb"(/(?:Length|Count|Size|W|Width|Height|BitsPerComponent|Columns|N|First)\s+)(\d+)")
_OBJECT = re.compile(rb"\d+ \d+ obj\b")


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One mutant of ``data`` and the name of what was done to it."""
    how = rng.choice(["flip", "truncate", "xref", "stream", "object", "splice", "numbers", "flip"])
    b = bytearray(data)
    if how == "flip":
        for _ in range(rng.randint(1, 64)):
            b[rng.randrange(len(b))] = rng.randrange(256)
    elif how == "truncate":
        del b[rng.randint(len(b) // 10, len(b) - 1):]
    elif how == "xref":
        tail = max(0, len(b) - 4096)
        for m in list(re.finditer(rb"\d{4,10}", bytes(b[tail:])))[-rng.randint(1, 20):]:
            digits = str(rng.randrange(10 ** len(m.group()))).zfill(len(m.group())).encode()
            b[tail + m.start():tail + m.end()] = digits
    elif how == "stream":
        starts = [m.end() for m in re.finditer(rb"stream\r?\n", bytes(b))]
        if starts:
            at = rng.choice(starts) + rng.randrange(64)
            size = rng.randint(1, 512)
            b[at:at + size] = bytes(rng.randrange(256) for _ in range(size)) if rng.random() < 0.7 else b"\0" * size
    elif how == "object":
        objects = [m.start() for m in _OBJECT.finditer(bytes(b))]
        if len(objects) > 1:
            i = rng.randrange(len(objects) - 1)
            piece = bytes(b[objects[i]:objects[i + 1]])
            if rng.random() < 0.5:
                del b[objects[i]:objects[i + 1]]
            else:
                b[objects[i]:objects[i]] = piece * rng.randint(2, 50)
    elif how == "splice":
        at = rng.randrange(len(b))
        b[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 2048)))
    else:  # absurd numbers where lengths, counts and sizes stand
        matches = list(_NUMBER.finditer(bytes(b)))
        for m in reversed(rng.sample(matches, min(len(matches), rng.randint(1, 8)))):
            value = rng.choice([b"0", b"-1", b"4294967296", b"99999999999", b"2147483647", b"65536"])
            b[m.start(2):m.end(2)] = value
    return how, bytes(b)


def mutants(count: int, seed: int) -> Iterator[tuple[str, str, bytes]]:
    rng = random.Random(seed)
    base = sources()
    for i in range(count):
        name, data = base[i % len(base)]
        how, mutant = mutate(data, rng)
        yield f"{i:04d} {how} {name}", how, mutant


def adversarial(names: list[str] | None = None) -> Iterator[tuple[str, str, bytes]]:
    from adversarial import CASES

    for name, make in CASES.items():
        if names is None or name in names:
            yield name, name.split("-")[0], make()


# --- the growth table -------------------------------------------------------------------------------

@dataclass
class Growth:
    name: str
    seconds: list[float] = field(default_factory=list)

    def exponent(self, sizes: list[int]) -> float:
        a, b = (max(s, 1e-3) for s in self.seconds)
        return math.log(b / a) / math.log(sizes[1] / sizes[0])


def growth(sizes: list[int], names: list[str] | None = None) -> list[Growth]:
    """Each text shape at each size, parsed in this process (best of two at the small size)."""
    from text_patterns import PATTERNS

    import sup_parse
    from sup_parse.errors import SupParseError

    def timed(text: str) -> float:
        start = time.perf_counter()
        try:
            sup_parse.parse(text)
        except SupParseError:
            pass
        return time.perf_counter() - start

    timed(PATTERNS["wrapped prose"](10_000))  # warm: vocabulary, compiled patterns
    rows = []
    for name, make in PATTERNS.items():
        if names and name not in names:
            continue
        row = Growth(name)
        for k, size in enumerate(sizes):
            text = make(size)
            row.seconds.append(min(timed(text) for _ in range(2 if k == 0 else 1)))
        rows.append(row)
    return rows


def hypothesis(examples: int) -> tuple[bool, int, int]:
    """The text properties at ``examples`` each: (passed, examples run, properties)."""
    import subprocess

    env = dict(os.environ, SUP_PARSE_FUZZ_EXAMPLES=str(examples))
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics",
                           "tests/test_properties.py", "tests/test_fuzz.py::test_any_fragment_repeated_to_50_kb_parses_"
                           "within_the_deadline"], cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode:
        print(proc.stdout[-4000:], proc.stderr[-2000:])
    counts = [int(n) for n in re.findall(r"(\d+) passing(?: examples)?,", proc.stdout)]
    tests = len(re.findall(r"^tests/\S+::\S+:$", proc.stdout, re.MULTILINE))
    return proc.returncode == 0, sum(counts), tests


# --- the report -------------------------------------------------------------------------------------

def run_all(cases: Iterator[tuple[str, str, bytes]], jobs: int, work: Path,
            progress: Callable[[Run], None] | None = None) -> list[Run]:
    runs: list[Run] = []
    with ThreadPoolExecutor(jobs) as pool:
        for run in pool.map(lambda c: run_cli(c[2], c[0], c[1], work), cases):
            runs.append(run)
            if progress:
                progress(run)
    return runs


def table(runs: list[Run]) -> str:
    lines = ["| class | cases | tracebacks | internal (70) | over 30 s | slowest s | peak MB | >1 stderr line on failure | "
             "stderr on success | exit codes |", "|---|---|---|---|---|---|---|---|---|---|"]
    by_kind: dict[str, list[Run]] = {}
    for run in runs:
        by_kind.setdefault(run.kind, []).append(run)
    for kind, group in [*sorted(by_kind.items()), ("all", runs)]:
        codes = Counter(r.code for r in group)
        lines.append(
            f"| {kind} | {len(group)} | {sum(r.traceback for r in group)} | {sum(r.code == 70 for r in group)} | "
            f"{sum(r.seconds > SECONDS_BAR for r in group)} | {max(r.seconds for r in group):.1f} | "
            f"{max(r.peak_mb for r in group):.0f} | {sum(r.code != 0 and r.stderr_lines != 1 for r in group)} | "
            f"{sum(r.code == 0 and r.stderr_lines > 0 for r in group)} | "
            + ", ".join(f"{c}×{n}" for c, n in sorted(codes.items())) + " |")
    return "\n".join(lines)


def growth_table(rows: list[Growth], sizes: list[int], bar: float) -> str:
    head = " | ".join(f"{s // 1000} KB s" for s in sizes)
    lines = [f"| text shape | {head} | exponent |", "|---|" + "---|" * len(sizes) + "---|"]
    for row in sorted(rows, key=lambda r: -r.exponent(sizes)):
        e = row.exponent(sizes)
        lines.append(f"| {row.name} | " + " | ".join(f"{s:.2f}" for s in row.seconds)
                     + f" | {e:.2f}{' **over ' + format(bar, 'g') + '**' if e > bar else ''} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mutants", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", choices=["mutants", "adversarial", "growth", "hypothesis"])
    ap.add_argument("--hypothesis", type=int, default=1500, help="examples per text property (0: none)")
    ap.add_argument("--no-growth", action="store_true")
    ap.add_argument("--sizes", default="100000,1000000", help="the two text sizes of the growth table (bytes)")
    ap.add_argument("--bar", type=float, default=1.2, help="the largest growth exponent allowed")
    args = ap.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory(prefix="sup-parse-fuzz-") as tmp:
        work = Path(tmp)
        runs: list[Run] = []

        done = [0]

        def report(run: Run) -> None:
            done[0] += 1
            if done[0] % 100 == 0:
                print(f"  … {done[0]} run", flush=True)
            if run.problems():
                print(f"  {run.name}: exit {run.code}, {', '.join(run.problems())}: {run.stderr.strip()[:300]}",
                      flush=True)

        if args.only in (None, "mutants") and args.mutants:
            print(f"mutants: {args.mutants} from seed {args.seed}", flush=True)
            runs += run_all(mutants(args.mutants, args.seed), args.jobs, work, report)
        if args.only in (None, "adversarial"):
            print("adversarial classes", flush=True)
            runs += run_all(adversarial(), args.jobs, work, report)
        if runs:
            print(table(runs))
            failed = any(r.problems() for r in runs)
    if args.only in (None, "hypothesis") and args.hypothesis:
        ok, examples, tests = hypothesis(args.hypothesis)
        print(f"hypothesis: {examples:,} text examples over {tests} properties: {'passed' if ok else 'FAILED'}", flush=True)
        failed = failed or not ok
    if args.only in (None, "growth") and not args.no_growth:
        sizes = [int(s) for s in args.sizes.split(",")]
        rows = growth(sizes)
        print(growth_table(rows, sizes, args.bar))
        failed = failed or any(r.exponent(sizes) > args.bar for r in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())


# --- regressions: a mutant that failed, kept as a patch of its source ------------------------------

def as_patch(source: bytes, mutant: bytes) -> tuple[int, int, bytes]:
    """(start, end, replacement): ``mutant`` is ``source[:start] + replacement + source[end:]``."""
    start = 0
    limit = min(len(source), len(mutant))
    while start < limit and source[start] == mutant[start]:
        start += 1
    tail = 0
    while tail < limit - start and source[-1 - tail] == mutant[-1 - tail]:
        tail += 1
    return start, len(source) - tail, mutant[start:len(mutant) - tail]


def apply_patch(source: bytes, start: int, end: int, replacement: bytes) -> bytes:
    return source[:start] + replacement + source[end:]
