"""Random but realistic content of Swedish municipal meeting documents.

Everything here is drawn from one seeded ``random.Random``; nothing depends on the
layout.  The layout (``axes.py``) decides how the content is printed, and ``gold.py``
states what was printed.  Text is written from slot templates so that it wraps and
reads like real minutes.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

# ---------------------------------------------------------------------------
# Issuers, bodies, departments

# name, kind (kommun | stad | region | forbund), ort, e-mail domain, phone prefix, postnummer
ISSUERS: list[tuple[str, str, str, str, str, str]] = [
    ("Tyresö kommun", "kommun", "Tyresö", "tyreso.se", "08-578", "135 81"),
    ("Alingsås kommun", "kommun", "Alingsås", "alingsas.se", "0322-61", "441 81"),
    ("Kungsbacka kommun", "kommun", "Kungsbacka", "kungsbacka.se", "0300-83", "434 81"),
    ("Lomma kommun", "kommun", "Lomma", "lomma.se", "040-641", "234 81"),
    ("Jönköpings kommun", "kommun", "Jönköping", "jonkoping.se", "036-10", "551 89"),
    ("Göteborgs Stad", "stad", "Göteborg", "goteborg.se", "031-365", "404 82"),
    ("Härnösands kommun", "kommun", "Härnösand", "harnosand.se", "0611-34", "871 80"),
    ("Lunds kommun", "kommun", "Lund", "lund.se", "046-359", "221 00"),
    ("Region Skåne", "region", "Kristianstad", "skane.se", "044-309", "291 89"),
    ("Region Stockholm", "region", "Stockholm", "regionstockholm.se", "08-123", "118 91"),
    ("Region Västerbotten", "region", "Umeå", "regionvasterbotten.se", "090-785", "901 89"),
    ("Region Jämtland Härjedalen", "region", "Östersund", "regionjh.se", "063-14", "831 83"),
    ("Räddningstjänsten Syd", "forbund", "Malmö", "rsyd.se", "040-620", "212 19"),
    ("Tolkförmedling Väst", "forbund", "Göteborg", "tolkformedlingvast.se", "031-725", "405 34"),
    ("Södertörns brandförsvarsförbund", "forbund", "Huddinge", "sbff.se", "08-721", "141 71"),
    ("Alingsås och Vårgårda Räddningstjänstförbund", "forbund", "Alingsås", "avrf.se", "0322-61", "441 30"),
    ("Umeå kommun", "kommun", "Umeå", "umea.se", "090-16", "901 84"),
    ("Luleå kommun", "kommun", "Luleå", "lulea.se", "0920-45", "971 85"),
    ("Östersunds kommun", "kommun", "Östersund", "ostersund.se", "063-14", "831 82"),
    ("Sundsvalls kommun", "kommun", "Sundsvall", "sundsvall.se", "060-19", "851 85"),
    ("Gävle kommun", "kommun", "Gävle", "gavle.se", "026-17", "801 84"),
    ("Uppsala kommun", "kommun", "Uppsala", "uppsala.se", "018-727", "753 75"),
    ("Västerås stad", "stad", "Västerås", "vasteras.se", "021-39", "721 87"),
    ("Örebro kommun", "kommun", "Örebro", "orebro.se", "019-21", "701 35"),
    ("Norrköpings kommun", "kommun", "Norrköping", "norrkoping.se", "011-15", "601 81"),
    ("Linköpings kommun", "kommun", "Linköping", "linkoping.se", "013-20", "581 81"),
    ("Kalmar kommun", "kommun", "Kalmar", "kalmar.se", "0480-45", "391 26"),
    ("Växjö kommun", "kommun", "Växjö", "vaxjo.se", "0470-41", "351 12"),
    ("Karlskrona kommun", "kommun", "Karlskrona", "karlskrona.se", "0455-30", "371 83"),
    ("Helsingborgs stad", "stad", "Helsingborg", "helsingborg.se", "042-10", "251 89"),
    ("Malmö stad", "stad", "Malmö", "malmo.se", "040-34", "205 80"),
    ("Borås Stad", "stad", "Borås", "boras.se", "033-35", "501 80"),
    ("Trollhättans Stad", "stad", "Trollhättan", "trollhattan.se", "0520-49", "461 83"),
    ("Skövde kommun", "kommun", "Skövde", "skovde.se", "0500-49", "541 83"),
    ("Karlstads kommun", "kommun", "Karlstad", "karlstad.se", "054-540", "651 84"),
    ("Falu kommun", "kommun", "Falun", "falun.se", "023-83", "791 83"),
    ("Kiruna kommun", "kommun", "Kiruna", "kiruna.se", "0980-70", "981 85"),
    ("Höörs kommun", "kommun", "Höör", "hoor.se", "0413-280", "243 80"),
    ("Tjörns kommun", "kommun", "Skärhamn", "tjorn.se", "0304-60", "471 80"),
    ("Lerums kommun", "kommun", "Lerum", "lerum.se", "0302-52", "443 80"),
    ("Partille kommun", "kommun", "Partille", "partille.se", "031-792", "433 82"),
    ("Mölndals stad", "stad", "Mölndal", "molndal.se", "031-315", "431 82"),
    ("Vårgårda kommun", "kommun", "Vårgårda", "vargarda.se", "0322-60", "447 80"),
    ("Åre kommun", "kommun", "Järpen", "are.se", "0647-161", "837 80"),
    ("Älvkarleby kommun", "kommun", "Skutskär", "alvkarleby.se", "026-830", "814 80"),
    ("Övertorneå kommun", "kommun", "Övertorneå", "overtornea.se", "0927-720", "957 85"),
]

# name, abbreviation, parent (to which its proposals go), department, kinds that have it
ORGANS: list[tuple[str, str, str | None, str, str]] = [
    ("Kommunfullmäktige", "KF", None, "Kommunledningskontoret", "kommun stad"),
    ("Kommunstyrelsen", "KS", "Kommunfullmäktige", "Kommunstyrelseförvaltningen", "kommun stad"),
    ("Kommunstyrelsens arbetsutskott", "KSAU", "Kommunstyrelsen", "Kommunledningskontoret", "kommun stad"),
    ("Kommunledningsutskottet", "KLU", "Kommunstyrelsen", "Kommunstyrelseförvaltningen", "kommun"),
    ("Barn- och utbildningsnämnden", "BUN", "Kommunfullmäktige", "Utbildningsförvaltningen", "kommun stad"),
    ("Barn- och ungdomsnämnden", "BUN", "Kommunfullmäktige", "Barn- och ungdomsförvaltningen", "kommun"),
    ("Socialnämnden", "SN", "Kommunfullmäktige", "Socialförvaltningen", "kommun stad"),
    ("Socialnämndens arbetsutskott", "SNAU", "Socialnämnden", "Socialförvaltningen", "kommun"),
    ("Bygg- och miljönämnden", "BMN", "Kommunfullmäktige", "Samhällsbyggnadsförvaltningen", "kommun"),
    ("Byggnadsnämnden", "BN", "Kommunfullmäktige", "Samhällsbyggnadskontoret", "kommun stad"),
    ("Byggnadsnämndens arbetsutskott", "BNAU", "Byggnadsnämnden", "Samhällsbyggnadskontoret", "kommun"),
    ("Tekniska nämnden", "TN", "Kommunfullmäktige", "Tekniska förvaltningen", "kommun stad"),
    ("Kultur- och fritidsnämnden", "KFN", "Kommunfullmäktige", "Kultur- och fritidsförvaltningen", "kommun stad"),
    ("Vård- och omsorgsnämnden", "VON", "Kommunfullmäktige", "Vård- och omsorgsförvaltningen", "kommun"),
    ("Överförmyndarnämnden", "ÖFN", "Kommunfullmäktige", "Kommunledningskontoret", "kommun"),
    ("Miljö- och hälsoskyddsnämnden", "MHN", "Kommunfullmäktige", "Miljöförvaltningen", "kommun stad"),
    ("Regionfullmäktige", "RF", None, "Regionledningskontoret", "region"),
    ("Regionstyrelsen", "RS", "Regionfullmäktige", "Regionledningskontoret", "region"),
    ("Hälso- och sjukvårdsnämnden", "HSN", "Regionstyrelsen", "Hälso- och sjukvårdsförvaltningen", "region"),
    ("Regionala utvecklingsnämnden", "RUN", "Regionstyrelsen", "Avdelningen för regional utveckling", "region"),
    ("Kollektivtrafiknämnden", "KTN", "Regionstyrelsen", "Trafikförvaltningen", "region"),
    ("Direktionen", "DIR", None, "Förbundskontoret", "forbund"),
    ("Förbundsstyrelsen", "FS", None, "Förbundskontoret", "forbund"),
]

MEETING_ROOMS = [
    "Sammanträdesrum {a}, kommunhuset", "Kommunhuset, sal {b}", "Stadshuset, Sessionssalen",
    "Rådhuset, {ort}", "Förvaltningshuset, rum {a}", "Digitalt via Teams", "{a}, Stadshuset {ort}",
    "Kommunfullmäktigesalen, {ort}", "Regionens hus, lokal {a}", "Brandstationen, {ort}",
    "Konferensrum {a}, {street}",
]
ROOM_NAMES = ["Bollmora", "Älgen", "Ekbacken", "Väktaren", "Rumlaborg", "Kungsbackarummet", "Tallen",
              "Storsjön", "Gläntan", "Utsikten", "Hamnen", "Björken", "Lärkan", "Kompassen"]
STREETS = ["Storgatan 37", "Järnvägsgatan 5", "Kyrkogatan 12", "Stora torget 1", "Drottninggatan 4",
           "Centrumvägen 2", "Rådhusgatan 3", "Östra vägen 18", "Parkgatan 9"]
STORAGE = ["Kommunkansliet", "Kommunkansliets arkiv plan {n}", "Rådhuset, {ort}", "Stadshuset, {ort}",
           "Kanslienheten, kommunhuset", "Registraturen, {street}", "Förbundskontoret, {ort}",
           "Nämndadministrationen, {street}"]

# ---------------------------------------------------------------------------
# People

FIRST = [
    "Anna", "Eva", "Maria", "Karin", "Kristina", "Lena", "Sara", "Ingrid", "Birgitta", "Elisabeth", "Malin",
    "Emma", "Johanna", "Camilla", "Ulrika", "Hanna", "Helena", "Annika", "Linda", "Susanne", "Åsa", "Märta",
    "Ebba", "Signe", "Agneta", "Gunilla", "Margareta", "Sofia", "Jenny", "Therese", "Ylva", "Ingela",
    "Lars", "Anders", "Johan", "Per", "Mikael", "Erik", "Karl", "Peter", "Jan", "Thomas", "Hans", "Bengt",
    "Fredrik", "Magnus", "Daniel", "Mats", "Stefan", "Ulf", "Björn", "Göran", "Henrik", "Oskar", "Jonas",
    "Niklas", "Martin", "Patrik", "Mattias", "Åke", "Örjan", "Sören", "Torbjörn", "Gunnar", "Leif", "Kjell",
    "Rune", "Bo", "Sven", "Olof", "Holger", "Christoffer", "Dennis", "Thure", "Heinrich", "Kerstin",
]
FIRST_HYPHEN = ["Eva-Lotta", "Ann-Christin", "Jan-Erik", "Per-Olof", "Karl-Johan", "Ann-Sofie", "Lars-Göran",
                "Anna-Karin", "Britt-Marie", "Carl-Henrik", "Lena-Maria", "Ann-Lie", "Per-Gordon", "Pär-Göran"]
FIRST_OTHER = ["Ahmed", "Fatima", "Mohammed", "Amira", "Hassan", "Leyla", "Ali", "Zeynep", "Dragan", "Mirela",
               "Dimitrios", "Ioanna", "Piotr", "Agnieszka", "José", "Kwame", "Amina", "Tariq", "Nadia", "Reza",
               "Shirin", "Juan", "Lucía", "Hamid", "Yasmin", "François", "Tomasz", "Ifrah", "Luzaan", "Kasra"]
LAST = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
    "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson", "Lindberg",
    "Jakobsson", "Magnusson", "Lindström", "Olofsson", "Lindqvist", "Lindgren", "Berg", "Axelsson",
    "Bergström", "Lundberg", "Lind", "Lundgren", "Lundqvist", "Mattsson", "Berglund", "Fredriksson",
    "Sandberg", "Henriksson", "Forsberg", "Sjöberg", "Wallin", "Engström", "Danielsson", "Håkansson",
    "Eklund", "Lundin", "Gunnarsson", "Björk", "Holm", "Samuelsson", "Fransson", "Wikström", "Isaksson",
    "Bergman", "Nyström", "Holmberg", "Arvidsson", "Löfgren", "Söderberg", "Nyberg", "Blomqvist",
    "Claesson", "Nordström", "Mårtensson", "Åkesson", "Öberg", "Ekström", "Hedlund", "Sundberg", "Sjögren",
    "Strand", "Holmgren", "Åberg", "Ström", "Dahlberg", "Ljungberg", "Öhman", "Östlund", "Thorman",
    "Grapenholm", "Bergkuist", "Hollmark", "Elvhage", "Wickberg", "Ronström", "Sandén", "Kaufmann",
]
LAST_DOUBLE = ["Larsson Utter", "Hedén Unosson", "Nilsson Ludvigsson", "Tulokas Olsson", "Lundberg Björk",
               "Alvdén Bona", "Janson Josephsson", "Kronberg Thor", "Wallin Salthammer", "Grange Petrusson",
               "Hankanen Ängberg", "Ingels Fagerlund"]
LAST_HYPHEN = ["Riis-Pedersen", "Mattsson-Hill", "Bui-Ljungqvist", "Sandberg-Nilsson", "Holm-Ek",
               "Berg-Sjöström", "Nord-Åkerman"]
LAST_PARTICLE = ["af Klercker", "de Mander", "von Platen", "af Ugglas", "de Geer", "von Essen", "af Sillén"]
LAST_OTHER = ["Hassan", "Yilmaz", "Kovacevic", "Nowak", "Papadopoulos", "Haddad", "Rahimi", "Mensah",
              "Okafor", "Rodríguez", "Ahmadi", "Müller", "Dubois", "Rossi", "Popovic", "Said", "Mulumba",
              "Arvanitidis", "Gemicioglu", "Hassirian", "Sebestyén", "Asgari", "Kirih", "Sadoughi"]

PARTIES = ["S", "M", "SD", "C", "V", "KD", "L", "MP"]
PARTY_WEIGHTS = [30, 20, 16, 8, 8, 6, 6, 6]
LOCAL_PARTIES = ["TP", "SPI", "ÖP", "KSP", "LP", "VÄP", "SJVP"]

OFFICIAL_TITLES = [
    "kommundirektör", "kommunsekreterare", "nämndsekreterare", "förvaltningschef", "ekonomichef",
    "controller", "utvecklingsledare", "stadsbyggnadschef", "planarkitekt", "bygglovshandläggare",
    "enhetschef", "verksamhetschef", "HR-chef", "kommunikationschef", "säkerhetschef", "miljöinspektör",
    "socialchef", "skolchef", "kanslichef", "förvaltningsjurist", "nämndadministratör", "utredare",
    "ekonom", "områdeschef", "planeringschef", "registrator",
]
SECRETARY_TITLES = ["nämndsekreterare", "kommunsekreterare", "sekreterare", "nämndadministratör"]
REGION_TITLES = {"kommundirektör": "regiondirektör", "kommunsekreterare": "regionsekreterare"}
FORBUND_TITLES = {"kommundirektör": "förbundsdirektör", "kommunsekreterare": "förbundssekreterare"}

UNITS = [
    "kommunstyrelseförvaltningen", "kommunledningskontoret", "socialförvaltningen", "utbildningsförvaltningen",
    "samhällsbyggnadsförvaltningen", "samhällsbyggnadskontoret", "kultur- och fritidsförvaltningen",
    "miljö- och byggförvaltningen", "tekniska förvaltningen", "vård- och omsorgsförvaltningen",
    "ekonomiavdelningen", "kansliavdelningen", "HR-avdelningen",
]

CHAIR_ROLES = ["ordförande"]
VICE_ROLES = [["vice ordförande"], ["1:e vice ordförande", "2:e vice ordförande"],
              ["förste vice ordförande", "andre vice ordförande"], ["1:e vice ordförande", "andre vice ordförande"]]

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]
WEEKDAYS_DEF = ["måndagen", "tisdagen", "onsdagen", "torsdagen", "fredagen", "lördagen", "söndagen"]


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    party: str | None  # None: independent, printed "(-)"

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Official:
    name: str
    title: str
    unit: str | None


@dataclass
class Presence:
    """Part of the meeting a member served: how the note is worded is the layout's business."""

    kind: str  # range | list | except | jav | from | to
    numbers: list[int]  # the §§ served, sorted
    pivot: int  # the § the note names (excluded §, first § of "från", last § of "t.o.m.")
    times: tuple[str, str] | None = None  # clock times printed with the note


def presence_of(kind: str, served: list[int], pivot: int | None = None, times: tuple[str, str] | None = None) -> Presence:
    """A Presence whose pivot follows from its kind (a non-contiguous range becomes a list)."""
    if kind == "range" and served != list(range(served[0], served[-1] + 1)):
        kind = "list"
    if pivot is None:
        pivot = served[-1] if kind == "to" else served[0]
    return Presence(kind, served, pivot, times)


@dataclass
class Serving:
    person: Person
    role: str | None
    substitute_for: Person | None = None
    presence: Presence | None = None

    @property
    def served(self) -> list[int] | None:
        return None if self.presence is None else self.presence.numbers


@dataclass
class Substitute:
    person: Person
    presence: Presence | None = None  # non-serving ersättare present for part of the meeting


@dataclass
class Item:
    """One att-sats in two wordings: infinitive ("godkänna rapporten") and a sentence."""

    inf: str
    sentence: str


@dataclass
class ProposalSpec:
    heading_kind: str  # plain | by | by_to | admin
    by: str | None
    to: str | None
    items: list[Item]


@dataclass
class Motion:
    by: list[Person]
    text: str  # what is moved, from after "yrkar", no final stop


@dataclass
class Vote:
    yes_for: str  # what a ja-röst means
    no_for: str
    ballots: list[tuple[Person, str]]  # (person, ja|nej|avstår) of those serving at the §
    empty_seats: list[Person] = field(default_factory=list)  # absent, nobody serving for them

    def count(self, vote: str) -> int:
        return sum(1 for _, v in self.ballots if v == vote)


@dataclass
class Reservation:
    by: list[Person]
    text: str | None
    reason: str


@dataclass
class Note:
    kind: str  # protokollsanteckning | särskilt yttrande
    by: list[Person]
    text: str


@dataclass
class Para:
    number: int
    title: str
    dnr: str | None
    kind: str
    description: list[str] = field(default_factory=list)  # paragraphs of free text
    attachments: list[str] = field(default_factory=list)
    proposal: ProposalSpec | None = None
    decision: list[Item] | None = None
    forward_to: str | None = None  # decision worded as a proposal to this organ
    motions: list[Motion] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    reservations: list[Reservation] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    recused: list[Person] = field(default_factory=list)
    restricted: bool = False
    immediately_adjusted: bool = False
    recipients: list[str] = field(default_factory=list)
    justerare_text: str | None = None  # "X utses att justera" for a Val av justerare §


@dataclass
class Issuer:
    name: str
    kind: str
    ort: str
    domain: str
    phone_prefix: str
    postcode: str
    street: str


@dataclass
class Organ:
    name: str
    abbr: str
    parent: str | None
    department: str


@dataclass
class Meeting:
    issuer: Issuer
    organ: Organ
    date: dt.date
    start: str  # HH:MM
    end: str
    adjournment: tuple[str, str] | None
    place: str
    numbers: list[int]  # every § of the meeting (the protocol's range)
    paragraphs: list[Para]
    members: list[Serving]
    substitutes: list[Substitute]
    others: list[Official]
    absent: list[Person]
    secretary: Official
    chair: Person
    adjusters: list[Person]
    verification_date: dt.date
    verification_place: str
    posted_on: dt.date
    removed_on: dt.date
    storage: str
    protocol_no: int
    dnr_form: str
    utdrag_number: int | None = None  # the § a protokollsutdrag prints


@dataclass
class Author:
    name: str
    title: str
    phone: str
    email: str


@dataclass
class Memo:
    """A tjänsteskrivelse."""

    issuer: Issuer
    organ: Organ  # the body addressed
    department: str
    title: str
    date: dt.date
    dnr: str
    author: Author
    proposal: ProposalSpec
    sections: list[tuple[str, list[str]]]
    signers: list[tuple[str, str]]  # (name, title as printed)
    recipients: list[str]
    attachments: list[str]


@dataclass
class AgendaItem:
    number: int
    title: str
    dnr: str | None
    group: str  # information | beslut
    proposal: list[Item] | None
    presenter: str | None


@dataclass
class Notice:
    """A kallelse."""

    issuer: Issuer
    organ: Organ
    notice_date: dt.date
    date: dt.date
    start: str
    end: str | None
    place: str
    items: list[AgendaItem]
    signers: list[tuple[str, str]]
    absence_contact: tuple[str, str]  # (name, phone) for "Förhinder anmäls till …"


# ---------------------------------------------------------------------------
# helpers


def genitive(name: str) -> str:
    return name if name.endswith("s") else name + "s"


def lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def iso(d: dt.date) -> str:
    return d.isoformat()


def long_date(d: dt.date, weekday: bool = False) -> str:
    text = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return f"{WEEKDAYS_DEF[d.weekday()]} den {text}" if weekday else text


def ascii_mail(name: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "ó": "o", "í": "i", "ç": "c",
                           "ñ": "n", "ø": "o", "æ": "ae"})
    parts = name.lower().translate(table).replace("-", "").split()
    return ".".join([parts[0], parts[-1]])


def add_minutes(hhmm: str, minutes: int) -> str:
    h, m = map(int, hhmm.split(":"))
    total = h * 60 + m + minutes
    return f"{total // 60:02d}:{total % 60:02d}"


def weekday_after(d: dt.date, days: int) -> dt.date:
    out = d + dt.timedelta(days=days)
    while out.weekday() >= 5:
        out += dt.timedelta(days=1)
    return out


# ---------------------------------------------------------------------------
# diarienummer forms (vocabulary.md); one form per document

DNR_FORMS = ["y/ORG nnnn ccc", "ORG/y/nnnn/nnnn", "ORG y/nnn", "y.nnn ORG", "ORG-y-nnnnn", "Org/y:nnn ccc",
             "nnnnn/y", "yy.nnn-ccc", "yy/nnnn-n"]


def make_dnr(rng: random.Random, form: str, year: int, abbr: str) -> str:
    serial = rng.randint(1, 980)
    code = rng.choice([5, 41, 106, 214, 600, 2, 12, 700, 9])
    yy = year % 100
    if form == "y/ORG nnnn ccc":
        return f"{year}/{abbr} {serial:04d} {code:03d}"
    if form == "ORG/y/nnnn/nnnn":
        return f"{abbr}/{year}/{rng.randint(1, 40):04d}/{serial:04d}"
    if form == "ORG y/nnn":
        return f"{abbr} {year}/{serial:03d}"
    if form == "y.nnn ORG":
        return f"{year}.{serial:03d} {abbr}"
    if form == "ORG-y-nnnnn":
        return f"{abbr}-{year}-{serial * rng.randint(1, 9):05d}"
    if form == "Org/y:nnn ccc":
        return f"{abbr[:1]}{abbr[1:].lower()}/{year}:{serial} {code * 100 if code < 10 else code}"
    if form == "nnnnn/y":
        return f"{serial:05d}/{year}"
    if form == "yy.nnn-ccc":
        return f"{yy:02d}.{serial:03d}-{code:03d}"
    if form == "yy/nnnn-n":
        return f"{yy:02d}/{serial:04d}-{rng.randint(1, 9)}"
    raise ValueError(form)


# ---------------------------------------------------------------------------
# the generator


class ContentMaker:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used_names: set[str] = set()

    # -- people ---------------------------------------------------------------
    def person(self, party: str | None = "?", local: str | None = None) -> Person:
        rng = self.rng
        while True:
            r = rng.random()
            first = rng.choice(FIRST_HYPHEN) if r < 0.12 else rng.choice(FIRST_OTHER) if r < 0.2 else rng.choice(FIRST)
            r = rng.random()
            if r < 0.08:
                last = rng.choice(LAST_DOUBLE)
            elif r < 0.13:
                last = rng.choice(LAST_HYPHEN)
            elif r < 0.17:
                last = rng.choice(LAST_PARTICLE)
            elif r < 0.25 or first in FIRST_OTHER:
                last = rng.choice(LAST_OTHER + LAST[:10]) if first in FIRST_OTHER else rng.choice(LAST_OTHER)
            else:
                last = rng.choice(LAST)
            name = f"{first} {last}"
            if name not in self.used_names:
                self.used_names.add(name)
                break
        if party == "?":
            party = self.party(local)
        return Person(first, last, party)

    def party(self, local: str | None) -> str | None:
        r = self.rng.random()
        if r < 0.015:
            return None
        if local and r < 0.07:
            return local
        return self.rng.choices(PARTIES, PARTY_WEIGHTS)[0]

    def official(self, title: str | None = None, unit: str | None = "?", issuer_kind: str = "kommun") -> Official:
        p = self.person(party=None)
        title = title or self.rng.choice(OFFICIAL_TITLES)
        if issuer_kind == "region":
            title = REGION_TITLES.get(title, title)
        elif issuer_kind == "forbund":
            title = FORBUND_TITLES.get(title, title)
        if unit == "?":
            unit = self.rng.choice(UNITS) if self.rng.random() < 0.6 else None
        return Official(p.name, title, unit)

    # -- issuer and organ ---------------------------------------------------------
    def issuer(self) -> Issuer:
        name, kind, ort, domain, phone, postcode = self.rng.choice(ISSUERS)
        return Issuer(name, kind, ort, domain, phone, postcode, self.rng.choice(STREETS))

    def organ(self, issuer: Issuer) -> Organ:
        options = [o for o in ORGANS if issuer.kind in o[4].split()]
        name, abbr, parent, dept, _ = self.rng.choice(options)
        return Organ(name, abbr, parent, dept)

    def place(self, issuer: Issuer) -> str:
        tpl = self.rng.choice(MEETING_ROOMS)
        return tpl.format(a=self.rng.choice(ROOM_NAMES), b=self.rng.choice("ABCD"), ort=issuer.ort, street=issuer.street)

    def phone(self, issuer: Issuer) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.15:
            return f"070-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        digits = f"{rng.randint(10, 99)} {rng.randint(10, 99)}"
        return f"{issuer.phone_prefix} {digits}" if r < 0.8 else f"{issuer.phone_prefix}{rng.randint(1, 9)} {digits}"

    # -- dates and times ----------------------------------------------------------
    def meeting_date(self) -> dt.date:
        rng = self.rng
        while True:
            d = dt.date(rng.randint(2012, 2026), rng.randint(1, 12), rng.randint(1, 28))
            if d.weekday() < 4 and d.month != 7:
                return d

    def times(self) -> tuple[str, str, tuple[str, str] | None]:
        rng = self.rng
        start = f"{rng.choice([8, 8, 9, 9, 10, 13, 13, 14, 15, 17, 18]):02d}:{rng.choice(['00', '00', '15', '30'])}"
        length = rng.randint(2, 20) * 15 + rng.choice([0, 5, 10])
        end = add_minutes(start, length)
        adjourn = None
        if length >= 90 and rng.random() < 0.35:
            a = add_minutes(start, rng.randint(3, length // 15 - 3) * 15 + rng.choice([0, 10]))
            adjourn = (a, add_minutes(a, rng.choice([10, 15, 20, 30, 45])))
        return start, end, adjourn

    # -- text -----------------------------------------------------------------------
    def sentences(self, ctx: dict[str, str], n: int) -> str:
        picks = self.rng.sample(SENTENCES, k=min(n, len(SENTENCES)))
        return " ".join(s.format(**ctx) for s in picks)

    def ctx(self, issuer: Issuer, organ: Organ, year: int, topic: str) -> dict[str, str]:
        rng = self.rng
        return {
            "dept": organ.department, "dept_l": lower_first(organ.department), "organ": organ.name,
            "organ_l": lower_first(organ.name), "organ_g": lower_first(genitive(organ.name)),
            "ort": issuer.ort, "issuer": issuer.name, "topic": topic, "y": str(year), "y1": str(year + 1),
            "y3": str(year + 3), "amount": f"{rng.randint(2, 950)} {rng.randint(100, 999)}",
            "tkr": str(rng.randint(120, 9800)), "pct": f"{rng.randint(1, 9)},{rng.randint(0, 9)}",
            "month": rng.choice(MONTHS), "goal": rng.choice(GOALS), "n": str(rng.randint(2, 240)),
            "place": f"{rng.choice(PLACES)} {rng.randint(1, 30)}:{rng.randint(1, 200)}",
            "day": str(rng.randint(1, 28)),
        }


GOALS = ["en god och hållbar livsmiljö", "trygga och attraktiva bostadsområden", "en likvärdig skola",
         "minskad klimatpåverkan", "ett starkt och växande näringsliv", "en effektiv och rättssäker förvaltning",
         "god ekonomisk hushållning", "ökad delaktighet och inflytande", "en tillgänglig kollektivtrafik"]
PLACES = ["Skörvalla", "Erska", "Nolhaga", "Bollmora", "Särö", "Stora Mellby", "Kvarnbacken", "Tallåsen",
          "Hagalund", "Norrby", "Sörgården", "Lyckan", "Ekeby", "Lindome", "Tornby"]
TOPICS = ["laddstationer för elcyklar", "fler bostäder i centrum", "trygghetsvandringar i bostadsområden",
          "gratis simundervisning för barn", "ökad andel närproducerad mat i skolan", "belysning längs gång- och cykelvägar",
          "en fritidsgård i Norrby", "solceller på kommunens fastigheter", "hundrastgårdar i tätorten",
          "längre öppettider på biblioteken", "digital anslagstavla", "förbättrad snöröjning",
          "sommarjobb för ungdomar", "lokal krisberedskap", "stöd till föreningslivet", "fria mensskydd i skolan"]
POLICIES = ["riktlinjer för representation", "policy för informationssäkerhet", "reglemente för nämnden",
            "delegationsordning", "arkivreglemente", "riktlinjer för bostadsanpassning", "taxa för bygglov",
            "attestreglemente", "riktlinjer för medborgarförslag", "plan för krisberedskap",
            "riktlinjer för ekonomiskt bistånd", "dokumenthanteringsplan"]
REMISS = ["Regional utvecklingsstrategi", "Program för klimatanpassning", "Biblioteksplan 2025–2029",
          "Förslag till ny vattenförsörjningsplan", "Trafikförsörjningsprogram", "Regional cykelstrategi",
          "Avfallsplan för regionen", "Betänkandet En mer likvärdig skola"]
TAXES = ["tillsyn enligt miljöbalken", "livsmedelskontroll", "plan- och bygglovsverksamheten",
         "serveringstillstånd", "felparkeringsavgifter", "kulturskolan", "färdtjänst", "vatten och avlopp"]
ORGS = ["AB {ort} Rådhus", "{ort} Energi AB", "{ort}hem AB", "Samordningsförbundet", "Stiftelsen {ort} Kulturhus"]

SENTENCES = [
    "{dept} har tagit fram ett förslag som rör {topic}.",
    "Ärendet har beretts av {organ_l} och förvaltningen har inhämtat synpunkter från berörda verksamheter.",
    "Förvaltningen bedömer att förslaget ligger i linje med kommunens mål om {goal}.",
    "Kostnaden beräknas till {amount} kronor och ryms inom befintlig budgetram för år {y}.",
    "Under perioden har antalet ärenden ökat med {pct} procent jämfört med samma period föregående år.",
    "Resultatet för perioden visar ett underskott om {tkr} tkr, främst till följd av ökade kostnader för köpta platser.",
    "Förslaget innebär att arbetet samordnas med övriga förvaltningar och redovisas till {organ_l} senast i {month} {y1}.",
    "Syftet är att skapa tydliga förutsättningar för verksamheten och en mer rättssäker handläggning.",
    "Samråd har skett med de fackliga organisationerna enligt medbestämmandelagen.",
    "Den sammantagna bedömningen är att åtgärden bidrar till {goal} utan att verksamhetens kvalitet försämras.",
    "Förvaltningen föreslår att uppföljningen sker i samband med delårsrapporten per den 31 augusti {y}.",
    "Ärendet avser fastigheten {place} i {ort} och har remitterats till berörda sakägare.",
    "Nuvarande dokument antogs för flera år sedan och behöver uppdateras utifrån ändrad lagstiftning.",
    "En barnkonsekvensanalys har genomförts och bedömningen är att förslaget inte påverkar barn negativt.",
    "Det finns {n} inkomna synpunkter som har sammanställts i en särskild samrådsredogörelse.",
    "Verksamheten har under året arbetat med att utveckla rutiner och gemensamma förhållningssätt.",
    "Förslaget har stämts av med ekonomiavdelningen och bedöms inte medföra några ytterligare kostnader.",
    "Arbetet ska genomföras i nära dialog med civilsamhället och näringslivet i {ort}.",
]


# ---------------------------------------------------------------------------
# § templates: (kind, title template, [(inf, sentence) templates], has dnr, description sentences)

PARA_TEMPLATES: list[tuple[str, str, list[tuple[str, str]], bool]] = [
    ("info", "Information från förvaltningen", [], False),
    ("info", "Informationsärenden", [], False),
    ("info", "Aktuellt från verksamheten", [], False),
    ("justerare", "Val av justerare", [], False),
    ("dagordning", "Godkännande av dagordning", [("godkänna dagordningen", "Dagordningen godkänns.")], False),
    ("meddelanden", "Meddelanden", [("lägga meddelandena till handlingarna", "Meddelandena läggs till handlingarna.")], False),
    ("delegation", "Redovisning av delegationsbeslut",
     [("lägga redovisningen av delegationsbeslut till handlingarna", "Redovisningen av delegationsbeslut läggs till handlingarna.")], True),
    ("uppfoljning", "Ekonomisk uppföljning per {month} {y}",
     [("godkänna den ekonomiska uppföljningen per {month} {y}", "Den ekonomiska uppföljningen per {month} {y} godkänns."),
      ("uppdra åt förvaltningen att återkomma med en åtgärdsplan för att nå en budget i balans senast i {month2} {y}",
       "Förvaltningen får i uppdrag att återkomma med en åtgärdsplan för att nå en budget i balans senast i {month2} {y}.")], True),
    ("uppfoljning", "Delårsrapport per den 31 augusti {y}",
     [("godkänna delårsrapporten per den 31 augusti {y}", "Delårsrapporten per den 31 augusti {y} godkänns."),
      ("överlämna delårsrapporten till {parent_l}", "Delårsrapporten överlämnas till {parent_l}.")], True),
    ("budget", "Budget {y1} och verksamhetsplan {y1}–{y3}",
     [("fastställa budget {y1} för {organ_l}", "Budget {y1} för {organ_l} fastställs."),
      ("anta verksamhetsplan för {y1}–{y3}", "Verksamhetsplan för {y1}–{y3} antas."),
      ("ge förvaltningschefen i uppdrag att fördela budgetramen mellan verksamheterna",
       "Förvaltningschefen får i uppdrag att fördela budgetramen mellan verksamheterna.")], True),
    ("motion", "Svar på motion gällande {topic} - {mover}",
     [("avslå motionen", "Motionen avslås."), ("anse motionen besvarad", "Motionen anses besvarad."),
      ("bifalla motionen", "Motionen bifalls.")], True),
    ("medborgarforslag", "Svar på medborgarförslag om {topic}",
     [("anse medborgarförslaget besvarat", "Medborgarförslaget anses besvarat."),
      ("avslå medborgarförslaget", "Medborgarförslaget avslås.")], True),
    ("plan", "Detaljplan för {place}, beslut om {stage}",
     [("godkänna planförslaget för {stage}", "Planförslaget godkänns för {stage}."),
      ("ge samhällsbyggnadskontoret i uppdrag att genomföra {stage} enligt plan- och bygglagen",
       "Samhällsbyggnadskontoret får i uppdrag att genomföra {stage} enligt plan- och bygglagen.")], True),
    ("policy", "Revidering av {policy}",
     [("anta reviderad version av {policy}", "Reviderad version av {policy} antas."),
      ("upphäva tidigare beslut i ärendet från {yp}", "Tidigare beslut i ärendet från {yp} upphävs.")], True),
    ("taxa", "Taxa för {tax} {y1}",
     [("fastställa taxa för {tax} att gälla från och med den 1 januari {y1}",
       "Taxa för {tax} fastställs att gälla från och med den 1 januari {y1}."),
      ("indexera timavgiften årligen enligt prisindex för kommunal verksamhet",
       "Timavgiften indexeras årligen enligt prisindex för kommunal verksamhet.")], True),
    ("remiss", "Yttrande över remiss - {remiss}",
     [("avge yttrande enligt förvaltningens förslag", "Yttrande avges enligt förvaltningens förslag."),
      ("översända yttrandet till remissinstansen", "Yttrandet översänds till remissinstansen.")], True),
    ("arsredovisning", "Årsredovisning {yp} för {org}",
     [("godkänna årsredovisningen för {yp}", "Årsredovisningen för {yp} godkänns."),
      ("bevilja styrelsen ansvarsfrihet för verksamhetsåret {yp}", "Styrelsen beviljas ansvarsfrihet för verksamhetsåret {yp}.")], True),
    ("bygglov", "Ansökan om bygglov för nybyggnad av {building} på fastigheten {place}",
     [("bevilja bygglov med stöd av 9 kap. 31 § plan- och bygglagen",
       "Bygglov beviljas med stöd av 9 kap. 31 § plan- och bygglagen."),
      ("ta ut en avgift om {amount} kronor enligt gällande taxa", "Avgiften fastställs till {amount} kronor enligt gällande taxa.")], True),
    ("internkontroll", "Internkontrollplan {y1}",
     [("anta internkontrollplan för {y1}", "Internkontrollplan för {y1} antas.")], True),
    ("initiativ", "Initiativärende från {mover} om {topic}",
     [("överlämna initiativärendet till förvaltningen för beredning",
       "Initiativärendet överlämnas till förvaltningen för beredning.")], True),
    ("sammantradesplan", "Sammanträdesplan för {y1}",
     [("fastställa sammanträdesplan för {y1}", "Sammanträdesplan för {y1} fastställs.")], True),
    ("val", "Val av ersättare i {organ_l} efter {leaving}",
     [("välja {new} till ny ersättare för tiden till och med den 31 december {term}",
       "{new} väljs till ny ersättare för tiden till och med den 31 december {term}.")], True),
]
STAGES = ["granskning", "samråd", "antagande"]
BUILDINGS = ["enbostadshus", "förskola", "lagerbyggnad", "flerbostadshus", "komplementbyggnad", "idrottshall"]

ATTACHMENT_TEMPLATES = [
    "Tjänsteskrivelse - {title}", "Tjänsteskrivelse {date}", "{dept}s tjänsteskrivelse, {date}",
    "§ {n} {au} {title}", "Bilaga 1 {title}", "Protokollsutdrag {parent} {date} § {n}", "Motion {date}",
    "Samrådsredogörelse", "Plankarta med bestämmelser", "Ekonomisk rapport per {month}", "Remissvar {date}",
    "Förslag till {policy}", "Barnkonsekvensanalys", "Projektbeställning, {date}",
]

MOTION_TEXTS = [
    "bifall till {prop_src} förslag", "att ärendet återremitteras till förvaltningen för vidare utredning",
    "avslag på {prop_src} förslag", "att ärendet bordläggs till nästa sammanträde",
    "att beslutet kompletteras med en uppföljning till {organ_l} i {month} {y1}",
    "att förvaltningen ges i uppdrag att utreda frågan om {topic}", "avslag på förslaget i sin helhet",
]
MOTION_TEXTS_MOTION = ["att motionen ska bifallas", "bifall till motionen", "att motionen ska anses besvarad"]

RESERVATION_TEXTS = [
    "Vi anser att förslaget inte tar tillräcklig hänsyn till {goal}. Förvaltningen borde ha fått i uppdrag att utreda alternativa lösningar innan beslut fattades. Därför reserverar vi oss mot beslutet.",
    "Beslutet innebär ökade kostnader som inte är finansierade inom ramen för budget {y}. Vi hade hellre sett att ärendet återremitterades för en fördjupad konsekvensanalys.",
    "Det är olyckligt att majoriteten inte vill pröva frågan om {topic}. Vårt förslag hade gett bättre förutsättningar för verksamheten i {ort}.",
]
NOTE_TEXTS = [
    "Vi vill understryka vikten av att uppföljningen sker kontinuerligt och att {organ_l} hålls informerad om hur arbetet fortskrider.",
    "Vi ställer oss bakom beslutet men vill betona att frågan om {topic} behöver följas upp under {y1}.",
    "Vi noterar att förvaltningen redan i dag arbetar med frågan och förutsätter att resurserna räcker till för att genomföra uppdraget.",
]

RECIPIENT_POOL = [
    "Kommunstyrelsen", "Kommunfullmäktige", "Ekonomiavdelningen", "Förvaltningschefen", "Barn- och utbildningsnämnden",
    "Socialnämnden", "Samhällsbyggnadskontoret - Planavdelningen", "Kommunledningskontoret", "Revisorerna",
    "Sökanden", "Länsstyrelsen", "Lantmäteriet", "Akten", "Vård- och omsorgsnämnden", "Tekniska nämnden",
    "Berörda sakägare", "Kultur- och fritidsnämnden", "Stadsbyggnadskontoret", "HR-avdelningen",
    "Nämnden för arbetsmarknad och vuxenutbildning",
]

MEMO_SECTIONS = [["Sammanfattning", "Ärendebeskrivning", "Förvaltningens bedömning", "Ekonomiska konsekvenser"],
                 ["Ärendebeskrivning", "Förvaltningens yttrande", "Ekonomisk bedömning"],
                 ["Sammanfattning av ärendet", "Bakgrund", "Beredning", "Konsekvensanalys"],
                 ["Beskrivning av ärendet", "Förvaltningens bedömning"]]
SIGNER_TITLES = ["Förvaltningschef", "Kommundirektör", "Ekonomichef", "Avdelningschef", "Tf förvaltningschef",
                 "Biträdande förvaltningschef", "Kanslichef", "Enhetschef", "Regiondirektör"]
AUTHOR_TITLES = ["Controller", "Utvecklingsledare", "Utredare", "Kommunsekreterare", "Planarkitekt", "Ekonom",
                 "Handläggare", "Strateg", "Kvalitetsutvecklare", "Miljöinspektör", "Verksamhetsutvecklare"]


def make_items(rng: random.Random, templates: list[tuple[str, str]], slots: dict[str, str], k: int) -> list[Item]:
    chosen = templates[: max(1, min(k, len(templates)))] if templates else []
    out = []
    for inf, sentence in chosen:
        inf_t, sen_t = inf.format(**slots), sentence.format(**slots)
        out.append(Item(inf_t, sen_t))
    return out


class Generator(ContentMaker):
    """Builds Meeting, Memo and Notice content."""

    # -- slots for titles and items ---------------------------------------------------
    def slots(self, issuer: Issuer, organ: Organ, year: int, mover: Person | None = None) -> dict[str, str]:
        rng = self.rng
        base = self.ctx(issuer, organ, year, rng.choice(TOPICS))
        parent = organ.parent or "Kommunfullmäktige"
        new = self.person()
        base.update({
            "parent": parent, "parent_l": lower_first(parent), "yp": str(year - 1),
            "policy": rng.choice(POLICIES), "tax": rng.choice(TAXES), "remiss": rng.choice(REMISS),
            "org": rng.choice(ORGS).format(ort=issuer.ort), "stage": rng.choice(STAGES), "building": rng.choice(BUILDINGS),
            "month2": rng.choice(MONTHS[8:]), "term": str(year + rng.randint(0, 3)),
            "mover": f"{mover.name} ({mover.party or '-'})" if mover else "", "leaving": self.person(party=None).name,
            "new": new.name,
        })
        return base

    def paragraph(self, number: int, issuer: Issuer, organ: Organ, year: int, dnr_form: str,
                  serving: list[Person], date: dt.date, template: tuple[str, str, list[tuple[str, str]], bool] | None = None) -> Para:
        rng = self.rng
        kind, title_t, item_t, has_dnr = template or rng.choice(PARA_TEMPLATES[6:])
        mover = rng.choice(serving) if serving else None
        slots = self.slots(issuer, organ, year, mover)
        title = title_t.format(**slots)
        dnr = make_dnr(rng, dnr_form, year if rng.random() < 0.7 else year - 1, organ.abbr) if has_dnr else None
        p = Para(number=number, title=title, dnr=dnr, kind=kind)
        if kind in {"info", "justerare", "dagordning", "meddelanden"}:
            if kind == "info" and rng.random() < 0.6:
                p.description = [self.sentences(slots, rng.randint(1, 2))]
            if kind == "meddelanden" or kind == "dagordning":
                p.decision = make_items(rng, item_t, slots, 1)
            if kind == "meddelanden":
                p.attachments = [f"{t} {iso(date - dt.timedelta(days=rng.randint(3, 40)))}" for t in
                                 rng.sample(["Skrivelse från Länsstyrelsen", "Protokoll från pensionärsrådet",
                                             "Cirkulär från SKR", "Beslut från Inspektionen för vård och omsorg",
                                             "Protokollsutdrag från kommunfullmäktige"], k=rng.randint(1, 3))]
            return p
        pool = rng.sample(SENTENCES, k=len(SENTENCES))
        p.description = []
        for _ in range(rng.randint(1, 3)):
            k = rng.randint(2, 4)
            p.description.append(" ".join(s.format(**slots) for s in pool[:k]))
            pool = pool[k:]
        date_s = iso(date - dt.timedelta(days=rng.randint(5, 40)))
        au = organ.abbr if organ.abbr.endswith("AU") else organ.abbr + "AU"
        att_slots = dict(slots, title=title, date=date_s, au=au, n=str(rng.randint(1, 200)), dept=organ.department)
        p.attachments = list(dict.fromkeys(t.format(**att_slots) for t in rng.sample(ATTACHMENT_TEMPLATES, k=rng.randint(0, 3))))
        items = make_items(rng, item_t, slots, rng.randint(1, len(item_t)))
        if kind == "motion":
            items = [rng.choice(item_t)]
            items = make_items(rng, items, slots, 1)
        if kind == "remiss" and rng.random() < 0.5:
            p.immediately_adjusted = True
        if kind == "delegation":
            p.attachments = [f"Delegationsbeslut {t}" for t in rng.sample(
                ["bistånd enligt socialtjänstlagen", "bygglov", "personalärenden", "upphandling", "färdtjänst",
                 "bostadsanpassning", "skolskjuts"], k=rng.randint(2, 4))]
        p.decision = items
        r = rng.random()
        if r < 0.35:
            parent = organ.parent
            if parent and rng.random() < 0.5:
                p.forward_to = parent
            else:
                p.proposal = self.proposal_spec(organ, items)
        if p.immediately_adjusted is False and rng.random() < 0.06:
            p.immediately_adjusted = True
        if rng.random() < 0.55:
            pool = [x for x in RECIPIENT_POOL if x != organ.name]
            p.recipients = rng.sample(pool, k=rng.randint(1, 3))
        return p

    def proposal_spec(self, organ: Organ, items: list[Item]) -> ProposalSpec:
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            return ProposalSpec("plain", None, None, items)
        if r < 0.5:
            return ProposalSpec("admin", "Förvaltningen", None, items)
        if r < 0.75:
            return ProposalSpec("by", "Arbetsutskottet", None, items)
        if organ.parent:
            sub = [o for o in ORGANS if o[2] == organ.name]
            proposer = sub[0][0] if sub else organ.department
            return ProposalSpec("by_to", proposer, organ.name, items)
        return ProposalSpec("by_to", organ.department, organ.name, items)

    # -- debate ---------------------------------------------------------------------------
    def debate(self, p: Para, serving: list[Person], slots: dict[str, str]) -> None:
        rng = self.rng
        if len(serving) < 4:
            return
        prop_src = rng.choice(["arbetsutskottets", "förvaltningens", "ordförandens", lower_first(genitive(slots["dept"]))])
        slots = dict(slots, prop_src=prop_src)
        n = rng.choice([1, 2, 2, 3])
        texts = rng.sample(MOTION_TEXTS + (MOTION_TEXTS_MOTION if p.kind in {"motion", "medborgarforslag"} else []), k=n)
        for t in texts:
            by = rng.sample(serving, k=rng.choice([1, 1, 1, 2, 3]))
            p.motions.append(Motion(by, t.format(**slots)))
        if rng.random() < 0.4 and len(p.motions) >= 2:
            parties = sorted({m.party for m in serving if m.party}, key=str)
            yes_parties = set(rng.sample(parties, k=max(1, len(parties) // 2 + rng.choice([0, 1]))))
            ballots = []
            for m in serving:
                if rng.random() < 0.06:
                    v = "avstår"
                else:
                    v = "ja" if (m.party in yes_parties) else "nej"
                ballots.append((m, v))
            # the proposal put first (ja) wins: a tie or a loss moves votes over to ja
            i = 0
            while sum(v == "ja" for _, v in ballots) <= sum(v == "nej" for _, v in ballots) and i < len(ballots):
                if ballots[i][1] != "ja":
                    ballots[i] = (ballots[i][0], "ja")
                i += 1
            p.votes.append(Vote(f"{prop_src} förslag", f"{genitive(p.motions[1].by[0].name)} yrkande", ballots))
        if rng.random() < 0.4:
            losers = [m for m in serving if not p.votes or dict((x.name, v) for x, v in p.votes[0].ballots).get(m.name) == "nej"]
            losers = losers or serving
            k = min(len(losers), rng.choice([1, 2, 3]))
            by = rng.sample(losers, k=k)
            text = rng.choice(RESERVATION_TEXTS).format(**slots) if rng.random() < 0.35 else None
            p.reservations.append(Reservation(by, text, rng.choice(["", " till förmån för eget yrkande"])))
        if rng.random() < 0.25:
            by = rng.sample(serving, k=rng.choice([1, 2]))
            kind = "protokollsanteckning" if rng.random() < 0.75 else "särskilt yttrande"
            p.notes.append(Note(kind, by, rng.choice(NOTE_TEXTS).format(**slots)))

    # -- presence ---------------------------------------------------------------------------
    def presence(self, numbers: list[int], kind: str, with_times: bool, start: str, end: str) -> Presence:
        rng = self.rng
        n = len(numbers)
        if kind == "range":
            a = rng.randint(0, n - 2)
            b = rng.randint(a, min(n - 1, a + max(1, n // 2)))
            if a == 0 and b == n - 1:
                b = n - 2
            return presence_of("range", numbers[a:b + 1])
        if kind in {"except", "jav"}:
            x = rng.choice(numbers)
            return presence_of(kind, [k for k in numbers if k != x], x)
        cut = rng.randint(1, n - 1)
        mid = add_minutes(start, 30 + 15 * rng.randint(0, 6))
        if mid >= end:
            mid = add_minutes(start, 15)
        if kind == "from":
            return presence_of("from", numbers[cut:], times=(mid, end) if with_times else None)
        return presence_of("to", numbers[:cut], times=(start, mid) if with_times else None)

    # -- a whole meeting -----------------------------------------------------------------------
    def meeting(self, n_paragraphs: int | None = None, dnr_form: str | None = None) -> Meeting:
        rng = self.rng
        issuer = self.issuer()
        organ = self.organ(issuer)
        date = self.meeting_date()
        year = date.year
        local = rng.choice(LOCAL_PARTIES) if rng.random() < 0.3 else None
        start, end, adjourn = self.times()
        dnr_form = dnr_form or rng.choice(DNR_FORMS)
        n = n_paragraphs or rng.randint(3, 30)
        first = rng.randint(1, 600)
        numbers = list(range(first, first + n))
        # seats
        big = organ.abbr in {"KF", "RF"}
        n_seats = rng.randint(21, 31) if big else rng.randint(3, 7) if "AU" in organ.abbr or organ.abbr in {"KLU"} else rng.randint(7, 15)
        seats = [self.person(local=local) for _ in range(n_seats)]
        if date.year < 2015:
            seats = [Person(s.first, s.last, "FP") if s.party == "L" else s for s in seats]
        vice = rng.choice(VICE_ROLES) if n_seats >= 5 else []
        roles: list[str | None] = ["ordförande", *vice] + [None] * (n_seats - 1 - len(vice))
        members: list[Serving] = []
        absent: list[Person] = []
        substitutes: list[Substitute] = []
        used_kinds: list[str] = []
        for i, (seat, role) in enumerate(zip(seats, roles, strict=True)):
            r = rng.random()
            if i > 0 and r < 0.12:
                absent.append(seat)
                if rng.random() < 0.7:
                    sub = self.person(party=seat.party)
                    members.append(Serving(sub, "tjänstgörande ersättare", seat))
                continue
            if i > 0 and len(numbers) >= 3 and r < 0.27:
                kind = rng.choice(["range", "except", "jav", "from", "to"])
                used_kinds.append(kind)
                pres = self.presence(numbers, kind, rng.random() < 0.3, start, end)
                members.append(Serving(seat, role, None, pres))
                if kind in {"range", "from", "to"} and rng.random() < 0.5:
                    # an ersättare takes the seat for the rest of the meeting
                    rest = [k for k in numbers if k not in pres.numbers]
                    sub = self.person(party=seat.party)
                    sub_kind = {"range": "range", "from": "to", "to": "from"}[kind]
                    members.append(Serving(sub, "tjänstgörande ersättare", seat, presence_of(sub_kind, rest)))
                    if rng.random() < 0.4:
                        substitutes.append(Substitute(sub, presence_of("range", pres.numbers)))
                continue
            members.append(Serving(seat, role, None))
        for _ in range(rng.randint(0, 6)):
            substitutes.append(Substitute(self.person(local=local)))
        kind_i = issuer.kind
        others = [self.official(issuer_kind=kind_i) for _ in range(rng.randint(0, 6))]
        secretary = self.official(rng.choice(SECRETARY_TITLES), unit=None if rng.random() < 0.5 else rng.choice(UNITS),
                                  issuer_kind=kind_i)
        if rng.random() < 0.8:
            others.insert(rng.randint(0, len(others)), secretary)
        chair = members[0].person
        full = [m.person for m in members if m.presence is None and m.role != "ordförande"]
        candidates = full or [m.person for m in members[1:]] or [chair]
        adjusters = rng.sample(candidates, k=min(len(candidates), rng.choice([1, 1, 2])))
        # paragraphs
        paras: list[Para] = []
        templates = list(PARA_TEMPLATES)
        for k, num in enumerate(numbers):
            tpl = None
            if k == 0 and rng.random() < 0.4:
                tpl = templates[3]  # Val av justerare
            elif k == 1 and rng.random() < 0.3:
                tpl = templates[4]
            elif k == len(numbers) - 1 and rng.random() < 0.3:
                tpl = templates[5]
            elif rng.random() < 0.08:
                tpl = rng.choice(templates[:3])
            serving_here = [m.person for m in members if m.served is None or num in m.served]
            p = self.paragraph(num, issuer, organ, year, dnr_form, serving_here, date, tpl)
            if p.kind == "justerare":
                p.justerare_text = " och ".join(f"{a.name} ({a.party or '-'})" for a in adjusters)
            paras.append(p)
        # jäv: the excluded § of a "jav" presence is a § with a decision
        substantive = [p.number for p in paras if p.decision and p.kind not in {"dagordning", "meddelanden"}]
        for m in members:
            if m.presence and m.presence.kind == "jav":
                if substantive:
                    x = rng.choice(substantive)
                    m.presence = presence_of("jav", [k for k in numbers if k != x], x)
                target = next(p for p in paras if p.number == m.presence.pivot)
                target.recused.append(m.person)
        for p in paras:
            if p.kind in {"info", "justerare", "dagordning", "meddelanden", "delegation"}:
                continue
            serving_here = [m.person for m in members if (m.served is None or p.number in m.served)]
            serving_here = [x for x in serving_here if x not in p.recused]
            slots = self.slots(issuer, organ, year)
            if rng.random() < 0.3:
                self.debate(p, serving_here, slots)
            if rng.random() < 0.05 and not p.motions:
                p.restricted = True
        replaced = {m.substitute_for for m in members if m.substitute_for}
        for p in paras:
            for v in p.votes:
                v.empty_seats = [a for a in absent if a not in replaced]
        v_date = weekday_after(date, rng.randint(2, 8))
        posted = weekday_after(v_date, rng.randint(0, 2))
        removed = posted + dt.timedelta(days=rng.choice([21, 22]))
        storage = rng.choice(STORAGE).format(n=rng.randint(1, 6), ort=issuer.ort, street=issuer.street)
        v_place = rng.choice({
            "region": ["Regionkansliet", f"Regionens hus, {issuer.ort}", "Regionledningskontoret"],
            "forbund": ["Förbundskontoret", f"Brandstationen, {issuer.ort}", "Förbundets kansli"],
        }.get(issuer.kind, ["Kommunkansliet", "Kommunhuset", f"Stadshuset, {issuer.ort}", "Kansliavdelningen",
                            f"Rådhuset, {issuer.ort}"]))
        return Meeting(issuer, organ, date, start, end, adjourn, self.place(issuer), numbers, paras, members,
                       substitutes, others, absent, secretary, chair, adjusters, v_date, v_place, posted, removed,
                       storage, rng.randint(1, 16), dnr_form)

    # -- tjänsteskrivelse ---------------------------------------------------------------------------
    def memo(self, issuer: Issuer | None = None, organ: Organ | None = None, date: dt.date | None = None,
             title: str | None = None, dnr: str | None = None, dnr_form: str | None = None,
             items: list[Item] | None = None) -> Memo:
        """A tjänsteskrivelse; an enclosure passes the §'s title, dnr and att-satser."""
        rng = self.rng
        issuer = issuer or self.issuer()
        organ = organ or self.organ(issuer)
        date = date or self.meeting_date()
        slots = self.slots(issuer, organ, date.year, self.person())
        if title is None or not items:
            tpl = rng.choice([t for t in PARA_TEMPLATES if t[2] and t[0] not in {"dagordning", "meddelanden", "val"}])
            title = title or tpl[1].format(**slots)
            options = [rng.choice(tpl[2])] if tpl[0] in {"motion", "medborgarforslag"} else tpl[2]
            items = make_items(rng, options, slots, rng.randint(1, len(options)))
            if title.startswith("Svar på motion") and rng.random() < 0.5:
                title = "Motionssvar - " + title.split(" - ")[0].replace("Svar på motion", "Motion")
        dnr = dnr or make_dnr(rng, dnr_form or rng.choice(DNR_FORMS), date.year, organ.abbr)
        department = organ.department
        a = self.person(party=None)
        author = Author(a.name, rng.choice(AUTHOR_TITLES), self.phone(issuer), f"{ascii_mail(a.name)}@{issuer.domain}")
        r = rng.random()
        parent = organ.parent or organ.name
        if r < 0.3:
            spec = ProposalSpec("plain", None, None, items)
        elif r < 0.55:
            spec = ProposalSpec("to", None, parent, items)
        elif r < 0.8:
            spec = ProposalSpec("by_to", department, organ.name, items)
        else:
            spec = ProposalSpec("organ_proposes", organ.name, parent if parent != organ.name else None, items)
            if spec.to is None:
                spec = ProposalSpec("to", None, organ.name, items)
        heads = rng.choice(MEMO_SECTIONS)
        sections = [(h, [self.sentences(slots, rng.randint(2, 4)) for _ in range(rng.randint(1, 2))]) for h in heads]
        boss_title = rng.choice(SIGNER_TITLES)
        if boss_title in {"Kommundirektör", "Regiondirektör"}:
            boss_title = {"region": "Regiondirektör", "forbund": "Förbundsdirektör"}.get(issuer.kind, "Kommundirektör")
        signers = [(self.person(party=None).name, boss_title)]
        if rng.random() < 0.6:
            signers.append((author.name, author.title))
        recipients = rng.sample([x for x in RECIPIENT_POOL if x != organ.name], k=rng.randint(0, 3))
        attachments = [t.format(title=title, date=iso(date - dt.timedelta(days=rng.randint(2, 30))), n=rng.randint(1, 90),
                                au=organ.abbr, dept=department, parent=parent, month=rng.choice(MONTHS),
                                policy=slots["policy"])
                       for t in rng.sample(ATTACHMENT_TEMPLATES[4:], k=rng.randint(0, 3))]
        return Memo(issuer, organ, department, title, date, dnr, author, spec, sections, signers, recipients,
                    list(dict.fromkeys(attachments)))

    # -- kallelse ---------------------------------------------------------------------------
    def notice(self, dnr_form: str | None = None) -> Notice:
        rng = self.rng
        issuer = self.issuer()
        organ = self.organ(issuer)
        date = self.meeting_date()
        start, end, _ = self.times()
        dnr_form = dnr_form or rng.choice(DNR_FORMS)
        n = rng.randint(3, 16)
        items: list[AgendaItem] = []
        presenters = [self.official(issuer_kind=issuer.kind).name for _ in range(3)]
        fixed = [("Val av justerare", None), ("Godkännande av dagordning", None)]
        for k in range(n):
            if k < 2 and rng.random() < 0.6:
                title, dnr = fixed[k]
                group = "inledning"
                prop = None
            else:
                tpl = rng.choice(PARA_TEMPLATES[6:])
                slots = self.slots(issuer, organ, date.year, self.person())
                title = tpl[1].format(**slots)
                dnr = make_dnr(rng, dnr_form, date.year, organ.abbr) if tpl[3] and rng.random() < 0.85 else None
                group = "information" if rng.random() < 0.2 else "beslut"
                options = [rng.choice(tpl[2])] if tpl[0] in {"motion", "medborgarforslag"} and tpl[2] else tpl[2]
                prop = make_items(rng, options, slots, rng.randint(1, 2)) if options and group == "beslut" and rng.random() < 0.45 else None
            items.append(AgendaItem(k + 1, title, dnr, group, prop, rng.choice(presenters) if rng.random() < 0.3 else None))
        order = {"inledning": 0, "information": 1, "beslut": 2}
        items.sort(key=lambda it: order[it.group])
        for k, it in enumerate(items):
            it.number = k + 1
        chair = self.person()
        sec = self.official(rng.choice(SECRETARY_TITLES), issuer_kind=issuer.kind)
        signers = []
        if rng.random() < 0.8:
            signers.append((chair.name, "Ordförande"))
        if rng.random() < 0.5 or not signers:
            signers.append((sec.name, sec.title[:1].upper() + sec.title[1:]))
        notice_date = date - dt.timedelta(days=rng.randint(5, 14))
        return Notice(issuer, organ, notice_date, date, start, end if rng.random() < 0.35 else None,
                      self.place(issuer), items, signers, (sec.name, self.phone(issuer)))
