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
    checks = printed_values(v.gold)
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


# ---------------------------------------------------------------------------------------------
# text renderings (tools/variants/render_text.py)

from tools.variants import make_text_variant  # noqa: E402
from tools.variants.render_text import TEXT_AXES, TEXT_STYLES, draw_text_axes  # noqa: E402

NEEDS_PDFTOTEXT = pytest.mark.skipif(not __import__("shutil").which("pdftotext"),
                                     reason="pdftotext (Debian poppler-utils; make system-deps) is not installed")
TEXT_N = 24


def printed_values(gold: dict) -> list[str]:
    """What the gold says is printed: names, titles, dnr, items, attachments, recipients."""
    checks: list[str] = []
    header = gold["header"]
    checks += [header[k] for k in ("title", "dnr", "department") if header.get(k)]
    for p in gold["paragraphs"]:
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
    att = gold["attendance"] or {}
    for group in ("members", "substitutes", "others", "absent"):
        checks += [m["name"] for m in att.get(group, [])]
    checks += [s["name"] for s in gold["signatures"] if s["name"]]
    if gold["author"]:
        checks += [x for x in gold["author"].values() if x]
    return checks


def tokens_of_text(text: str) -> list[str]:
    """The words of a text rendering, markdown markup taken away."""
    t = unicodedata.normalize("NFC", text)
    t = re.sub(r'<!--\s*Page\w+="(.*?)"\s*-->', r" \1 ", t)
    t = re.sub(r"<!--.*?-->", " ", t)
    t = t.replace("<br>", " ").replace("|", " ").replace("**", " ")
    t = re.sub(r"\\(.)", r"\1", t)
    t = re.sub(r"(?m)^\s*(?:#+|>|[-*•–])\s", " ", t)
    return [w.strip("*") for w in t.split() if w.strip("*")]


def text_variant(index: int, style: str):  # type: ignore[no-untyped-def]
    return make_text_variant(SEED, index, style, variant=variant(index))


def _styles() -> list[str]:
    return [s for s in TEXT_STYLES if s == "markdown" or __import__("shutil").which("pdftotext")]


def test_text_renderings_are_deterministic() -> None:
    for index in (0, 3, 5):
        for style in _styles():
            a = make_text_variant(SEED, index, style)
            b = make_text_variant(SEED, index, style)
            assert a.text == b.text and a.gold == b.gold and a.axes == b.axes, (index, style)


@pytest.mark.parametrize("index", range(TEXT_N))
def test_text_holds_what_the_gold_states(index: int) -> None:
    for style in _styles():
        t = text_variant(index, style)
        toks = tokens_of_text(t.text)
        missing = [c for c in printed_values(t.gold) if not occurs(c, toks)]
        assert not missing, f"{t.id} {t.axes} text lacks {missing[:5]}"


@pytest.mark.parametrize("index", range(TEXT_N))
def test_text_gold_differs_only_where_the_text_loses(index: int) -> None:
    v = variant(index)
    for style in _styles():
        t = text_variant(index, style)
        a, b = _undashed(copy.deepcopy(v.gold)), _undashed(copy.deepcopy(t.gold))
        for doc in (a, b, *a["enclosures"], *b["enclosures"]):
            for p in doc["paragraphs"]:
                p.pop("pages")
                for vote in p["votes"]:
                    vote.pop("ballots")
        if style == "plain":  # a sparse table column's value whose row the text lost is null (README)
            for x, y in [*zip(a["paragraphs"], b["paragraphs"], strict=True),
                         *zip((a["attendance"] or {}).get("members", []), (b["attendance"] or {}).get("members", []),
                              strict=True)]:
                for key in ("dnr", "substitute_for", "role", "paragraphs"):
                    if key in y and y[key] is None:
                        x[key] = None
        assert a == b
        pages = [p["pages"] for p in t.gold["paragraphs"]]
        assert pages == [p["pages"] for p in v.gold["paragraphs"]] or all(x == [1] for x in pages)


def _undashed(obj):  # type: ignore[no-untyped-def]
    """Strings without dashes and spaces: plain pdftotext drops a dash at a line end (README)."""
    if isinstance(obj, str):
        return re.sub(r"[\s-]", "", obj)
    if isinstance(obj, list):
        return [_undashed(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _undashed(x) for k, x in obj.items()}
    return obj


def _has(v, tag: str) -> bool:  # type: ignore[no-untyped-def]
    return any(r.kind == "row" and r.tag == tag for r in v.layout.rec)


@pytest.mark.parametrize("index", range(TEXT_N))
def test_markdown_habits_show(index: int) -> None:
    v = variant(index)
    t = text_variant(index, "markdown")
    ax, text, pages = t.axes, t.text, v.meta["pages"]
    pipe_sep = re.compile(r"(?m)^\|\s?---(?:\s?\|\s?---)*\s?\|\s*$")
    if ax["md_tables"] == "pipe" and _has(v, "table") or ax["md_grid"] == "pipe" and _has(v, "grid"):
        assert pipe_sep.search(text), f"{t.id}: no pipe table"
    if ax["md_tables"] != "pipe" and ax["md_grid"] != "pipe":
        assert not pipe_sep.search(text)
    if ax["md_yaml"] == "yes":
        assert text.startswith("---\n")
    marks = {"page_comment": "<!-- page {n} -->", "sida_comment": "<!-- sida {n} -->"}
    if ax["md_pages"] in marks:
        for n in range(1, pages + 1):
            assert marks[ax["md_pages"]].format(n=n) in text
    elif ax["md_pages"] == "pagebreak":
        assert text.count("<!-- PageBreak -->") == pages - 1
    elif ax["md_pages"] == "hr":
        assert len(re.findall(r"(?m)^-----$", text)) == pages - 1
    else:
        assert "<!-- page" not in text and "PageBreak" not in text
    if ax["md_furniture"] == "comments" and any(v.layout.furniture):
        assert '<!-- PageHeader="' in text or '<!-- PageFooter="' in text or '<!-- PageNumber="' in text
    lists = [r for r in v.layout.rec if r.tag == "list" and r.lines and r.lines[0][2][0][1] in {"-", "–", "•"}]
    if lists and ax["md_lists"] in {"dash", "star"}:
        assert re.search(r"(?m)^" + ("- " if ax["md_lists"] == "dash" else r"\* "), text)
    if lists and ax["md_lists"] == "glyph" and ax["md_escape"] == "yes" and any(r.lines[0][2][0][1] == "-" for r in lists):
        assert re.search(r"(?m)^\\- ", text)
    if ax["md_headings"] in {"hash", "hash_bold"}:
        assert re.search(r"(?m)^#{1,2} ", text)
    if ax["md_headings"] == "hash_bold":
        assert re.search(r"(?m)^#{1,2} \*\*", text)
    if ax["md_headings"] in {"bold", "plain"}:
        assert not re.search(r"(?m)^#{1,2} ", text)


@NEEDS_PDFTOTEXT
@pytest.mark.parametrize("index", range(0, TEXT_N, 3))
def test_pdftotext_styles_show_their_marks(index: int) -> None:
    v = variant(index)
    pages = v.meta["pages"]
    for style in ("layout", "plain"):
        t = text_variant(index, style)
        breaks = t.axes["txt_breaks"]
        if breaks == "formfeed":
            assert t.text.count("\f") == pages and t.suffix == ".txt"
        elif breaks == "sida_comment":
            assert all(f"<!-- sida {n} -->" in t.text for n in range(1, pages + 1)) and t.suffix == ".md"
            assert "\f" not in t.text
        else:
            assert "\f" not in t.text
        if style == "layout":  # columns kept apart by runs of spaces
            assert re.search(r"\S {3,}\S", t.text)


def test_every_text_habit_is_drawn() -> None:
    seen: dict[str, set[str]] = {a.name: set() for a, _ in TEXT_AXES}
    for i in range(300):
        for name, value in draw_text_axes(99, i).items():
            if value is not None:
                seen[name].add(value)
    for a, _ in TEXT_AXES:
        assert seen[a.name] == set(a.values), f"text axis {a.name} never took {set(a.values) - seen[a.name]}"
