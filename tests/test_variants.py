"""The layout-variant generator (tools/variants): deterministic, schema-valid gold that
states only what the PDF prints, and every layout axis exercised."""

from __future__ import annotations

import copy
import io
import re
import sys
import unicodedata
from functools import cache
from pathlib import Path

import pdfplumber
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.variants import make_variant  # noqa: E402
from tools.variants.axes import AXES, RULES, draw, resolve  # noqa: E402

SEED = 7
N = 40  # variants checked one by one
KINDS = ["protokoll", "protokollsutdrag", "tjansteskrivelse", "kallelse"]


@cache
def variant(index: int, kind: str | None = None):  # type: ignore[no-untyped-def]
    return make_variant(SEED, index, kind)


def tokens_of_pdf(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
    return unicodedata.normalize("NFC", text).split()


def occurs(value: str, toks: list[str], slack: int = 12) -> bool:
    """The value's words occur in order in the extracted text, within a short window
    (another column's words may sit between them); tried on the text as extracted and
    with line-end hyphenation undone ("utvecklings-" + "program")."""
    want = value.split()
    text = " ".join(toks)
    dehyph = re.sub(r"(?<=[a-zåäöé])- (?=[a-zåäöé])", "", text).split()
    return any(_in_order(want, t, slack) for t in (toks, dehyph))


def _in_order(want: list[str], toks: list[str], slack: int) -> bool:
    for start, t in enumerate(toks):
        if want[0] not in t:
            continue
        k, j = 1, start + 1
        while k < len(want) and j < min(len(toks), start + len(want) + slack):
            if toks[j].strip("()") == want[k].strip("()") or (k == len(want) - 1 and toks[j].startswith(want[k])):
                k += 1
            j += 1
        if k == len(want):
            return True
    return False


def test_same_seed_same_bytes_and_gold() -> None:
    for index in (0, 3, 5):
        a, b = make_variant(SEED, index), make_variant(SEED, index)
        assert a.pdf == b.pdf
        assert a.gold == b.gold
        assert a.axes == b.axes


def test_every_kind_can_be_made() -> None:
    for k, kind in enumerate(KINDS):
        v = make_variant(SEED, 1000 + k, kind)
        assert v.gold["kind"] == kind
        assert v.pdf.startswith(b"%PDF")


def _complete(gold: dict) -> dict:
    doc = copy.deepcopy(gold)
    doc["source"] = {"path": "variant.pdf", "sha256": "0" * 64, "pages": 1, "text_source": "pdf"}
    return doc


@pytest.mark.parametrize("index", range(N))
def test_gold_validates_and_is_printed(index: int) -> None:
    from sup_parse.models import Document

    v = variant(index)
    Document.model_validate(_complete(v.gold))
    for enc in v.gold["enclosures"]:
        Document.model_validate(enc)
    toks = tokens_of_pdf(v.pdf)
    checks: list[str] = []
    header = v.gold["header"]
    checks += [header[k] for k in ("title", "dnr", "department") if header.get(k)]
    for p in v.gold["paragraphs"]:
        checks.append(p["title"])
        if p["dnr"]:
            checks.append(p["dnr"])
        checks += p["recused"]
        for mo in p["motions"]:
            checks += mo["by"]
        for vote in p["votes"]:
            checks += [b["name"] for b in vote["ballots"]]
        if p["decision"]:
            checks += p["decision"]["items"]
        checks += [a["title"] for a in p["attachments"]] + p["recipients"]
    att = v.gold["attendance"] or {}
    for group in ("members", "substitutes", "others", "absent"):
        checks += [m["name"] for m in att.get(group, [])]
    checks += [s["name"] for s in v.gold["signatures"] if s["name"]]
    if v.gold["author"]:
        checks += [x for x in v.gold["author"].values() if x]
    missing = [c for c in checks if not occurs(c, toks)]
    assert not missing, f"{v.id} ({v.kind}) gold states what the PDF does not print: {missing[:5]}"


@pytest.mark.parametrize("index", range(N))
def test_pages_and_presence_are_consistent(index: int) -> None:
    v = variant(index)
    n_pages = v.meta["pages"]
    numbers = [p["number"] for p in v.gold["paragraphs"]]
    assert len(numbers) == len(set(numbers))
    for p in v.gold["paragraphs"]:
        assert p["pages"], f"{v.id} § {p['number']} has no pages"
        assert p["pages"] == sorted(p["pages"]) and 1 <= p["pages"][0] and p["pages"][-1] <= n_pages
        assert p["pages"] == list(range(p["pages"][0], p["pages"][-1] + 1))
        for vote in p["votes"]:
            counts = {"ja": vote["yes"], "nej": vote["no"], "avstår": vote["abstain"], "frånvarande": vote["absent"]}
            if vote["ballots"]:
                for key, n in counts.items():
                    if n is not None:
                        assert n == sum(b["vote"] == key for b in vote["ballots"])
    meeting = v.gold["meeting"] or {}
    rng = meeting.get("paragraphs")
    for m in (v.gold["attendance"] or {}).get("members", []):
        if m["paragraphs"] is not None:
            assert m["paragraphs"] == sorted(set(m["paragraphs"]))
            if rng:
                assert rng["first"] <= m["paragraphs"][0] and m["paragraphs"][-1] <= rng["last"]
                assert len(m["paragraphs"]) < rng["last"] - rng["first"] + 1
        if m["role"] == "tjänstgörande ersättare":
            assert m["substitute_for"]
    if v.kind == "protokoll":
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        starts = [p["pages"][0] for p in v.gold["paragraphs"]]
        assert starts == sorted(starts)


def test_axis_values_recorded_and_all_covered() -> None:
    seen: dict[str, set[str]] = {a.name: set() for a in AXES}
    for i in range(160):
        import random

        rng = random.Random(f"cover/{i}")
        ax, _ = resolve(draw(rng))
        assert set(ax) == {a.name for a in AXES}
        for name, value in ax.items():
            if value is not None:
                seen[name].add(value)
    for a in AXES:
        assert seen[a.name] == set(a.values), f"axis {a.name} never took {set(a.values) - seen[a.name]}"
    for i in range(N):
        v = variant(i)
        assert set(v.axes) == {a.name for a in AXES}
        assert all(r.split()[0] in {x.split()[0] for x in RULES} for r in [f"{x} " for x in v.rules])


def test_nfd_text_layer_is_decomposed() -> None:
    for i in range(400):
        import random

        ax, _ = resolve(draw(random.Random(f"axes/{SEED}/{i}")))
        if ax["encoding"] == "nfd":
            v = variant(i)
            with pdfplumber.open(io.BytesIO(v.pdf)) as doc:
                text = doc.pages[0].extract_text() or ""
            assert "\u0308" in text or "\u030a" in text
            assert unicodedata.normalize("NFD", text) == text
            return
    pytest.skip("no NFD variant among the first 400")
