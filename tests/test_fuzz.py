"""The fuzz harness's fixed subset (tools/fuzz.py runs it in full with `make fuzz`):
mutated and crafted PDFs through the command line, text shapes that must grow
linearly, and repeated fragments with a time limit per example."""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import PIECE, parse_or_error

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import fuzz  # noqa: E402  (tools/fuzz.py)

EXAMPLES = int(os.environ.get("SUP_PARSE_FUZZ_EXAMPLES", "0")) // 10 or 25


@pytest.mark.skipif(not hasattr(os, "posix_spawn"), reason="the harness spawns with posix_spawn")
def test_mutants_and_every_adversarial_class_fail_cleanly(tmp_path: Path) -> None:
    """40 mutants from a fixed seed and every crafted class: no traceback, no internal
    error, none over 30 s or 1 GB, one stderr line on failure and none on success."""
    cases = [*fuzz.mutants(40, seed=13), *fuzz.adversarial()]
    runs = fuzz.run_all(iter(cases), 2, tmp_path)
    assert {r.kind for r in runs} >= {"bomb", "cmap", "huge", "deep", "many", "rotate", "encrypted", "active"}
    problems = [(r.name, r.code, r.problems(), r.stderr[:200]) for r in runs if r.problems()]
    assert problems == []


def test_every_text_shape_grows_linearly() -> None:
    """Each shape of tests/text_patterns.py at 10 KB and 100 KB: the time's growth
    exponent stays under 1.3 (14 shapes grew with exponents of 1.4 to 2.1 before)."""
    sizes = [10_000, 100_000]
    rows = fuzz.growth(sizes)
    steep = {r.name: round(r.exponent(sizes), 2) for r in rows if r.exponent(sizes) > 1.3}
    if steep:  # one retry: a pause of the machine at the large size looks like growth
        again = fuzz.growth(sizes, list(steep))
        steep = {r.name: round(r.exponent(sizes), 2) for r in again if r.exponent(sizes) > 1.3}
    assert steep == {}


REPEAT_TO = 50_000  # characters: a quadratic step over this takes seconds, a linear one a fraction


@settings(max_examples=EXAMPLES, deadline=timedelta(seconds=4), database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECE, min_size=1, max_size=6).map("".join), st.sampled_from(["\n", " ", "", "\n\n", "\f"]))
def test_any_fragment_repeated_to_50_kb_parses_within_the_deadline(fragment: str, sep: str) -> None:
    """A fragment of the documents' vocabulary (dates, names, § headings, …) repeated to
    50 KB: Hypothesis's deadline of 4 s per example catches what grows faster than linearly."""
    unit = fragment + sep
    text = unit * (REPEAT_TO // max(1, len(unit)) + 1)
    parse_or_error(text + "\n")


REAL = ROOT.parent / "shared" / "corpus" / "real"


def regressions() -> list[tuple[str, int, int, bytes, str]]:
    rows = []
    for line in (ROOT / "tests" / "fixtures" / "fuzz_regressions.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            source, start, end, replacement, why = line.split("\t")
            rows.append((source, int(start), int(end), bytes.fromhex(replacement), why))
    return rows


@pytest.mark.skipif(not REAL.exists(), reason="../shared/corpus not present")
@pytest.mark.parametrize(("source", "start", "end", "replacement", "why"), regressions())
def test_every_mutant_the_harness_found_now_fails_cleanly(tmp_path: Path, source: str, start: int, end: int,
                                                           replacement: bytes, why: str) -> None:
    mutant = fuzz.apply_patch((REAL / source).read_bytes(), start, end, replacement)
    run = fuzz.run_cli(mutant, source, "regression", tmp_path)
    assert run.problems() == [], (why, run.code, run.stderr)
