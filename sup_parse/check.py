"""Rule checks over a parsed Document: what a protokoll must have, the deadlines of
justering and anslag, § numbering, attendance, votes, quorum.

Each rule has a stable code, a default severity, a Swedish and an English message, and
its source: the provision of kommunallagen (2017:725) it rests on, or "praxis" where it
is custom (those default to ``warning``).  ``docs/rules.md`` is generated from the
registry (``make docs``).  Configuration: ``[tool.sup-parse.check]`` in pyproject.toml or
a ``sup-parse.toml`` (``select``, ``ignore``, ``severity``, ``organ_seats``, ``today``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import models as m
from ._version import __version__
from .consistency import VOTE_FIELDS, name_key, range_gaps, vote_mismatches

SEVERITIES = ("info", "warning", "error")
PRACTICE = "praxis"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    source: str
    sv: str  # message template, Swedish
    en: str  # message template, English
    check: Callable[[m.Document, Config], Iterator[tuple[int | None, dict[str, Any]]]] = field(repr=False)


@dataclass
class Config:
    select: list[str] | None = None  # codes or prefixes; None = all
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    organ_seats: dict[str, int] = field(default_factory=dict)  # organ → number of seats (ledamöter)
    today: dt.date = field(default_factory=dt.date.today)

    def enabled(self, code: str) -> bool:
        if any(code.startswith(x) for x in self.ignore):
            return False
        return self.select is None or any(code.startswith(x) for x in self.select)


@dataclass
class Finding:
    code: str
    severity: str
    message: str
    file: str
    page: int | None
    source: str
    rule: str


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str, source: str, sv: str, en: str) -> Callable[..., Any]:
    def register(fn: Callable[[m.Document, Config], Iterator[tuple[int | None, dict[str, Any]]]]) -> Any:
        if source == PRACTICE and severity == "error":
            raise ValueError(f"{code}: a practice rule defaults to warning or info")
        RULES[code] = Rule(code, name, severity, source, sv, en, fn)
        return fn
    return register


# --- helpers ----------------------------------------------------------------------------

def _is_protocol(doc: m.Document) -> bool:
    return doc.kind == m.Kind.PROTOKOLL


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _meeting_date(doc: m.Document) -> dt.date | None:
    return _date(doc.meeting.date if doc.meeting else None) or _date(doc.header.date)


def _justering(doc: m.Document) -> dt.date | None:
    return _date(doc.verification.date if doc.verification else None)


def _first_page(doc: m.Document) -> int | None:
    return doc.pages[0] if doc.pages else 1


def _signed(doc: m.Document, role: str) -> bool:
    return any(s.role == role and s.name for s in doc.signatures)


# --- parts a protokoll must have ------------------------------------------------------------

@rule("SUP101", "organ-missing", "warning", PRACTICE,
      "Protokollet anger inte vilket organ som sammanträdde.", "The protocol does not name the organ that met.")
def _organ(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    if _is_protocol(doc) and not doc.header.organ:
        yield _first_page(doc), {}


@rule("SUP102", "date-missing", "warning", PRACTICE,
      "Protokollet anger inte sammanträdets datum.", "The protocol does not give the meeting's date.")
def _meeting_date_missing(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    if _is_protocol(doc) and _meeting_date(doc) is None:
        yield _first_page(doc), {}


@rule("SUP103", "place-missing", "warning", PRACTICE,
      "Protokollet anger inte var sammanträdet hölls.", "The protocol does not say where the meeting was held.")
def _place(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    if _is_protocol(doc) and not (doc.meeting and doc.meeting.place):
        yield _first_page(doc), {}


@rule("SUP104", "attendance-missing", "error", "kommunallagen (2017:725) 5 kap. 70 § (vilka ledamöter som deltagit i besluten)",
      "Protokollet redovisar inte vilka ledamöter som deltog.", "The protocol does not list the members who took part.")
def _attendance(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    if _is_protocol(doc) and not (doc.attendance and doc.attendance.members):
        yield _first_page(doc), {}


@rule("SUP105", "chair-signature-missing", "warning", PRACTICE,
      "Ordförandens underskrift saknas.", "The chair's signature (ordförande) is missing.")
def _chair(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    if _is_protocol(doc) and not _signed(doc, "ordförande"):
        yield _first_page(doc), {}


@rule("SUP106", "secretary-signature-missing", "warning", PRACTICE,
      "Sekreterarens underskrift saknas.", "The secretary's signature (sekreterare) is missing.")
def _secretary(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    if _is_protocol(doc) and not _signed(doc, "sekreterare"):
        yield _first_page(doc), {}


@rule("SUP107", "adjuster-missing", "warning", PRACTICE,
      "Protokollet anger ingen justerare.", "The protocol names no adjuster (justerare).")
def _adjuster(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    if _is_protocol(doc) and not _signed(doc, "justerare"):
        yield _first_page(doc), {}


@rule("SUP108", "justering-missing", "error", "kommunallagen (2017:725) 5 kap. 69 § och 6 kap. 35 § (protokollet ska justeras)",
      "Protokollet anger inte när det justerades.", "The protocol does not say when it was adjusted (justering).")
def _justering_missing(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    # a justering field printed without a date ("Protokollet justeras på distans") counts:
    # the protocol says how it is adjusted
    if _is_protocol(doc) and doc.verification is None and not (doc.posting and doc.posting.posted_on):
        yield _first_page(doc), {}


# --- deadlines ----------------------------------------------------------------------------

@rule("SUP110", "justering-late", "error", "kommunallagen (2017:725) 5 kap. 69 § och 6 kap. 35 § (justering senast 14 dagar efter sammanträdet)",
      "Protokollet justerades {days} dagar efter sammanträdet; gränsen är 14 dagar.",
      "The protocol was adjusted {days} days after the meeting; the limit is 14 days.")
def _justering_late(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    meeting, adjusted = _meeting_date(doc), _justering(doc)
    if meeting and adjusted and (adjusted - meeting).days > 14:
        yield _first_page(doc), {"days": (adjusted - meeting).days}


@rule("SUP111", "posting-late", "error", "kommunallagen (2017:725) 8 kap. 12 § (tillkännagivande senast andra dagen efter justeringen)",
      "Anslaget sattes upp {days} dagar efter justeringen; det ska ske senast andra dagen.",
      "The notice was posted {days} days after the justering; it must be by the second day.")
def _posting_late(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    adjusted = _justering(doc)
    posted = _date(doc.posting.posted_on if doc.posting else None)
    if adjusted and posted and (posted - adjusted).days > 2:
        yield _first_page(doc), {"days": (posted - adjusted).days}


@rule("SUP112", "posting-removed-early", "error", "kommunallagen (2017:725) 13 kap. 5 § (överklagande inom tre veckor från tillkännagivandet, som ska sitta uppe hela tiden)",
      "Anslaget togs ned efter {days} dagar, före överklagandetidens tre veckor.",
      "The notice was taken down after {days} days, before the three-week appeal period ran out.")
def _posting_early(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    posted = _date(doc.posting.posted_on if doc.posting else None)
    removed = _date(doc.posting.removed_on if doc.posting else None)
    if posted and removed and (removed - posted).days < 21:
        yield _first_page(doc), {"days": (removed - posted).days}


@rule("SUP113", "date-in-future", "warning", PRACTICE,
      "Datumet {field} ({date}) ligger efter dagens datum.", "The date {field} ({date}) is after today.")
def _future(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    fields = [("sammanträdesdatum", _meeting_date(doc)), ("justering", _justering(doc)),
              ("anslag", _date(doc.posting.posted_on if doc.posting else None))]
    for name, value in fields:
        if value and value > cfg.today:
            yield _first_page(doc), {"field": name, "date": value.isoformat()}


@rule("SUP114", "date-before-meeting", "error", "kommunallagen (2017:725) 5 kap. 69 § och 8 kap. 12 § (justering och anslag följer sammanträdet)",
      "Datumet {field} ({date}) ligger före sammanträdet ({meeting}).",
      "The date {field} ({date}) is before the meeting ({meeting}).")
def _before_meeting(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    meeting = _meeting_date(doc)
    if meeting is None:
        return
    for name, value in [("justering", _justering(doc)), ("anslag", _date(doc.posting.posted_on if doc.posting else None))]:
        if value and value < meeting:
            yield _first_page(doc), {"field": name, "date": value.isoformat(), "meeting": meeting.isoformat()}


# --- § numbering ----------------------------------------------------------------------------

@rule("SUP120", "paragraph-outside-range", "warning", PRACTICE,
      "§ {numbers} ligger utanför protokollets angivna intervall {first}–{last}.",
      "§ {numbers} outside the protocol's stated range {first}–{last}.")
def _outside(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    gaps = range_gaps(doc)
    if gaps and gaps[1]:
        rng, outside, _ = gaps
        yield _first_page(doc), {"numbers": ", ".join(map(str, outside)), "first": rng.first, "last": rng.last}


@rule("SUP121", "paragraph-duplicate", "warning", PRACTICE,
      "§ {number} förekommer {times} gånger.", "§ {number} occurs {times} times.")
def _duplicate(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    seen: dict[int, list[m.Paragraph]] = {}
    for p in doc.paragraphs:
        seen.setdefault(p.number, []).append(p)
    for number, same in sorted(seen.items()):
        if len(same) > 1:
            yield (same[1].pages[0] if same[1].pages else None), {"number": number, "times": len(same)}


@rule("SUP122", "paragraph-missing", "warning", PRACTICE,
      "§ {numbers} i det angivna intervallet {first}–{last} saknas.",
      "§ {numbers} of the stated range {first}–{last} not found.")
def _missing(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    gaps = range_gaps(doc)
    if gaps and gaps[2]:
        rng, _, missing = gaps
        yield _first_page(doc), {"numbers": ", ".join(map(str, missing)), "first": rng.first, "last": rng.last}


# --- utdrag and its enclosures ---------------------------------------------------------------

@rule("SUP130", "dnr-differs-from-enclosure", "warning", PRACTICE,
      "Utdragets diarienummer {dnr} skiljer sig från den bifogade tjänsteskrivelsens {other}.",
      "The extract's case number {dnr} differs from the enclosed tjänsteskrivelse's {other}.")
def _dnr(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    if doc.kind != m.Kind.PROTOKOLLSUTDRAG:
        return
    dnr = doc.header.dnr or (doc.paragraphs[0].dnr if doc.paragraphs else None)
    for e in doc.enclosures:
        if e.kind == m.Kind.TJANSTESKRIVELSE and dnr and e.header.dnr and _norm_dnr(e.header.dnr) != _norm_dnr(dnr):
            yield (e.pages[0] if e.pages else None), {"dnr": dnr, "other": e.header.dnr}


def _norm_dnr(dnr: str) -> str:
    return "".join(ch for ch in dnr.casefold() if ch.isalnum())


@rule("SUP160", "attachment-not-enclosed", "info", PRACTICE,
      "Bilagan \"{title}\" listas men finns inte i filen.", "The attachment \"{title}\" is listed but not in the file.")
def _not_enclosed(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    if doc.kind != m.Kind.PROTOKOLLSUTDRAG or not doc.enclosures:
        return  # only a bundle promises its attachments
    present = " ".join(_norm_dnr(e.header.title or "") for e in doc.enclosures)
    for p in doc.paragraphs:
        for a in p.attachments:
            words = [w for w in _norm_words(a.title) if len(w) > 3]
            if words and not any(w in present for w in words[-3:]):
                yield (p.pages[0] if p.pages else None), {"title": a.title}


def _norm_words(text: str) -> list[str]:
    return ["".join(ch for ch in w.casefold() if ch.isalnum()) for w in text.split()]


# --- attendance, votes, quorum -----------------------------------------------------------------

@rule("SUP140", "substitute-for-present-member", "warning", PRACTICE,
      "{name} tjänstgör för {other}, som själv står som närvarande ledamot.",
      "{name} serves in place of {other}, who is listed as a member present.")
def _substitute(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    att = doc.attendance
    if not att:
        return
    for sub in att.members:
        if not sub.substitute_for:
            continue
        for member in att.members:
            if member is sub or name_key(member.name) != name_key(sub.substitute_for):
                continue
            overlap = (sub.paragraphs is None or member.paragraphs is None
                       or bool(set(sub.paragraphs) & set(member.paragraphs)))
            if overlap:
                yield _first_page(doc), {"name": sub.name, "other": member.name}


@rule("SUP141", "present-and-absent", "warning", PRACTICE,
      "{name} står både som närvarande och frånvarande.", "{name} is listed both as present and as absent.")
def _present_absent(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    att = doc.attendance
    if not att:
        return
    present = {name_key(p.name) for p in att.members} | {name_key(p.name) for p in att.substitutes}
    for p in att.absent:
        if name_key(p.name) in present:
            yield _first_page(doc), {"name": p.name}


@rule("SUP150", "vote-count-mismatch", "warning", PRACTICE,
      "§ {number}: omröstningen anger {stated} {vote}, voteringslistan har {listed}.",
      "§ {number}: the vote states {stated} '{vote}', its list has {listed}.")
def _vote_mismatch(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    for p in doc.paragraphs:
        for v in p.votes:
            for word, stated, listed in vote_mismatches(v, VOTE_FIELDS[:3]):  # ja, nej, avstår
                yield (p.pages[0] if p.pages else None), {"number": p.number, "stated": stated, "vote": word,
                                                               "listed": listed}


@rule("SUP151", "votes-exceed-members", "warning", PRACTICE,
      "§ {number}: {votes} röster men bara {members} tjänstgörande ledamöter.",
      "§ {number}: {votes} votes but only {members} members serving.")
def _too_many_votes(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    if not (doc.attendance and doc.attendance.members):
        return
    for p in doc.paragraphs:
        serving = sum(1 for x in doc.attendance.members if x.paragraphs is None or p.number in x.paragraphs)
        for v in p.votes:
            cast = sum(n or 0 for n in (v.yes, v.no, v.abstain))
            if cast > serving:
                yield (p.pages[0] if p.pages else None), {"number": p.number, "votes": cast, "members": serving}


@rule("SUP152", "no-quorum", "error", "kommunallagen (2017:725) 5 kap. 42 § (fullmäktige) och 6 kap. 27 § (nämnd): mer än hälften av ledamöterna",
      "{organ}: {present} tjänstgörande av {seats} ledamöter; mer än hälften krävs.",
      "{organ}: {present} serving of {seats} seats; more than half are required.")
def _quorum(doc: m.Document, cfg: Config) -> Iterator[tuple[int | None, dict[str, Any]]]:
    organ = doc.header.organ
    if not (_is_protocol(doc) and organ and doc.attendance):
        return
    seats = next((n for name, n in cfg.organ_seats.items() if name_key(name) == name_key(organ)), None)
    if not seats:
        return
    present = sum(1 for x in doc.attendance.members if x.paragraphs is None)
    if present and present * 2 <= seats:
        yield _first_page(doc), {"organ": organ, "present": present, "seats": seats}


# --- running the rules ---------------------------------------------------------------------------

def run_checks(doc: m.Document, cfg: Config | None = None, file: str = "", lang: str = "sv") -> list[Finding]:
    cfg = cfg or Config()
    out: list[Finding] = []
    for code, r in sorted(RULES.items()):
        if not cfg.enabled(code):
            continue
        severity = cfg.severity.get(code, r.severity)
        for page, values in r.check(doc, cfg):
            template = r.sv if lang == "sv" else r.en
            out.append(Finding(code=code, severity=severity, message=template.format(**values), file=file, page=page,
                               source=r.source, rule=r.name))
    return out


def at_or_above(findings: list[Finding], level: str) -> list[Finding]:
    floor = SEVERITIES.index(level)
    return [f for f in findings if SEVERITIES.index(f.severity) >= floor]


def load_config(start: Path | None = None, explicit: Path | None = None) -> Config:
    """``[tool.sup-parse.check]`` of the nearest pyproject.toml, or a sup-parse.toml's
    ``[check]`` table (or top level), searched from ``start`` upwards."""
    from .config import nearest_table, table_of

    if explicit is not None:
        return config_from(table_of(explicit, "check", whole_file=True))
    return config_from(nearest_table("check", start, whole_file=True)[0])


def config_from(data: dict[str, Any]) -> Config:
    cfg = Config()
    if "select" in data:
        cfg.select = [str(x) for x in data["select"]]
    cfg.ignore = [str(x) for x in data.get("ignore", [])]
    for code, sev in dict(data.get("severity", {})).items():
        if sev not in SEVERITIES:
            raise ValueError(f"severity of {code} must be one of {', '.join(SEVERITIES)}, not {sev!r}")
        cfg.severity[str(code)] = sev
    cfg.organ_seats = {str(k): int(v) for k, v in dict(data.get("organ_seats", {})).items()}
    if "today" in data:
        cfg.today = dt.date.fromisoformat(str(data["today"]))
    unknown = set(data) - {"select", "ignore", "severity", "organ_seats", "today"}
    if unknown:
        raise ValueError(f"unknown setting(s) {', '.join(sorted(unknown))} in the check configuration")
    return cfg


# --- output formats -----------------------------------------------------------------------------

def _where(f: Finding) -> str:
    """The file and, when known, the page: a page is no line, so not "file:N"."""
    return f"{f.file}: page {f.page}" if f.page else f.file


def format_text(findings: list[Finding]) -> str:
    return "".join(f"{_where(f)}: {f.code} [{f.severity}] {f.message}\n" for f in findings)


def format_json(findings: list[Finding]) -> str:
    return json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2) + "\n"


def _github_property(value: str) -> str:
    """A workflow command's property value (file=, title=) with its separators escaped."""
    return value.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")


def format_github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for f in findings:
        message = f.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        title = f"{f.code} (page {f.page})" if f.page else f.code  # a page is no line: no line=
        out.append(f"::{level[f.severity]} file={_github_property(f.file)},title={_github_property(title)}::{message}\n")
    return "".join(out)


def format_sarif(findings: list[Finding], lang: str = "sv") -> str:
    """SARIF 2.1.0: one run, the rules that fired described, a result per finding; the
    page is a logical location ("page 3") and a property, not a line of the file."""
    level = {"error": "error", "warning": "warning", "info": "note"}
    used = sorted({f.code for f in findings})
    rules = [{
        "id": code,
        "name": RULES[code].name,
        "shortDescription": {"text": (RULES[code].sv if lang == "sv" else RULES[code].en).split("{")[0].strip() or code},
        "help": {"text": f"Källa: {RULES[code].source}" if lang == "sv" else f"Source: {RULES[code].source}"},
        "defaultConfiguration": {"level": level[RULES[code].severity]},
    } for code in used]
    results = [{
        "ruleId": f.code,
        "ruleIndex": used.index(f.code),
        "level": level[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.file}},
                       **({"logicalLocations": [{"name": f"page {f.page}", "kind": "page"}]} if f.page else {})}],
        **({"properties": {"page": f.page}} if f.page else {}),
    } for f in findings]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "sup-parse", "version": __version__, "rules": rules}},
                  "results": results}],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def rules_markdown() -> str:
    """docs/rules.md, from the registry."""
    lines = ["# `sup-parse check` rules", "",
             "Generated from the rule registry in `sup_parse/check.py` (`make docs`); do not edit by hand.",
             "", "Severity is the default; `[tool.sup-parse.check] severity` changes it. Rules whose source is",
             "practice (\"praxis\") default to warning or info.", "",
             "Of the cited provisions, 13 kap. 5 § has been checked against the statute's wording; the others",
             "(5 kap. 42, 69, 70 §§, 6 kap. 27, 35 §§, 8 kap. 12 §) are cited as remembered, not yet read in the statute, and want",
             "checking against SFS 2017:725 before anyone relies on the section numbers.", "",
             "| code | name | severity | source | message (sv) | message (en) |", "|---|---|---|---|---|---|"]
    for code, r in sorted(RULES.items()):
        lines.append(f"| {code} | {r.name} | {r.severity} | {r.source} | {r.sv} | {r.en} |")
    return "\n".join(lines) + "\n"
