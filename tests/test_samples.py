"""Golden JSON per sample, the contract's seed example, and the schema file."""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from sup_parse import parse
from sup_parse.schema import schema_dict, schema_json

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import golden  # noqa: E402

SAMPLES = golden.samples()


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_golden(sample: Path) -> None:
    expected_file = golden.expected_path(sample)
    assert expected_file.exists(), f"no expected JSON for {sample.name}: run `make golden` and review it"
    expected = expected_file.read_text(encoding="utf-8")
    actual = golden.golden_json(sample.relative_to(ROOT))
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"expected/{expected_file.name}", "actual", n=2))
        pytest.fail(f"{sample.name} differs from its golden JSON (run `make golden` if the change is right):\n{diff}")


# The contract's example for the seed (../shared/spec/output-contract.md), field for field.
SEED_EXAMPLE: dict[str, Any] = {
    "kind": "protokollsutdrag",
    "header": {"municipality": "Tyresö kommun", "organ": "Kommunledningsutskottet",
               "date": "2019-08-07", "dnr": "2019/KS 0260 005"},
    "meeting": {"date": "2019-08-07", "start": "13:00", "end": "13:35",
                "place": "Sammanträdesrum Bollmora, kommunhuset",
                "paragraphs": {"first": 58, "last": 71}},
    "paragraphs": [{"number": 60, "title": "Södertörns utvecklingsprogram 2035",
                    "dnr": "2019/KS 0260 005",
                    "proposal": {"by": "Kommunledningsutskottet", "to": "Kommunstyrelsen",
                                 "items": ["Förslag till Södertörns utvecklingsprogram 2035 godkänns och ersätter "
                                           "motsvarande program som godkändes av kommunstyrelsen 2013-04-29 § 78."]},
                    "attachments": [{"title": "Tjänsteskrivelse Södertörns utvecklingsprogram 2035.pdf"},
                                    {"title": "Södertörns utvecklingsprogram SUP 2035.pdf"}]}],
    "attendance": {"members": [{"name": "Anita Mattsson", "party": "S", "role": "ordförande"},
                               {"name": "Fredrik Bergkuist", "party": "M",
                                "role": "tjänstgörande ersättare",
                                "substitute_for": "Ulrica Riis-Pedersen"}],
                   "substitutes": [{"name": "Christoffer Holmström", "party": "S"}],
                   "others": [{"name": "Stefan Hollmark", "title": "kommundirektör",
                               "unit": "kommunstyrelseförvaltningen"}],
                   "absent": [{"name": "Mats Larsson", "party": "L"}]},
    "signatures": [{"role": "sekreterare", "name": "Hillevi Elvhage"},
                   {"role": "ordförande", "name": "Anita Mattsson"},
                   {"role": "justerare", "name": "Anki Svensson"}],
    "verification": {"place": "Kommunkansliet", "date": "2019-08-12"},
    "posting": {"posted_on": "2019-08-14", "removed_on": "2019-09-05",
                "storage": "Kommunkansliets arkiv plan 6", "signed_by": "Hillevi Elvhage"},
    "enclosures": [{"kind": "tjansteskrivelse",
                    "header": {"municipality": "Tyresö kommun",
                               "department": "Kommunstyrelseförvaltningen",
                               "organ": "Kommunledningsutskottet",
                               "title": "Södertörns utvecklingsprogram 2035",
                               "date": "2019-06-20", "dnr": "2019/KS 0260 005"},
                    "author": {"name": "Hillevi Elvhage", "title": "Kommunsekreterare",
                               "phone": "08-5782 9516", "email": "hillevi.elvhage@tyreso.se"},
                    "signatures": [{"name": "Stefan Höllmark", "title": "Kommundirektör"}]}],
}


def _missing(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Where ``actual`` does not contain ``expected`` (lists: each expected entry somewhere)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {actual!r}"]
        out = []
        for key, value in expected.items():
            out += _missing(value, actual.get(key), f"{path}.{key}")
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{path}: expected a list, got {actual!r}"]
        out = []
        for i, entry in enumerate(expected):
            if not any(not _missing(entry, candidate) for candidate in actual):
                out.append(f"{path}[{i}]: {json.dumps(entry, ensure_ascii=False)[:150]} not found")
        return out
    return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]


@pytest.mark.parametrize("name", ["tyreso-klu-2019-08-07-p60-utdrag.txt", "tyreso-klu-2019-08-07-p60-utdrag.pdf"])
def test_seed_matches_contract_example(name: str) -> None:
    doc = parse(f"samples/{name}").model_dump(mode="json")
    problems = _missing(SEED_EXAMPLE, doc)
    assert not problems, "\n".join(problems)


def test_schema_file_is_current() -> None:
    committed = (ROOT / "schemas" / "document.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(), "schemas/document.schema.json is stale: run `make schema`"


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for name, definition in [("Document", schema), *schema.get("$defs", {}).items()]:
        for prop, spec in definition.get("properties", {}).items():
            out.append((f"{name}.{prop}", spec))
    return out


def test_every_field_has_a_description_with_a_swedish_term() -> None:
    props = _properties(schema_dict())
    assert len(props) > 60
    lacking = [name for name, spec in props if not spec.get("description")]
    assert not lacking, f"fields without description: {lacking}"
    # each description names the Swedish term, in parentheses or quotes
    unnamed = [name for name, spec in props if "(" not in spec["description"] and "'" not in spec["description"]]
    assert not unnamed, f"descriptions without the Swedish term: {unnamed}"
