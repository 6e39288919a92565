"""Extra vocabulary without forking: merged over the packaged words, per parse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import sup_parse
from sup_parse.vocabulary import load_vocabulary, merge, using, vocabulary

DOC = """Kommunstyrelsen
Protokoll
2025-03-04

Plats och tid      Stadshuset, kl. 13.00–15.00
Röstberättigade    Anna Ek (S), ordförande
                   Per Berg (M)
Justerare          Per Berg

§ 1  Val av justerare

Beslut
Per Berg utses att justera protokollet.
"""
EXTRA = '[labels]\nmembers = ["röstberättigade"]\n'


def test_merge_extends_lists_and_merges_tables() -> None:
    base = {"labels": {"members": ["beslutande"], "time": ["tid"]}, "months": ["januari"], "x": 1}
    extra = {"labels": {"members": ["röstberättigade", "beslutande"]}, "months": ["jan"], "x": 2, "new": {"a": ["b"]}}
    assert merge(base, extra) == {"labels": {"members": ["beslutande", "röstberättigade"], "time": ["tid"]},
                                  "months": ["januari", "jan"], "x": 2, "new": {"a": ["b"]}}
    assert base["labels"]["members"] == ["beslutande"]  # the packaged table is not changed


def test_active_vocabulary_is_scoped() -> None:
    extra = load_vocabulary([{"labels": {"members": ["röstberättigade"]}}])
    assert extra is load_vocabulary([{"labels": {"members": ["röstberättigade"]}}])  # built once
    assert "röstberättigade" not in vocabulary().label_index
    with using(extra):
        assert vocabulary().label_index["röstberättigade"] == "members"
    assert "röstberättigade" not in vocabulary().label_index


def test_extra_label_is_read_and_unknown_one_reported() -> None:
    plain = sup_parse.parse(DOC)
    assert plain.attendance is None
    assert [w.code for w in plain.warnings] == ["unknown-label"]
    assert plain.meeting is not None and plain.meeting.place == "Stadshuset"
    doc = sup_parse.parse(DOC, vocabulary=[{"labels": {"members": ["röstberättigade"]}}])
    assert doc.attendance is not None
    assert [(p.name, p.role) for p in doc.attendance.members] == [("Anna Ek", "ordförande"), ("Per Berg", None)]
    assert not doc.warnings


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sup_parse", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_cli_vocabulary_file_and_pyproject(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "extra.toml").write_text(EXTRA, encoding="utf-8")
    out = _cli("doc.txt", "--vocabulary", "extra.toml", "--compact", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert '"name":"Per Berg","party":"M"' in out.stdout
    (tmp_path / "pyproject.toml").write_text("[tool.sup-parse.vocabulary.labels]\n" + EXTRA.split("\n", 1)[1],
                                             encoding="utf-8")
    out = _cli("doc.txt", "--compact", cwd=tmp_path)
    assert out.returncode == 0 and '"name":"Per Berg","party":"M"' in out.stdout


@pytest.mark.parametrize("content", ["x = [", "\xff\xfe"])
def test_cli_bad_vocabulary_is_a_usage_error(tmp_path: Path, content: str) -> None:
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "bad.toml").write_bytes(content.encode("latin-1"))
    out = _cli("doc.txt", "--vocabulary", "bad.toml", "-o", "out.json", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "bad.toml" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "out.json").exists()
