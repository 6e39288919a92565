"""The output contract as Pydantic v2 models.

Field names, shapes and value conventions follow ``../shared/spec/output-contract.md``:
keys are English, Swedish domain terms are kept as values, and every field's
description names the Swedish term.  A field the document does not contain is
``None`` (scalars, objects) or ``[]`` (lists); nothing is invented.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class _Model(BaseModel):
    # Every value is checked as it is set, so the finished document needs no second pass
    # (lists filled by append are typed for mypy, and the tests validate every output
    # against the schema).
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Kind(StrEnum):
    """Document kind (dokumenttyp)."""

    PROTOKOLL = "protokoll"
    PROTOKOLLSUTDRAG = "protokollsutdrag"
    TJANSTESKRIVELSE = "tjansteskrivelse"
    KALLELSE = "kallelse"
    BILAGA = "bilaga"
    OKAND = "okand"


class TextSource(StrEnum):
    """Where the text came from (textkälla)."""

    PDF = "pdf"
    OCR = "ocr"
    TEXT = "text"
    MIXED = "mixed"


class Source(_Model):
    path: str | None = Field(None, description="Input path as given (sökväg till indatafilen); '-' for stdin.")
    sha256: str = Field(description="SHA-256 of the input bytes (kontrollsumma).")
    pages: int | None = Field(None, description="Page count (antal sidor): PDF pages, or text pages split by form feed.")
    text_source: TextSource = Field(description="Text source (textkälla): pdf text layer, ocr, plain text or mixed.")


class Header(_Model):
    municipality: str | None = Field(None, description="Municipality, region or kommunalförbund (kommun / region / kommunalförbund).")
    organ: str | None = Field(None, description="The body that met or is addressed (organ: nämnd, styrelse, utskott, fullmäktige).")
    department: str | None = Field(None, description="Issuing administration (förvaltning / kontor), mainly for a tjänsteskrivelse.")
    title: str | None = Field(None, description="Document or matter title (rubrik / ärendemening).")
    date: str | None = Field(None, description="Meeting date (sammanträdesdatum) or document date (datum), ISO 8601.")
    dnr: str | None = Field(None, description="The document's case number (diarienummer), as printed, without label.")


class ParagraphRange(_Model):
    first: int = Field(description="First § of the protocol (första paragraf).")
    last: int = Field(description="Last § of the protocol (sista paragraf).")


class Meeting(_Model):
    date: str | None = Field(None, description="Meeting date (sammanträdesdatum), ISO 8601.")
    start: str | None = Field(None, description="Start time (tid, från), HH:MM.")
    end: str | None = Field(None, description="End time (tid, till), HH:MM.")
    place: str | None = Field(None, description="Meeting place (plats).")
    paragraphs: ParagraphRange | None = Field(None, description="The protocol's paragraph range (paragrafer, §§ 58–71).")


class Proposal(_Model):
    by: str | None = Field(None, description="Who proposes (förslagsställare), e.g. 'Kommunledningsutskottet'.")
    to: str | None = Field(None, description="To whom the proposal goes (förslag till), e.g. 'Kommunstyrelsen'.")
    items: list[str] = Field(default_factory=list, description="The proposed att-satser (förslag till beslut), one per item.")


class Decision(_Model):
    items: list[str] = Field(default_factory=list, description="The att-satser decided (beslut), one per item.")


class Motion(_Model):
    by: list[str] = Field(default_factory=list, description="Who moves (yrkande av), names as printed.")
    text: str | None = Field(None, description="What is moved (yrkande).")


class Ballot(_Model):
    name: str = Field(description="Voter's name (ledamot).")
    party: str | None = Field(None, description="Voter's party (parti).")
    vote: str | None = Field(None, description="The vote (röst): 'ja', 'nej', 'avstår' or 'frånvarande'.")


class Vote(_Model):
    yes: int | None = Field(None, description="Yes votes (ja-röster).")
    no: int | None = Field(None, description="No votes (nej-röster).")
    abstain: int | None = Field(None, description="Abstentions (avstår).")
    absent: int | None = Field(None, description="Absent (frånvarande).")
    ballots: list[Ballot] = Field(default_factory=list, description="Name-by-name list (voteringslista / omröstningslista).")


class Reservation(_Model):
    by: list[str] = Field(default_factory=list, description="Who reserves (reservant), names as printed.")
    text: str | None = Field(None, description="The written reservation (skriftlig reservation), where attached.")


class Note(_Model):
    kind: str = Field(description="'protokollsanteckning' or 'särskilt yttrande' (anteckning / yttrande), lower case.")
    by: list[str] = Field(default_factory=list, description="Who wrote it (antecknad av), names as printed without party.")
    text: str | None = Field(None, description="The note's text (anteckningens text), where printed.")


class Attachment(_Model):
    title: str = Field(description="Title of a bilaga or beslutsunderlag (bilaga / handling).")


class Section(_Model):
    heading: str = Field(description="Section heading (rubrik), e.g. 'Sammanfattning', 'Ärendebeskrivning'.")
    text: str = Field(description="Section text (brödtext), paragraphs separated by blank lines.")


class Paragraph(_Model):
    number: int = Field(description="Paragraph number (paragrafnummer, §).")
    title: str | None = Field(None, description="Matter title (ärendets rubrik).")
    dnr: str | None = Field(None, description="The §'s case number (diarienummer).")
    proposal: Proposal | None = Field(None, description="Proposal for decision (förslag till beslut).")
    decision: Decision | None = Field(None, description="Decision (beslut).")
    motions: list[Motion] = Field(default_factory=list, description="Motions (yrkanden).")
    votes: list[Vote] = Field(default_factory=list, description="Votes (omröstning / votering).")
    reservations: list[Reservation] = Field(default_factory=list, description="Reservations (reservationer).")
    attachments: list[Attachment] = Field(default_factory=list, description="Listed documents (bilagor / beslutsunderlag).")
    recipients: list[str] = Field(default_factory=list, description="Sent to (expedieras till / beslutet skickas till).")
    sections: list[Section] = Field(default_factory=list, description="Free-text sections of the § (ärendebeskrivning, beredning …).")
    pages: list[int] = Field(default_factory=list, description="Pages the § spans, 1-based (sidor).")
    immediately_adjusted: bool = Field(False, description="The § was adjusted at once (omedelbart justerad).")
    notes: list[Note] = Field(default_factory=list, description="Notes (protokollsanteckningar, särskilda yttranden).")
    recused: list[str] = Field(default_factory=list, description="Who declared a conflict of interest and left the matter (jäv), names as printed.")
    restricted: bool = Field(False, description="The § is removed or published in part (sekretess, jäv, personuppgifter).")


class Member(_Model):
    name: str = Field(description="Name (namn) as printed, without party or role.")
    party: str | None = Field(None, description="Party letters (parti), upper case; null for an independent '(-)'.")
    role: str | None = Field(None, description="Role (roll), lower case: 'ordförande', 'tjänstgörande ersättare' …")
    substitute_for: str | None = Field(None, description="Whom a tjänstgörande ersättare replaces (ersätter / tjänstgör för).")
    paragraphs: list[int] | None = Field(None, description="The §§ served (paragrafer); null = all.")


class PartyPerson(_Model):
    name: str = Field(description="Name (namn) as printed, without party.")
    party: str | None = Field(None, description="Party letters (parti).")


class Other(_Model):
    name: str = Field(description="Name (namn).")
    title: str | None = Field(None, description="Position (titel / befattning), e.g. 'kommundirektör'.")
    unit: str | None = Field(None, description="Administration or organisation (förvaltning / organisation).")


class Attendance(_Model):
    members: list[Member] = Field(default_factory=list, description="Voting members (beslutande): ledamöter and tjänstgörande ersättare.")
    substitutes: list[PartyPerson] = Field(default_factory=list, description="Substitutes present, not serving (ej tjänstgörande ersättare).")
    others: list[Other] = Field(default_factory=list, description="Others present (övriga närvarande / övriga deltagare).")
    absent: list[PartyPerson] = Field(default_factory=list, description="Absent (frånvarande).")


class Signature(_Model):
    role: str | None = Field(None, description="Role (roll): 'sekreterare', 'ordförande', 'justerare', 'bestyrkande' or null (underskrift).")
    name: str | None = Field(None, description="Signer's name (namnförtydligande).")
    title: str | None = Field(None, description="Signer's position (titel), where printed.")


class Verification(_Model):
    place: str | None = Field(None, description="Place of justering (justeringens plats); null when done at a distance.")
    date: str | None = Field(None, description="Date of justering (justeringens tid), ISO 8601.")


class Posting(_Model):
    posted_on: str | None = Field(None, description="Date the notice is posted (datum då anslaget sätts upp).")
    removed_on: str | None = Field(None, description="Date the notice is taken down (datum då anslaget tas ned).")
    storage: str | None = Field(None, description="Where the protocol is kept (förvaringsplats för protokollet).")
    signed_by: str | None = Field(None, description="Who signed the notice (underskrift).")


class Author(_Model):
    name: str | None = Field(None, description="Case officer's name (handläggare).")
    title: str | None = Field(None, description="Case officer's position (titel).")
    phone: str | None = Field(None, description="Telephone (telefon / direktnummer).")
    email: str | None = Field(None, description="E-mail (e-post).")


class Warning(_Model):
    code: str = Field(description="Stable warning code (varningskod), e.g. 'unplaced-line'.")
    message: str = Field(description="What was seen and could not be placed (meddelande).")
    page: int | None = Field(None, description="Page where it was seen (sida), 1-based.")


class Document(_Model):
    schema_version: str = Field(SCHEMA_VERSION, description="Version of the output contract (schemaversion).")
    kind: Kind = Field(description="Document kind (dokumenttyp): protokoll, protokollsutdrag, tjansteskrivelse, kallelse, bilaga, okand.")
    source: Source | None = Field(None, description="Where the input came from (källa). Null for enclosures.")
    pages: list[int] = Field(default_factory=list, description="Pages of the input this document occupies (sidor), 1-based.")
    header: Header = Field(default_factory=Header, description="Document header (dokumenthuvud).")
    meeting: Meeting | None = Field(None, description="Meeting facts (sammanträde): datum, tid, plats, paragrafer.")
    paragraphs: list[Paragraph] = Field(default_factory=list, description="The §§ of the body (paragrafer), not the table of contents.")
    proposal: Proposal | None = Field(None, description="The document's own proposal (förslag till beslut), for a tjänsteskrivelse.")
    sections: list[Section] = Field(default_factory=list, description="Free-text sections in order (avsnitt): Sammanfattning, Ärendebeskrivning …")
    attachments: list[Attachment] = Field(default_factory=list, description="Attachments listed by the document itself (bilagor).")
    recipients: list[str] = Field(default_factory=list, description="Who the decision is sent to (beslutet skickas till), for a tjänsteskrivelse.")
    attendance: Attendance | None = Field(None, description="Attendance (närvaro): beslutande, ersättare, övriga, frånvarande.")
    signatures: list[Signature] = Field(default_factory=list, description="Signatures (underskrifter).")
    verification: Verification | None = Field(None, description="Justering (justeringens plats och tid).")
    posting: Posting | None = Field(None, description="Notice of posting (anslag / bevis).")
    author: Author | None = Field(None, description="Case officer (handläggare), for a tjänsteskrivelse.")
    enclosures: list[Document] = Field(default_factory=list, description="Documents bundled in the same file (bifogade handlingar).")
    warnings: list[Warning] = Field(default_factory=list, description="What the parser saw but could not place (varningar).")


Document.model_rebuild()
