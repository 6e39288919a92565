"""End-to-end tests of the ``sup-parse`` command: exit codes, error messages, output.

Most tests run the real command in a subprocess (``python -m sup_parse``) so that
the exit code, stdout and stderr are exactly what a user sees; a few use typer's
CliRunner where in-process is simpler.

Every failure must be one line on stderr, ``sup-parse: error: <path>: <message>``,
with no traceback (unless ``--debug``) and nothing on stdout.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sup_parse._version import __version__
from sup_parse.cli import app
from sup_parse.errors import ExitCode

REPO = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SEED_TXT = REPO / "samples" / "tyreso-klu-2019-08-07-p60-utdrag.txt"
SEED_PDF = REPO / "samples" / "tyreso-klu-2019-08-07-p60-utdrag.pdf"
ENCRYPTED_PDF = FIXTURES / "encrypted.pdf"  # reportlab, user password "userpw", owner "ownerpw"
SHARED = REPO / ".." / "shared"
HTML_AS_PDF = SHARED / "corpus" / "bulk" / "alingsas__socialnamnden__2018-03-13__protokoll-actually-html.pdf"
SCAN_PDF = SHARED / "corpus" / "real" / "alingsas-ks-2026-06-01-p110-utdrag.pdf"
README = REPO / "README.md"
MUNICIPALITY = "Tyresö kommun"


# --- helpers ------------------------------------------------------------------------


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONIOENCODING", None)  # a developer's setting must not change what is tested
    env.update(extra)
    return env


def run_cli(
    *args: str | os.PathLike[str],
    stdin: bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "sup_parse", *map(str, args)],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=cwd,
        env=env or _env(),
        timeout=120,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[bytes], shown: str | os.PathLike[str]) -> str:
    """stderr is exactly ``sup-parse: error: <shown>: <message>\\n``; returns the message."""
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    assert proc.stdout == b"", "nothing may be printed on stdout on failure"
    assert err.endswith("\n") and err.count("\n") == 1, f"expected one line on stderr, got:\n{err}"
    prefix = f"sup-parse: error: {shown}: "
    line = err.rstrip("\n")
    assert line.startswith(prefix), f"expected {prefix!r}…, got {line!r}"
    message = line[len(prefix) :]
    assert message and message == message.strip(), f"empty or padded message: {line!r}"
    return message


def shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared corpus file not available: {path}")
    return path


def slug(code: ExitCode) -> str:
    return code.name.lower().replace("_", "-")


@pytest.fixture(scope="module")
def seed_json() -> dict:
    proc = run_cli(SEED_TXT)
    assert proc.returncode == ExitCode.OK, proc.stderr.decode()
    return json.loads(proc.stdout)


# --- input errors: exit code + one-line message ------------------------------------

# Each builder returns the argument to pass (a path, written under tmp_path if generated).
Builder = Callable[[Path], Path]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "no-such-file.pdf"


def _directory(tmp_path: Path) -> Path:
    path = tmp_path / "a-folder"
    path.mkdir()
    return path


def _truncated_pdf(tmp_path: Path) -> Path:
    return _write(tmp_path, "truncated.pdf", SEED_PDF.read_bytes()[:400])


def _garbage_pdf(tmp_path: Path) -> Path:
    return _write(tmp_path, "garbage.pdf", b"%PDF-1.4\n" + random.Random(0).randbytes(2000))


def _binary_txt(tmp_path: Path) -> Path:
    return _write(tmp_path, "binary.txt", random.Random(1).randbytes(4000))


INPUT_ERRORS: list[tuple[str, Builder, ExitCode, str]] = [
    # id, builder, exit code, a word the message must contain
    ("missing", _missing, ExitCode.NOT_FOUND, "no such file"),
    ("directory", _directory, ExitCode.NOT_A_FILE, "directory"),
    ("empty-pdf", lambda t: _write(t, "empty.pdf", b""), ExitCode.EMPTY, "empty"),
    ("empty-txt", lambda t: _write(t, "empty.txt", b""), ExitCode.EMPTY, "empty"),
    ("whitespace-txt", lambda t: _write(t, "blank.txt", b"  \n\t\r\n   \n\n"), ExitCode.EMPTY, "empty"),
    ("bom-only-txt", lambda t: _write(t, "bom.txt", b"\xef\xbb\xbf  \n"), ExitCode.EMPTY, "no text"),
    ("nbsp-only-txt", lambda t: _write(t, "nbsp.txt", "\u00a0\u00a0\n\u00a0\n".encode()), ExitCode.EMPTY, "no text"),
    ("comments-only-md", lambda t: _write(t, "c.md", b"<!-- sida 1 -->\n<!-- x -->\n"), ExitCode.EMPTY, "no text"),
    ("html-as-pdf", lambda t: shared(HTML_AS_PDF), ExitCode.NOT_A_PDF, "HTML"),
    ("truncated-pdf", _truncated_pdf, ExitCode.DAMAGED_PDF, "damaged"),
    ("garbage-pdf", _garbage_pdf, ExitCode.DAMAGED_PDF, "damaged"),
    ("encrypted-pdf", lambda t: ENCRYPTED_PDF, ExitCode.ENCRYPTED_PDF, "qpdf"),
    # binary junk (random bytes, so it holds NULs) in a .txt: the code says UNREADABLE_TEXT
    ("binary-txt", _binary_txt, ExitCode.UNREADABLE_TEXT, "binary"),
    ("png-as-txt", lambda t: _write(t, "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ExitCode.UNREADABLE_TEXT, "binary"),
]


@pytest.mark.parametrize(("build", "code", "word"), [c[1:] for c in INPUT_ERRORS], ids=[c[0] for c in INPUT_ERRORS])
def test_input_error(tmp_path: Path, build: Builder, code: ExitCode, word: str) -> None:
    path = build(tmp_path)
    proc = run_cli(path, cwd=tmp_path)
    assert proc.returncode == code, (proc.returncode, proc.stderr.decode())
    message = assert_one_line_error(proc, path)
    assert word in message


def test_scan_without_ocr_is_no_text() -> None:
    proc = run_cli(shared(SCAN_PDF), "--ocr", "never")
    assert proc.returncode == ExitCode.NO_TEXT, proc.stderr.decode()
    assert "--ocr auto" in assert_one_line_error(proc, shared(SCAN_PDF))


def test_scan_without_tesseract_names_what_to_install(tmp_path: Path) -> None:
    env = _env()
    env["PATH"] = str(tmp_path)  # python runs by its full path; no tesseract on this PATH
    proc = run_cli(shared(SCAN_PDF), env=env)
    assert proc.returncode == ExitCode.OCR_UNAVAILABLE, proc.stderr.decode()
    assert "apt-get install tesseract-ocr tesseract-ocr-swe" in assert_one_line_error(proc, shared(SCAN_PDF))


def test_scan_is_read_by_ocr_and_written_searchable(tmp_path: Path) -> None:
    out = tmp_path / "searchable.pdf"
    proc = run_cli(shared(SCAN_PDF), "--ocr-pdf", out, "--compact")
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    assert doc["source"]["text_source"] == "ocr"
    assert [p["number"] for p in doc["paragraphs"]] == [110]
    import pdfplumber

    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 1
        assert "initiativärenden" in (pdf.pages[0].extract_text() or "")
    assert [p.name for p in tmp_path.iterdir()] == ["searchable.pdf"]  # no temporary left


def test_searchable_pdf_into_a_missing_folder_fails_first(tmp_path: Path) -> None:
    proc = run_cli(shared(SCAN_PDF), "--ocr-pdf", tmp_path / "nope" / "out.pdf")
    assert proc.returncode == ExitCode.OUTPUT
    assert "does not exist" in proc.stderr.decode()


@pytest.mark.parametrize("command", [[], ["parse"], ["show"]], ids=["shorthand", "parse", "show"])
def test_missing_file_for_each_command(tmp_path: Path, command: list[str]) -> None:
    proc = run_cli(*command, "missing.txt", cwd=tmp_path)
    assert proc.returncode == ExitCode.NOT_FOUND
    assert_one_line_error(proc, "missing.txt")


def test_relative_path_is_shown_as_given(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    proc = run_cli("sub/nothing.pdf", cwd=tmp_path)
    assert proc.returncode == ExitCode.NOT_FOUND
    assert_one_line_error(proc, "sub/nothing.pdf")


def test_encrypted_fixture_is_really_encrypted() -> None:
    data = ENCRYPTED_PDF.read_bytes()
    assert data.startswith(b"%PDF-") and b"/Encrypt" in data


def test_empty_stdin() -> None:
    proc = run_cli("-", stdin=b"")
    assert proc.returncode == ExitCode.EMPTY
    assert_one_line_error(proc, "-")


def test_unknown_option_is_a_usage_error() -> None:
    proc = run_cli("parse", "--no-such-option", SEED_TXT)
    assert proc.returncode == ExitCode.USAGE
    err = proc.stderr.decode()
    assert "No such option" in err and "Traceback" not in err
    assert proc.stdout == b""


# --- --debug ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["parse", "--debug", "missing.pdf"], ["missing.pdf", "--debug"], ["show", "--debug", "missing.pdf"]],
    ids=["parse-debug", "shorthand-debug-after", "show-debug"],
)
def test_debug_prints_traceback_and_keeps_exit_code(tmp_path: Path, args: list[str]) -> None:
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == ExitCode.NOT_FOUND
    err = proc.stderr.decode()
    assert "Traceback (most recent call last)" in err
    assert "InputNotFound" in err
    assert err.splitlines()[-1] == "sup-parse: error: missing.pdf: no such file; check the path"


# --- -o / --output ----------------------------------------------------------------


def _temp_leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".out.json.*.tmp"))


def test_output_file_on_success(tmp_path: Path) -> None:
    proc = run_cli(SEED_TXT, "-o", "out.json", cwd=tmp_path)
    assert proc.returncode == ExitCode.OK, proc.stderr.decode()
    assert proc.stdout == b""
    assert proc.stderr == b""
    data = (tmp_path / "out.json").read_bytes()
    doc = json.loads(data.decode("utf-8"))
    assert doc["kind"] == "protokollsutdrag"
    assert data == run_cli(SEED_TXT).stdout, "-o writes exactly what stdout would show"
    assert _temp_leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_output_file_replaces_existing(tmp_path: Path) -> None:
    (tmp_path / "out.json").write_text("old\n")
    proc = run_cli(SEED_TXT, "--output", "out.json", "--compact", cwd=tmp_path)
    assert proc.returncode == ExitCode.OK
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["kind"] == "protokollsutdrag"
    assert _temp_leftovers(tmp_path) == []


def test_failed_parse_leaves_existing_output_untouched(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    before = b'{"previous": "run"}\n'
    (out_dir / "out.json").write_bytes(before)
    proc = run_cli(tmp_path / "missing.pdf", "-o", out_dir / "out.json", cwd=out_dir)
    assert proc.returncode == ExitCode.NOT_FOUND
    assert_one_line_error(proc, tmp_path / "missing.pdf")
    assert (out_dir / "out.json").read_bytes() == before
    assert sorted(p.name for p in out_dir.iterdir()) == ["out.json"]
    assert _temp_leftovers(out_dir) == []


def test_failed_parse_creates_no_output(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = run_cli(tmp_path / "missing.pdf", "-o", "out.json", cwd=out_dir)
    assert proc.returncode == ExitCode.NOT_FOUND
    assert list(out_dir.iterdir()) == []


def test_output_into_missing_folder(tmp_path: Path) -> None:
    proc = run_cli(SEED_TXT, "-o", "nowhere/out.json", cwd=tmp_path)
    assert proc.returncode == ExitCode.OUTPUT
    message = assert_one_line_error(proc, "nowhere/out.json")
    assert "does not exist" in message
    assert list(tmp_path.iterdir()) == []


# --- output format ----------------------------------------------------------------


def test_compact_is_one_line() -> None:
    proc = run_cli(SEED_TXT, "--compact")
    assert proc.returncode == ExitCode.OK
    text = proc.stdout.decode("utf-8")
    assert text.endswith("\n") and text.count("\n") == 1
    assert json.loads(text)["kind"] == "protokollsutdrag"


def test_default_is_indented(seed_json: dict) -> None:
    proc = run_cli(SEED_TXT)
    lines = proc.stdout.decode("utf-8").splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert len(lines) > 20
    assert lines[1].startswith('  "')
    assert json.loads(run_cli(SEED_TXT, "--compact").stdout) == seed_json


def test_output_is_utf8_and_not_escaped(seed_json: dict) -> None:
    proc = run_cli(SEED_TXT)
    assert MUNICIPALITY.encode("utf-8") in proc.stdout
    assert b"\\u00f6" not in proc.stdout and b"\\u00e4" not in proc.stdout and b"\\u00e5" not in proc.stdout
    assert seed_json["header"]["municipality"] == MUNICIPALITY


# --- stdin and text encodings ------------------------------------------------------


def test_stdin(seed_json: dict) -> None:
    proc = run_cli("-", stdin=SEED_TXT.read_bytes())
    assert proc.returncode == ExitCode.OK, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    assert doc["kind"] == "protokollsutdrag"
    assert doc["source"]["path"] == "-"
    assert doc["paragraphs"] == seed_json["paragraphs"]


def test_stdin_cli_runner() -> None:
    result = CliRunner().invoke(app, ["-", "--compact"], input=SEED_TXT.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["kind"] == "protokollsutdrag"


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("cp1252", errors="replace"),
        lambda t: t.encode("latin-1", errors="replace"),
        lambda t: t.encode("utf-8-sig"),
        lambda t: t.encode("utf-16"),
    ],
    ids=["cp1252", "latin-1", "utf-8-bom", "utf-16-bom"],
)
@pytest.mark.parametrize("via", ["file", "stdin"])
def test_text_encodings(tmp_path: Path, seed_json: dict, encode: Callable[[str], bytes], via: str) -> None:
    data = encode(SEED_TXT.read_text(encoding="utf-8"))
    if via == "file":
        proc = run_cli(_write(tmp_path, "seed.txt", data))
    else:
        proc = run_cli("-", stdin=data)
    assert proc.returncode == ExitCode.OK, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    assert doc["kind"] == "protokollsutdrag"
    assert doc["header"] == seed_json["header"]
    assert MUNICIPALITY.encode("utf-8") in proc.stdout
    assert [p["number"] for p in doc["paragraphs"]] == [60]


# --- other commands ---------------------------------------------------------------


def test_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert isinstance(schema, dict)
    # The root is a $ref to $defs/Document (the model is recursive): follow it.
    root = schema
    if "properties" not in root and root.get("$ref", "").startswith("#/$defs/"):
        root = schema["$defs"][root["$ref"].removeprefix("#/$defs/")]
    assert "paragraphs" in root["properties"]


def test_output_validates_against_schema(seed_json: dict) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(run_cli("schema").stdout)
    jsonschema.validate(seed_json, schema)


def test_version_subprocess() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode() == f"sup-parse {__version__}\n"


def test_version_cli_runner() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"sup-parse {__version__}\n"


def test_show() -> None:
    proc = run_cli("show", SEED_TXT)
    assert proc.returncode == ExitCode.OK, proc.stderr.decode()
    out = proc.stdout.decode("utf-8")
    assert "§ 60" in out
    assert MUNICIPALITY in out


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_commands(flag: str) -> None:
    proc = run_cli(flag)
    assert proc.returncode == 0
    out = proc.stdout.decode("utf-8")
    commands = out.split("Commands:", 1)[1]
    listed = {line.split()[0] for line in commands.splitlines() if line.strip()}
    assert {"parse", "schema", "show"} <= listed


def test_no_arguments_shows_help() -> None:
    proc = run_cli()
    assert proc.returncode == 0
    assert "Commands:" in proc.stdout.decode("utf-8")


# --- README keeps every exit code documented ---------------------------------------


def _table_rows(text: str) -> list[list[str]]:
    """Markdown table rows as lists of cells, with backticks and spaces stripped."""
    rows = []
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("|") and s.endswith("|") and len(s) > 1:
            rows.append([cell.strip().strip("`").strip() for cell in s[1:-1].split("|")])
    return rows


def test_readme_documents_every_exit_code() -> None:
    """README.md has a table row ``| <number> | <name-in-kebab-case> | … |`` for each code.

    E.g. ``| 3 | not-found | the input file does not exist |``; cells may be in
    backticks. OK (0) and INTERNAL (70) are not required.
    """
    documented = [c for c in ExitCode if c not in (ExitCode.OK, ExitCode.INTERNAL)]
    expected = "\n".join(f"| {int(c)} | {slug(c)} | … |" for c in documented)
    assert README.exists(), f"README.md is missing; it needs an exit-code table with rows:\n{expected}"
    rows = _table_rows(README.read_text(encoding="utf-8"))
    missing = [c for c in documented if not any(str(int(c)) in row and slug(c) in row for row in rows)]
    assert not missing, "README.md's exit-code table lacks rows:\n" + "\n".join(f"| {int(c)} | {slug(c)} | … |" for c in missing)


# --- known bugs: these document behaviour that looks wrong (strict: they fail once fixed) ---


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--debug", "missing.pdf"], ExitCode.NOT_FOUND),
        (["--compact", SEED_TXT], ExitCode.OK),
        (["-o", "o.json", SEED_TXT], ExitCode.OK),
    ],
    ids=["debug-first", "compact-first", "output-first"],
)
def test_bug_options_before_file_in_shorthand(tmp_path: Path, args: list, code: ExitCode) -> None:
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == code, proc.stderr.decode()


def test_bug_stdout_is_utf8_whatever_the_locale() -> None:
    proc = run_cli(SEED_TXT, env=_env(PYTHONIOENCODING="cp1252"))
    assert proc.returncode == ExitCode.OK
    assert MUNICIPALITY.encode("utf-8") in proc.stdout


def test_bug_binary_without_nul_bytes_is_rejected(tmp_path: Path) -> None:
    junk = bytes(b for b in random.Random(2).randbytes(6000) if b)[:4000]
    proc = run_cli(_write(tmp_path, "junk.txt", junk))
    assert proc.returncode == ExitCode.UNREADABLE_TEXT


def test_bug_rule_only_text_is_not_internal_error(tmp_path: Path) -> None:
    proc = run_cli(_write(tmp_path, "rule.md", b"---\n"))
    assert proc.returncode != ExitCode.INTERNAL, proc.stderr.decode()


def test_pdf_backend_option() -> None:
    """--pdf-backend pdfplumber reads the same document as the default pdfium; an unknown
    backend is a usage error (exit 2) that names the choices."""
    default = run_cli(SEED_PDF, "--compact", "--ocr", "never")
    plumber = run_cli(SEED_PDF, "--compact", "--ocr", "never", "--pdf-backend", "pdfplumber")
    assert default.returncode == plumber.returncode == 0
    assert json.loads(default.stdout) == json.loads(plumber.stdout)
    wrong = run_cli(SEED_PDF, "--pdf-backend", "pdfminer")
    assert wrong.returncode == 2 and b"pdfium" in wrong.stderr and b"Traceback" not in wrong.stderr


def test_pdf_library_complaints_stay_off_stderr(tmp_path: Path) -> None:
    """pdfminer logs "Invalid MediaBox …" for this page; the command succeeds silently, and
    the fallback to the other backend is a warning in the JSON."""
    from helpers import helvetica_pdf

    pdf = tmp_path / "mediabox.pdf"
    pdf.write_bytes(helvetica_pdf(mediabox=b"(abc)"))
    proc = run_cli(pdf, "--ocr", "never", "--pdf-backend", "pdfplumber")
    assert proc.returncode == 0 and proc.stderr == b""
    assert [w["code"] for w in json.loads(proc.stdout)["warnings"]] == ["pdf-read-by-fallback"]


@pytest.mark.parametrize("kind", ["symlink", "fifo"])
def test_output_refuses_to_replace_a_file_that_is_not_regular(tmp_path: Path, kind: str) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "out.json"
    if kind == "symlink":
        out.symlink_to(victim)
    else:
        os.mkfifo(out)
    proc = run_cli(SEED_TXT, "-o", out)
    assert proc.returncode == 11
    assert "not a regular file" in assert_one_line_error(proc, out)
    assert victim.read_text() == "keep me" and (out.is_symlink() if kind == "symlink" else out.is_fifo())


def test_outputs_get_the_umask_mode_everywhere(tmp_path: Path) -> None:
    """-o and batch outputs get 0666 less the umask, as a plain open() would (mkstemp's 0600
    before)."""
    from sup_parse.outfiles import UMASK

    proc = run_cli(SEED_TXT, "-o", tmp_path / "single.json")
    assert proc.returncode == 0
    batch_out = tmp_path / "batch"
    assert run_cli("batch", SEED_TXT, "-o", batch_out, "-q").returncode == 0
    for made in (tmp_path / "single.json", next(batch_out.glob("*.json"))):
        assert made.stat().st_mode & 0o777 == 0o666 & ~UMASK, made


def test_a_link_planted_at_a_temporary_name_is_not_followed(tmp_path: Path) -> None:
    """The searchable PDF used to be written through the fixed name .NAME.tmp: a link
    planted there sent the bytes to any file the link named."""
    from sup_parse.sources.ocr import SearchablePdf

    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "searchable.pdf"
    (tmp_path / ".searchable.pdf.tmp").symlink_to(victim)
    searchable = SearchablePdf()
    try:
        searchable.write(SEED_PDF.read_bytes(), 1, out)
    finally:
        searchable.close()
    assert victim.read_text() == "keep me"
    assert out.read_bytes().startswith(b"%PDF-")


def test_debug_on_a_missing_file_is_one_line_not_a_traceback() -> None:
    proc = run_cli("debug", "nosuch.pdf")
    assert proc.returncode == ExitCode.NOT_FOUND
    assert "no such file" in assert_one_line_error(proc, "nosuch.pdf")


def test_show_prints_text_that_looks_like_rich_markup_as_it_is(tmp_path: Path) -> None:
    text = tmp_path / "markup.txt"
    text.write_text("Kommunstyrelsen\nProtokoll\n\n§ 1 Taxa [/b] [bold]\n\nBeslut\nKommunstyrelsen beslutar att [/red] anta taxan.\n",
                    encoding="utf-8")
    proc = run_cli("show", text)
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode("utf-8")
    assert "§ 1 Taxa [/b] [bold]" in out and "att [/red] anta" in out


def test_ocr_pdf_with_a_text_input_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_cli(SEED_TXT, "--ocr-pdf", tmp_path / "searchable.pdf")
    assert proc.returncode == ExitCode.USAGE
    assert "--ocr-pdf" in assert_one_line_error(proc, SEED_TXT)
    assert not (tmp_path / "searchable.pdf").exists()


def test_type_hints_of_the_api_resolve_at_runtime_without_slowing_start_up() -> None:
    """typing.get_type_hints(sup_parse.parse) raised NameError: Document and Source were
    names for the type checker only.  --version must still not import pydantic."""
    probe = ("import sys, typing, sup_parse; assert 'pydantic' not in sys.modules; "
             "hints = typing.get_type_hints(sup_parse.parse); "
             "from sup_parse.models import Document; assert hints['return'] is Document, hints; "
             "assert bytes in typing.get_args(hints['source']); print('ok')")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "ok", run.stderr


def test_no_text_names_an_option_that_is_not_already_set(tmp_path: Path) -> None:
    """A page of drawings and no text under the default --ocr auto: the last release
    said "parse it with --ocr auto", the mode it was in."""
    from helpers import helvetica_pdf

    pdf = tmp_path / "drawing.pdf"
    pdf.write_bytes(helvetica_pdf(b"0 0 m 500 500 l S"))
    proc = run_cli(pdf)
    assert proc.returncode == ExitCode.NO_TEXT
    line = assert_one_line_error(proc, pdf)
    assert "--ocr always" in line and "--ocr auto" not in line


def test_python_warnings_from_the_libraries_stay_off_stderr() -> None:
    """A library's warnings.warn (pypdfium2, pdfplumber, PIL) would add lines to a stderr
    that promises nothing on success; the command routes them to a quiet logger."""
    probe = ("import warnings; from sup_parse.errors import quiet_pdf_libraries; quiet_pdf_libraries(); "
             "warnings.warn('from a library', UserWarning); print('ok')")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert run.stdout == "ok\n" and run.stderr == ""


def test_a_file_name_with_a_newline_and_a_leading_dash_is_a_path_not_text(tmp_path: Path) -> None:
    """The library reads a str holding a newline as the document's text; the command's
    FILE is always a path, so "-rf\\nx.txt" was parsed as the nine characters of its name."""
    name = tmp_path / "-rf\nx.txt"
    name.write_bytes(SEED_TXT.read_bytes())
    proc = subprocess.run([sys.executable, "-m", "sup_parse", "parse", "--compact", "--", str(name)],
                          capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["kind"] == "protokollsutdrag" and doc["source"]["path"] == str(name)
