"""Batch conversion (sup_parse/batch.py, `sup-parse batch`): inputs and output names,
manifest and resume, isolation of files that hang or eat memory, interruption."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from helpers import pdf_of

from sup_parse.batch import batch, collect_inputs, convert_file, output_names

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "real"
BULK = ROOT.parent / "shared" / "corpus" / "bulk"
SEED_TXT = ROOT / "samples" / "tyreso-klu-2019-08-07-p60-utdrag.txt"
HTML_AS_PDF = BULK / "alingsas__socialnamnden__2018-03-13__protokoll-actually-html.pdf"
SMALL = ["alingsas-bunau-2026-05-12-p20-utdrag.pdf", "alingsas-ks-2026-06-01-p97-utdrag.pdf",
         "alingsas-sn-2017-12-12-tjansteskrivelse.pdf", "alingsas-bmn-2026-07-07-protokoll.pdf"]


def slow_pdf(operations: int) -> bytes:
    """A small PDF whose one page draws ``operations`` line segments: the PDF library
    spends minutes and much memory on it (a hang, for a batch)."""
    stream = zlib.compress(b"0 0 m 1 1 l S\n" * operations, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    return pdf_of(objects)


needs_corpus = pytest.mark.skipif(not (REAL.exists() and BULK.exists()), reason="../shared/corpus not present")


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    """A small archive: PDFs in a subfolder, a text file, a file that is not a PDF."""
    if not (REAL.exists() and HTML_AS_PDF.exists()):
        pytest.skip("../shared/corpus not present")
    src = tmp_path / "in"
    (src / "2026").mkdir(parents=True)
    for name in SMALL:
        shutil.copy(REAL / name, src / "2026" / name)
    shutil.copy(SEED_TXT, src / "seed.txt")
    shutil.copy(HTML_AS_PDF, src / "broken.pdf")
    return src


def outputs(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.json"))}


# --- inputs and names -------------------------------------------------------------------

def test_collect_inputs_folders_files_and_globs(inputs: Path) -> None:
    rels = [str(rel) for _, rel in collect_inputs([str(inputs)])]
    assert rels == sorted(["2026/" + n for n in SMALL] + ["seed.txt", "broken.pdf"])
    globbed = [str(rel) for _, rel in collect_inputs([str(inputs / "2026" / "*p*-utdrag.pdf")])]
    assert globbed == ["alingsas-bunau-2026-05-12-p20-utdrag.pdf", "alingsas-ks-2026-06-01-p97-utdrag.pdf"]
    single = [str(rel) for _, rel in collect_inputs([str(inputs / "seed.txt"), str(inputs / "seed.txt")])]
    assert single == ["seed.txt"]


def test_collect_inputs_refuses_what_names_nothing(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such file"):
        collect_inputs([str(tmp_path / "nope")])
    with pytest.raises(ValueError, match="matches no file"):
        collect_inputs([str(tmp_path / "*.pdf")])


@pytest.mark.parametrize(("rels", "names"), [
    pytest.param(["a/b.pdf", "c.txt"], ["a/b.json", "c.json"], id="plain"),
    pytest.param(["a/b.pdf", "a/b.txt"], ["a/b.pdf.json", "a/b.txt.json"], id="same-stem-keeps-extension"),
    pytest.param(["b.pdf", "b.pdf.json", "b.json"], ["b.pdf.json", "b.pdf~2.json", "b.json.json"], id="still-clashing-numbered"),
])
def test_output_names_keep_every_input(rels: list[str], names: list[str]) -> None:
    got = [str(n) for n in output_names([Path(r) for r in rels])]
    assert got == names and len(set(got)) == len(got)


# --- one file, and the batch --------------------------------------------------------------

def test_convert_file_is_plain_and_never_raises(tmp_path: Path) -> None:
    ok = convert_file(str(SEED_TXT))
    assert (ok.status, ok.pages, ok.error) == ("ok", 1, None) and json.loads(ok.json or "")["kind"] == "protokollsutdrag"
    html = tmp_path / "page.pdf"
    html.write_bytes(b"<!DOCTYPE html><html><body>Sidan finns inte</body></html>\n")
    bad = convert_file(str(html))
    assert (bad.status, bad.error_code) == ("failed", "not-a-pdf") and bad.json is None
    missing = convert_file(str(tmp_path / "gone.pdf"))
    assert (missing.status, missing.error_code) == ("failed", "not-found")


def test_batch_writes_outputs_and_a_complete_manifest(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    results = list(batch([str(inputs)], out, workers=2))
    assert len(results) == 6
    assert sorted(outputs(out)) == sorted(["2026/" + n.replace(".pdf", ".json") for n in SMALL] + ["seed.json"])
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 6
    failed = [r for r in records if r["status"] == "failed"]
    assert [(Path(r["path"]).name, r["error_code"]) for r in failed] == [("broken.pdf", "not-a-pdf")]
    for r in records:
        assert set(r) >= {"path", "sha256", "status", "error_code", "error", "pages", "seconds", "output", "version"}
        assert r["sha256"] and len(r["sha256"]) == 64
        if r["status"] != "failed":
            assert Path(r["output"]).exists() and r["pages"]
    assert not list(out.rglob("*.tmp"))


def test_resume_does_no_work_and_overwrite_is_asked_for(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    list(batch([str(inputs)], out, workers=2))
    again = list(batch([str(inputs)], out, workers=2, resume=True))
    assert len(again) == 6 and all(r.skipped for r in again)
    # an existing output that differs is kept, and the file fails with the reason
    target = out / "seed.json"
    target.write_text("{}\n", encoding="utf-8")
    (res,) = [r for r in batch([str(inputs / "seed.txt")], out) if r.path.endswith("seed.txt")]
    assert (res.status, res.error_code) == ("failed", "output-exists") and target.read_text() == "{}\n"
    (res,) = list(batch([str(inputs / "seed.txt")], out, overwrite=True))
    assert res.status == "ok" and json.loads(target.read_text())["kind"] == "protokollsutdrag"


def test_two_inputs_with_one_output_name_are_both_kept(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED_TXT, src / "seed.txt")
    shutil.copy(SEED_TXT, src / "seed.md")
    out = tmp_path / "out"
    list(batch([str(src)], out, workers=1))
    assert sorted(outputs(out)) == ["seed.md.json", "seed.txt.json"]


def test_a_hanging_file_is_cut_at_its_time_limit(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "hangs.pdf").write_bytes(slow_pdf(3_000_000))
    shutil.copy(SEED_TXT, src / "seed.txt")
    start = time.monotonic()
    # pdfplumber interprets the three million strokes in Python: minutes (pdfium reads them
    # in about a second, so the default backend would not hang on this file)
    results = {Path(r.path).name: r for r in batch([str(src)], tmp_path / "out", workers=1, timeout=3, ocr="never",
                                                   pdf_backend="pdfplumber")}
    assert time.monotonic() - start < 60
    assert (results["hangs.pdf"].status, results["hangs.pdf"].error_code) == ("failed", "timeout")
    assert results["seed.txt"].status == "ok"  # the replaced worker goes on with the next file
    assert sorted(outputs(tmp_path / "out")) == ["seed.json"]


def test_a_file_that_eats_memory_fails_alone(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "greedy.pdf").write_bytes(slow_pdf(3_000_000))
    shutil.copy(SEED_TXT, src / "seed.txt")
    results = {Path(r.path).name: r for r in batch([str(src)], tmp_path / "out", workers=1, timeout=120,
                                                    memory_mb=400, ocr="never")}
    assert results["greedy.pdf"].status == "failed"
    assert results["greedy.pdf"].error_code in {"memory-limit", "memory", "crashed", "internal"}, results["greedy.pdf"].error
    assert results["seed.txt"].status == "ok"


# --- the command -------------------------------------------------------------------------

def cli(*args: str | os.PathLike[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sup_parse", "batch", *map(str, args)], capture_output=True,
                          text=True, timeout=300, **kw)  # type: ignore[call-overload]


def test_cli_exit_codes_and_log_lines(inputs: Path, tmp_path: Path) -> None:
    proc = cli(inputs, "-o", tmp_path / "out", "--workers", "2")
    assert proc.returncode == 1, proc.stderr  # one file failed
    assert "batch: 6/6 files" in proc.stderr and "not-a-pdf" in proc.stderr
    proc = cli(inputs, "-o", tmp_path / "out", "--resume", "--allow-failures", "--quiet")
    assert (proc.returncode, proc.stderr) == (0, "")
    proc = cli(tmp_path / "nothing-here", "-o", tmp_path / "out")
    assert proc.returncode == 2 and "no such file" in proc.stderr
    (tmp_path / "afile").write_text("x")
    proc = cli(inputs, "-o", tmp_path / "afile")
    assert proc.returncode == 2 and "not a folder" in proc.stderr


@needs_corpus
def test_killed_run_resumed_gives_the_same_outputs(tmp_path: Path) -> None:
    files = sorted(BULK.glob("*.pdf"))[:12]
    src = tmp_path / "in"
    src.mkdir()
    for f in files:
        shutil.copy(f, src / f.name)
    whole = tmp_path / "whole"
    assert cli(src, "-o", whole, "--workers", "2", "--quiet", "--allow-failures").returncode == 0
    cut = tmp_path / "cut"
    proc = subprocess.Popen([sys.executable, "-m", "sup_parse", "batch", str(src), "-o", str(cut), "--workers", "1",
                             "--quiet"], stderr=subprocess.PIPE, text=True)
    manifest = cut / "manifest.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not manifest.exists() or len(manifest.read_text().splitlines()) < 3):
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 130
    done = len(manifest.read_text().splitlines())
    assert 3 <= done < len(files)  # stopped part-way
    for p in cut.rglob("*.json"):
        json.loads(p.read_text(encoding="utf-8"))  # nothing half-written
    assert not list(cut.rglob("*.tmp"))
    assert cli(src, "-o", cut, "--workers", "2", "--resume", "--quiet", "--allow-failures").returncode == 0
    assert outputs(cut) == outputs(whole)


@needs_corpus
def test_bulk_corpus_batch_and_resume(tmp_path: Path) -> None:
    out = tmp_path / "out"
    results = list(batch([str(BULK)], out, ocr="never"))
    failed = [(Path(r.path).name, r.error_code) for r in results if r.status == "failed"]
    assert failed == [(HTML_AS_PDF.name, "not-a-pdf")]
    assert len(outputs(out)) == 63
    assert len((out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()) == 64
    again = list(batch([str(BULK)], out, ocr="never", resume=True))
    assert len(again) == 64 and all(r.skipped for r in again)


def test_summary_counts_agree_with_the_exit_code_and_paths_are_not_wrapped(inputs: Path, tmp_path: Path) -> None:
    """On --resume, a file that failed before is skipped and still counted failed (the
    exit code says there are failures); a long path is printed whole, not wrapped at 80
    columns, when stderr is not a terminal."""
    long = inputs / ("a-long-folder-name-" * 4)
    long.mkdir()
    (long / "[b]broken.pdf").write_bytes(b"<html>not a pdf</html>")
    first = cli(inputs, "-o", tmp_path / "out")
    again = cli(inputs, "-o", tmp_path / "out", "--resume")
    for proc in (first, again):
        assert proc.returncode == 1
        table = next(line for line in proc.stderr.splitlines() if line.strip().startswith("│") and "│" in line[1:]
                     and any(ch.isdigit() for ch in line))
        failed_column = [cell.strip() for cell in table.split("│") if cell.strip()][2]
        assert failed_column == "2"  # the HTML file of the fixture and this one
        assert str(long / "[b]broken.pdf") in proc.stderr


def test_the_manifest_keeps_one_record_per_input(inputs: Path, tmp_path: Path) -> None:
    """Rerunning a batch (with or without --resume) leaves one manifest line per input,
    the last run's."""
    out = tmp_path / "out"
    for args in ((), ("--overwrite",), ("--resume",)):
        cli(inputs, "-o", out, "--quiet", *args)
        records = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
        paths = [r["path"] for r in records]
        assert len(paths) == len(set(paths)) == 6, args


def test_a_file_name_that_is_not_utf8_parses_batches_and_resumes(tmp_path: Path) -> None:
    """A name with a byte that is not UTF-8 (0xFF): the JSON gives it with a \\xff escape,
    the manifest keeps it losslessly (JSON \\u escapes), and a resumed batch skips it."""
    src = tmp_path / "in"
    src.mkdir()
    name = os.fsdecode(b"bad\xffname.txt")
    shutil.copy(SEED_TXT, src / name)
    single = subprocess.run([sys.executable, "-m", "sup_parse", str(src / name), "--compact"], capture_output=True,
                            timeout=120)
    assert single.returncode == 0 and single.stderr == b""
    assert json.loads(single.stdout)["source"]["path"].endswith("bad\\xffname.txt")
    assert cli(src, "-o", tmp_path / "out", "--quiet").returncode == 0
    records = [json.loads(line) for line in (tmp_path / "out" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["path"] for r in records] == [str(src / name)] and records[0]["status"] == "ok"
    resumed = list(batch([str(src)], tmp_path / "out", resume=True, workers=1))
    assert [(r.skipped, r.status) for r in resumed] == [(True, "ok")]


def test_an_output_folder_that_is_a_dangling_link_is_one_clear_line(tmp_path: Path) -> None:
    """`batch -o LINK` where LINK points nowhere: the last release tried to make the
    folder and died with FileExistsError's traceback."""
    link = tmp_path / "out"
    link.symlink_to(tmp_path / "missing")
    run = cli(SEED_TXT, "-o", link, "--quiet")
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "link to nothing" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "missing").exists()
    with pytest.raises(ValueError, match="link to nothing"):
        list(batch([str(SEED_TXT)], link))
