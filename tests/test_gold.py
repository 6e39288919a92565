"""CI guard: the parser against every hand-made gold file in tests/gold (tools/eval.py's scorer).

Fails below F1 0.98 overall or below 0.95 for any block family, so a change that helps
unseen layouts cannot quietly cost the documents we already read."""

from __future__ import annotations

import json
import sys
from collections import Counter

import pytest
from conftest import ROOT, SHARED

import sup_parse

sys.path.insert(0, str(ROOT / "tools"))
from eval import find_input, prf, score  # noqa: E402

GOLD = sorted((ROOT / "tests" / "gold").glob("*.json"))
CORPUS = SHARED / "corpus" / "real"
OVERALL, PER_BLOCK = 0.98, 0.95


@pytest.fixture(scope="module")
def blocks() -> dict[str, Counter[str]]:
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not present (../shared is laid beside the repo)")
    totals: dict[str, Counter[str]] = {}
    for gold_path in GOLD:
        source = find_input(CORPUS, gold_path.stem)
        assert source is not None, f"no input for {gold_path.name} in {CORPUS}"
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = sup_parse.parse(source).model_dump(mode="json")
        for block, c in score(gold, pred).items():
            totals.setdefault(block, Counter()).update(c)
    return totals


def test_gold_overall(blocks: dict[str, Counter[str]]) -> None:
    grand: Counter[str] = Counter()
    for c in blocks.values():
        grand.update(c)
    f1 = prf(grand)[2]
    assert f1 >= OVERALL, f"gold F1 {f1:.3f} < {OVERALL}"


def test_gold_every_block(blocks: dict[str, Counter[str]]) -> None:
    low = {block: round(prf(c)[2], 3) for block, c in blocks.items() if prf(c)[2] < PER_BLOCK}
    assert not low, f"block families below F1 {PER_BLOCK}: {low}"
