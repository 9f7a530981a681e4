"""Demo data: a plausible Casa delle associazioni in Milan, generated from a seed.

Pure Python and deterministic: the same `seed` and `today` always give the same
data. Everything the database needs is here as plain frozen dataclasses whose
field names are the column names, with explicit ids so that the service can
bulk-insert rows that refer to each other.

Calendar datetimes are naive Milan wall-clock times (see domain.calendar_time);
`created_at` / `updated_at` of associations are aware UTC datetimes.

Scale: the work is linear in the number of associations (ids, tax codes and names
are drawn without searching), so `generate(associations=20000)` takes a few
seconds; rooms and bookings do not grow with it (a house has five rooms), while
citizens and appointments grow with the associations.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from casedesk.domain.calendar_time import MILAN
from casedesk.domain.enums import (
    AppointmentStatus,
    AssociationStatus,
    BoardRole,
    BookingStatus,
    DocumentStatus,
    EnrollmentStatus,
    LegalForm,
    Role,
    RoomKind,
    RuntsSection,
)
from casedesk.domain.opening_hours import DEFAULT_OPENING_HOURS, OpeningHours
from casedesk.domain.receipt import receipt_number

PRIVACY_NOTICE_VERSION = "2026-01"
# Digits 8-10 of an entity's tax code: the provincial office (015 = Milano).
MILAN_OFFICE_CODE = "015"
APPOINTMENT_LENGTH = timedelta(minutes=30)
# Tax-code serials are drawn from 400,000 distinct numbers.
MAX_ASSOCIATIONS = 400_000
# The calendar shown by the demo: bookings from a week ago to about three weeks ahead,
# appointments two weeks either side of today.
BOOKINGS_FROM_DAYS, BOOKINGS_TO_DAYS = -7, 23
APPOINTMENTS_FROM_DAYS, APPOINTMENTS_TO_DAYS = -14, 14

SECTORS = (
    "sociale",
    "culturale",
    "sportivo",
    "ambientale",
    "educativo",
    "sanitario",
    "diritti",
    "protezione civile",
    "intercultura",
    "anziani",
    "giovani",
)

# --- the generated data ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HouseData:
    name: str
    address: str
    phone: str
    email: str
    opening_hours: OpeningHours


@dataclass(frozen=True, slots=True)
class OperatorData:
    id: int
    full_name: str
    username: str
    password: str  # in clear: the service hashes it and shows it to whoever loads the demo
    role: Role


@dataclass(frozen=True, slots=True)
class AssociationData:
    id: int
    name: str
    legal_form: LegalForm
    runts_section: RuntsSection | None
    runts_number: str | None
    tax_code: str | None
    address: str
    email: str
    pec: str
    phone: str
    website: str
    sectors: tuple[str, ...]
    description: str
    seeking_volunteers: bool
    legal_representative: str
    status: AssociationStatus
    status_reason: str
    notes: str
    created_at: datetime  # aware, UTC
    updated_at: datetime  # aware, UTC


@dataclass(frozen=True, slots=True)
class BoardMemberData:
    id: int
    association_id: int
    name: str
    role: BoardRole
    since: date | None


@dataclass(frozen=True, slots=True)
class ContactPersonData:
    id: int
    association_id: int
    name: str
    phone: str
    email: str
    availability: str
    meets_citizens: bool


@dataclass(frozen=True, slots=True)
class RoomData:
    id: int
    name: str
    kind: RoomKind
    capacity: int
    equipment: str
    active: bool


@dataclass(frozen=True, slots=True)
class BookingSeriesData:
    id: int
    room_id: int
    association_id: int | None
    title: str
    first_start: datetime
    first_end: datetime
    rrule: str
    exceptions: tuple[str, ...]  # ISO start datetimes of occurrences left out
    expected_people: int | None


@dataclass(frozen=True, slots=True)
class BookingData:
    id: int
    room_id: int
    association_id: int | None  # None: an event of the house itself
    title: str
    start_at: datetime
    end_at: datetime
    expected_people: int | None
    status: BookingStatus
    series_id: int | None
    notes: str


@dataclass(frozen=True, slots=True)
class ClosureData:
    id: int
    room_id: int | None  # None: the whole house
    start_date: date
    end_date: date
    reason: str


@dataclass(frozen=True, slots=True)
class CitizenData:
    id: int
    name: str
    phone: str
    email: str
    consent_on: date | None
    privacy_notice_version: str | None


@dataclass(frozen=True, slots=True)
class AppointmentData:
    id: int
    citizen_id: int
    association_id: int
    contact_person_id: int | None
    start_at: datetime
    end_at: datetime
    room_id: int | None
    status: AppointmentStatus
    outcome: str
    notes: str


@dataclass(frozen=True, slots=True)
class DocumentData:
    """What the desk recorded for one paper (a row of association_document)."""

    id: int
    association_id: int
    requirement_code: str  # the catalogue's code; the service maps it to the row's id
    status: DocumentStatus
    received_on: date | None
    received_by_id: int | None  # operator
    note: str


@dataclass(frozen=True, slots=True)
class EnrollmentData:
    """An enrollment and what its receipt listed (the service builds the snapshot)."""

    id: int
    association_id: int
    year: int
    number: int
    enrolled_on: date
    operator_id: int
    status: EnrollmentStatus
    cancel_reason: str
    override_reason: str
    delivered: tuple[tuple[str, date], ...]  # (requirement code, date received)
    not_applicable: tuple[tuple[str, str], ...]  # (requirement code, reason)


@dataclass(frozen=True)
class DemoData:
    seed: int
    today: date
    house: HouseData
    operators: list[OperatorData]
    associations: list[AssociationData]
    board_members: list[BoardMemberData]
    contact_persons: list[ContactPersonData]
    rooms: list[RoomData]
    booking_series: list[BookingSeriesData]
    bookings: list[BookingData]
    closures: list[ClosureData]
    citizens: list[CitizenData]
    appointments: list[AppointmentData]
    documents: list[DocumentData] = field(default_factory=list)
    enrollments: list[EnrollmentData] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "operators": len(self.operators),
            "associations": len(self.associations),
            "board_members": len(self.board_members),
            "contact_persons": len(self.contact_persons),
            "rooms": len(self.rooms),
            "booking_series": len(self.booking_series),
            "bookings": len(self.bookings),
            "closures": len(self.closures),
            "citizens": len(self.citizens),
            "appointments": len(self.appointments),
            "documents": len(self.documents),
            "enrollments": len(self.enrollments),
        }


# --- word lists ------------------------------------------------------------------------

HOUSE = HouseData(
    name="Casa delle associazioni e del volontariato – Municipio 8",
    address="Via Console Marcello 12, 20156 Milano",
    phone="+39 02 8846 5210",
    email="casa.associazioni.municipio8@comune.milano.it",
    opening_hours=DEFAULT_OPENING_HOURS,
)

# Fixed on purpose: whoever loads the demo is told these, and the manual can quote them.
OPERATORS = (
    ("Chiara Colombo", "chiara", "chiara-demo-2026", Role.COORDINATORE),
    ("Marco Brambilla", "marco", "marco-demo-2026", Role.OPERATORE),
    ("Samira Haddad", "samira", "samira-demo-2026", Role.OPERATORE),
)

_ROOMS = (
    (
        "Co-working",
        RoomKind.COWORKING,
        12,
        "12 postazioni con prese elettriche, Wi-Fi, stampante multifunzione, armadietti con lucchetto",
    ),
    (
        "Sala formazione Alda Merini",
        RoomKind.TRAINING,
        30,
        "Proiettore e schermo, impianto audio, lavagna a fogli mobili, 30 sedie con ribaltina",
    ),
    (
        "Sala riunioni Gino Strada",
        RoomKind.MEETING,
        12,
        'Tavolo riunioni, schermo 55" con HDMI, kit per videoconferenza, Wi-Fi',
    ),
    (
        "Saletta colloqui Lea Garofalo",
        RoomKind.MEETING,
        4,
        "Tavolino e 4 sedie, porta chiusa: per i colloqui riservati con i cittadini",
    ),
    (
        "Spazio eventi",
        RoomKind.EVENTS,
        80,
        "80 sedie, impianto audio con due radiomicrofoni, proiettore, pannelli espositivi, accesso senza barriere",
    ),
)
_INTERVIEW_ROOM = 3  # index in _ROOMS of the room kept for appointments

_FIRST_F = (
    "Giulia", "Francesca", "Chiara", "Sara", "Martina", "Elena", "Alessia", "Valentina",
    "Federica", "Silvia", "Laura", "Paola", "Anna", "Maria", "Lucia", "Giovanna", "Roberta",
    "Simona", "Ilaria", "Beatrice", "Noemi", "Aurora", "Rosa", "Carla", "Marta", "Nicoletta",
    "Agnese", "Emma", "Sofia", "Gaia",
)  # fmt: skip
_FIRST_M = (
    "Marco", "Luca", "Giuseppe", "Andrea", "Francesco", "Alessandro", "Matteo", "Lorenzo",
    "Davide", "Stefano", "Paolo", "Giovanni", "Roberto", "Riccardo", "Simone", "Fabio",
    "Massimo", "Niccolò", "Mattia", "Tommaso", "Pietro", "Gabriele", "Emanuele", "Enrico",
    "Carlo", "Alberto", "Giacomo", "Filippo", "Nicolò", "Michele",
)  # fmt: skip
_SURNAMES = (
    "Colombo", "Brambilla", "Ferrari", "Rossi", "Bianchi", "Fumagalli", "Galbiati", "Sala",
    "Villa", "Mauri", "Cattaneo", "Riva", "Bonacina", "Ronchi", "Pirovano", "Citterio",
    "Crippa", "Magni", "Sironi", "Viganò", "Cantù", "Perego", "Mariani", "Esposito", "Romano",
    "Russo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Costa",
    "Giordano", "Mancini", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro",
    "D'Angelo", "D'Amico", "Dell'Orto", "Dell'Acqua", "Lo Presti", "Di Stefano", "Parisi",
    "Martini", "Caruso", "Leone", "Longo", "Gentile", "Serra", "Pellegrini", "Vitale",
    "Sanna", "Fabbri", "Zanetti", "Rinaldi", "Negri", "Monti", "Farina", "Pagani", "Bellini",
    "Pirrò", "Mosè",
)  # fmt: skip
# Milan is also these names: citizens and volunteers born elsewhere.
_FIRST_WORLD = (
    "Fatima", "Mohamed", "Oksana", "José", "Wei", "Amina", "Olena", "Ahmed", "Lucía",
    "Adebayo", "Yasmine", "Karim", "Mariana", "Ion", "Elif", "Rahul", "Priya", "Samir",
    "Awa", "Dmytro",
)  # fmt: skip
_SURNAMES_WORLD = (
    "Benali", "El Amrani", "Kovalenko", "Ramírez", "Chen", "Diallo", "Popescu", "Santos",
    "Okafor", "Haddad", "Yılmaz", "Hossain", "Sharma", "Mendoza", "Nguyen", "Ibrahim",
    "Mensah", "Álvarez", "Shevchenko", "Ndiaye",
)  # fmt: skip

# Neighbourhoods of Municipi 1, 2, 5, 6, 7, 8, 9.
_LOCALITIES = (
    "Brera", "Porta Venezia", "Porta Romana", "Ticinese", "Isola", "NoLo", "Greco",
    "Gorla", "Precotto", "Turro", "Crescenzago", "Loreto", "Vigentino", "Chiaravalle",
    "Gratosoglio", "Stadera", "Chiesa Rossa", "Ripamonti", "Barona", "Giambellino",
    "Lorenteggio", "Navigli", "San Cristoforo", "Ronchetto", "Baggio", "Forze Armate",
    "Quinto Romano", "Figino", "San Siro", "Quarto Cagnino", "De Angeli", "QT8",
    "Gallaratese", "Quarto Oggiaro", "Villapizzone", "Certosa", "Musocco", "Portello",
    "Trenno", "Lampugnano", "Bovisa", "Dergano", "Affori", "Comasina", "Bruzzano",
    "Niguarda", "Prato Centenaro", "Bicocca", "Sarpi", "Maciachini", "Farini",
)  # fmt: skip
# (street, postcode): real streets, invented house numbers.
_STREETS = (
    ("Via Padova", "20127"), ("Viale Monza", "20125"), ("Via Giambellino", "20146"),
    ("Via Lorenteggio", "20146"), ("Via dei Missaglia", "20142"), ("Via Ripamonti", "20141"),
    ("Corso San Gottardo", "20136"), ("Via Mac Mahon", "20155"), ("Via Console Marcello", "20156"),
    ("Via Palmanova", "20132"), ("Via Feltre", "20132"), ("Viale Ungheria", "20138"),
    ("Via Barona", "20142"), ("Via Novara", "20153"), ("Via Quarenghi", "20151"),
    ("Via Paolo Sarpi", "20154"), ("Via Imbonati", "20159"), ("Via Livigno", "20158"),
    ("Via Val di Sole", "20141"), ("Via Gola", "20143"), ("Via Odazio", "20146"),
    ("Via Gallarate", "20151"), ("Via Pascoli", "20133"), ("Via Tortona", "20144"),
    ("Via Arquà", "20131"), ("Via Cenisio", "20154"), ("Via Bovisasca", "20157"),
    ("Via Graziano Imperatore", "20162"), ("Via Osoppo", "20148"), ("Via Forze Armate", "20147"),
    ("Piazza Prealpi", "20155"), ("Via Pitteri", "20134"), ("Via Vigevano", "20144"),
)  # fmt: skip

# (distinctive part of a name, main sector)
_THEMES = (
    ("L'Arca", "sociale"), ("Libertà", "diritti"), ("Il Ponte", "intercultura"),
    ("Arcobaleno", "giovani"), ("La Goccia", "ambientale"), ("Il Girasole", "anziani"),
    ("Filo d'Arianna", "sociale"), ("Passaparola", "culturale"), ("Terra Comune", "ambientale"),
    ("Mani in Pasta", "educativo"), ("Ortinsieme", "ambientale"), ("Ruota Libera", "sportivo"),
    ("Nonni in Rete", "anziani"), ("Piazza Aperta", "culturale"), ("Semi di Comunità", "sociale"),
    ("Voci di Quartiere", "culturale"), ("Il Cortile", "giovani"), ("La Bussola", "educativo"),
    ("Orizzonti", "intercultura"), ("Insieme si può", "sociale"), ("Spazio Donna", "diritti"),
    ("Mondo Unito", "intercultura"), ("Casa Comune", "sociale"), ("Note di Quartiere", "culturale"),
    ("Naviglio Pulito", "ambientale"), ("Amici del Parco", "ambientale"),
    ("Abitare Insieme", "sociale"), ("Diritti in Comune", "diritti"),
    ("Senza Confini", "intercultura"), ("Fuoriclasse", "educativo"), ("Il Melograno", "sanitario"),
    ("Pane e Rose", "diritti"), ("Crescere Insieme", "educativo"), ("Ponti non Muri", "intercultura"),
    ("Cuore Amico", "sanitario"), ("Sorrisi in Corsia", "sanitario"),
    ("Sentinelle del Territorio", "protezione civile"), ("Pronto Soccorso Solidale", "protezione civile"),
    ("Aurora", "sportivo"), ("Calcio per Tutti", "sportivo"), ("Camminare Insieme", "sportivo"),
    ("Città Solidale", "sociale"), ("Argento Vivo", "anziani"), ("Giovani in Movimento", "giovani"),
    ("Spazio Ragazzi", "giovani"), ("Dopo la Campanella", "educativo"),
    ("Parole in Libertà", "culturale"), ("Teatro di Periferia", "culturale"),
    ("Salute è Comunità", "sanitario"), ("Sportello Amico", "sociale"),
    ("Sant'Ambrogio Solidale", "sociale"), ("Ca' Nostra", "sociale"), ("Più Città", "diritti"),
    ("L'Albero delle Idee", "educativo"), ("Bici e Dintorni", "ambientale"),
    ("Tempo Ritrovato", "anziani"), ("Il Faro", "protezione civile"), ("Università della Terza Età", "anziani"),
)  # fmt: skip

_SECTOR_TEXT = {
    "sociale": (
        "Offriamo ascolto e accompagnamento alle famiglie in difficoltà.",
        "Raccogliamo e distribuiamo pacchi alimentari ogni settimana.",
        "Teniamo uno sportello di orientamento ai servizi sociali del Comune.",
    ),
    "culturale": (
        "Organizziamo letture, incontri con autori e piccoli concerti aperti a tutti.",
        "Curiamo una biblioteca di condominio e un cineforum mensile.",
        "Proponiamo laboratori teatrali per adulti e ragazzi.",
    ),
    "sportivo": (
        "Proponiamo corsi di calcio, basket e ginnastica a quote popolari.",
        "Organizziamo camminate di gruppo nei parchi della città.",
        "Portiamo lo sport nei cortili delle case popolari.",
    ),
    "ambientale": (
        "Curiamo un orto condiviso e le aiuole del quartiere.",
        "Organizziamo giornate di pulizia di parchi e Navigli.",
        "Promuoviamo il riuso e la riparazione di oggetti e biciclette.",
    ),
    "educativo": (
        "Seguiamo un doposcuola gratuito per ragazze e ragazzi delle medie.",
        "Teniamo corsi di italiano per adulti stranieri.",
        "Aiutiamo chi non è pratico a usare lo smartphone e i servizi digitali.",
    ),
    "sanitario": (
        "Accompagniamo i pazienti alle visite e alle terapie.",
        "Organizziamo incontri di prevenzione e giornate di screening.",
        "Facciamo compagnia alle persone ricoverate e ai loro familiari.",
    ),
    "diritti": (
        "Offriamo uno sportello gratuito di orientamento legale su casa e lavoro.",
        "Sosteniamo le donne che escono da situazioni di violenza.",
        "Promuoviamo la partecipazione dei cittadini alle scelte del Municipio.",
    ),
    "protezione civile": (
        "Interveniamo con i nostri volontari nelle emergenze e nei grandi eventi.",
        "Formiamo i cittadini al primo soccorso e alla prevenzione dei rischi.",
    ),
    "intercultura": (
        "Facciamo incontrare famiglie di origini diverse con feste, cene e laboratori.",
        "Affianchiamo chi è appena arrivato in Italia nelle pratiche di tutti i giorni.",
    ),
    "anziani": (
        "Teniamo compagnia agli anziani soli con telefonate e visite a domicilio.",
        "Organizziamo gite, tombolate e ginnastica dolce per la terza età.",
    ),
    "giovani": (
        "Gestiamo uno spazio di aggregazione per ragazzi dai 14 ai 20 anni.",
        "Accompagniamo i giovani nella ricerca del primo lavoro.",
    ),
}
_VOLUNTEER_ASKS = (
    "Cerchiamo volontari anche per poche ore al mese: non serve esperienza.",
    "Cerchiamo volontari disponibili il pomeriggio, anche studenti.",
    "Cerchiamo nuovi volontari: prima di iniziare facciamo una breve formazione.",
    "Cerchiamo volontari con un po' di tempo nel fine settimana.",
    "Ci serve una mano: cerchiamo volontari, anche pensionati.",
)
_NOTES = (
    "Chiavi dell'armadietto n. 4 in consegna al presidente.",
    "Preferisce essere contattata via email.",
    "Usa la sala formazione soprattutto in autunno.",
    "Ha chiesto informazioni sul bando del Municipio.",
)
_SUSPENDED_REASONS = (
    "Relazione sulle attività non aggiornata: sospesa in attesa dei documenti.",
    "Consiglio direttivo scaduto: in attesa del verbale di rinnovo.",
)
_CEASED_REASONS = (
    "Scioglimento deliberato dall'assemblea dei soci.",
    "Il gruppo ha comunicato la fine delle attività.",
)

# RUNTS sections in a plausible mix: mostly ODV and APS.
_SECTION_CYCLE = (
    RuntsSection.A, RuntsSection.B, RuntsSection.A, RuntsSection.B, RuntsSection.G,
    RuntsSection.A, RuntsSection.B, RuntsSection.E, RuntsSection.C, RuntsSection.F,
    RuntsSection.D,
)  # fmt: skip
_FORMS = tuple(LegalForm)
_BOARD_ROLES = (BoardRole.VICEPRESIDENTE, BoardRole.SEGRETARIO, BoardRole.TESORIERE)

_WEEKDAYS = ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")
_AVAILABILITY_DAYS = ((1, 3), (0,), (2,), (1,), (3,), (4,), (0, 2), (2, 4), (0, 3), (1, 4))
_AVAILABILITY_WINDOWS = (
    (time(9, 30), time(12, 30)),
    (time(10, 0), time(13, 0)),
    (time(14, 0), time(17, 0)),
    (time(15, 0), time(18, 0)),
    (time(14, 30), time(17, 30)),
    (time(16, 0), time(18, 0)),
)

_BOOKING_TITLES = {
    RoomKind.COWORKING: (
        "Postazioni co-working",
        "Lavoro di segreteria",
        "Progettazione per il bando del Municipio",
        "Rendicontazione del progetto",
    ),
    RoomKind.TRAINING: (
        "Corso di formazione per nuovi volontari",
        "Laboratorio di italiano L2",
        "Corso di primo soccorso",
        "Corso di alfabetizzazione digitale",
        "Laboratorio di scrittura",
    ),
    RoomKind.MEETING: (
        "Riunione del Consiglio direttivo",
        "Assemblea dei soci",
        "Incontro con i volontari",
        "Riunione di coordinamento",
    ),
    RoomKind.EVENTS: (
        "Mostra fotografica sul quartiere",
        "Presentazione di un libro",
        "Concerto del coro",
        "Spettacolo teatrale",
        "Incontro pubblico sul verde del Municipio",
    ),
}
# Lengths, in half hours, a booking of each kind of room usually takes.
_BOOKING_HALF_HOURS = {
    RoomKind.COWORKING: (4, 6, 8),
    RoomKind.TRAINING: (4, 5, 6),
    RoomKind.MEETING: (2, 3, 4),
    RoomKind.EVENTS: (4, 6, 8),
}
# Chance that a room is booked in an opening interval.
_BOOKING_CHANCE = {
    RoomKind.COWORKING: 0.7,
    RoomKind.TRAINING: 0.45,
    RoomKind.MEETING: 0.6,
    RoomKind.EVENTS: 0.2,
}
_BOOKING_NOTES = (
    "Serve il proiettore.",
    "Chiavi ritirate in segreteria.",
    "Sedie disposte a cerchio.",
)
# (title, room index, weekday offset from the start of the range, start, end, people)
_HOUSE_EVENTS = (
    ("Open day: le associazioni si presentano ai cittadini", 4, 9, time(14, 0), time(18, 0), 70),
    ("Formazione: la riforma del Terzo settore e il RUNTS", 1, 3, time(9, 30), time(12, 30), 25),
    ("Tavolo delle associazioni del Municipio 8", 2, 15, time(16, 0), time(18, 0), 12),
    ("Sportello di consulenza per l'iscrizione al RUNTS", 2, 20, time(10, 0), time(12, 0), 6),
)
# (title, room index, weekday, start, end, people, preferred sector)
_SERIES = (
    ("Corso di italiano per donne straniere", 1, 1, time(14, 30), time(16, 30), 18, "intercultura"),
    ("Riunione settimanale dei volontari", 2, 3, time(16, 0), time(17, 30), 10, "sociale"),
)
_OUTCOMES_HELD = (
    "Inizia come volontario il martedì pomeriggio.",
    "Interessata al doposcuola: prima prova la settimana prossima.",
    "Ha ricevuto il materiale informativo; ricontatterà l'associazione.",
    "Inserito nel turno del sabato per la raccolta alimentare.",
    "Parteciperà al prossimo corso per nuovi volontari.",
    "Per ora non è disponibile: richiamare a gennaio.",
    "Inizia il {start:%d/%m}.",
)
_OUTCOMES_NO_SHOW = ("", "Non si è presentato; richiamato senza risposta.", "Non si è presentata.")
_OUTCOMES_CANCELLED = (
    "Annullato dal cittadino per motivi di lavoro.",
    "Annullato dall'associazione: referente malato.",
)
_APPOINTMENT_NOTES = (
    "Parla poco italiano: utile materiale in inglese.",
    "Arriva con la figlia.",
    "Chiede di essere richiamata dopo le 17.",
)

# The document catalogue as migration 0002 seeds it: (code, legal forms, validity in months).
_FORMAL = frozenset(
    {
        LegalForm.ASSOCIAZIONE_RICONOSCIUTA,
        LegalForm.ASSOCIAZIONE_NON_RICONOSCIUTA,
        LegalForm.COMITATO,
        LegalForm.ETS_RUNTS,
    }
)
_INFORMAL = frozenset({LegalForm.GRUPPO_INFORMALE})
PAPERS: tuple[tuple[str, frozenset[LegalForm], int | None], ...] = (
    ("statute", _FORMAL, None),
    ("founding_act", _FORMAL, None),
    ("community_purpose_statement", _INFORMAL, None),
    ("board_list", _FORMAL, 12),
    ("member_list", _INFORMAL, 12),
    ("activity_report", _FORMAL | _INFORMAL, 12),
    ("runts_registration", frozenset({LegalForm.ETS_RUNTS}), None),
)
_PAPER_ORDER = {code: index for index, (code, _, _) in enumerate(PAPERS)}
_NOT_APPLICABLE = {
    "founding_act": (
        "Comitato costituito con verbale dell'assemblea dei promotori, senza atto costitutivo.",
        "Comitato spontaneo: l'atto costitutivo coincide con lo statuto consegnato.",
    ),
}
_MISSING_NOTES = (
    "Lo porterà il presidente la prossima settimana.",
    "Copia consegnata non firmata: da riportare firmata.",
    "In attesa del verbale dell'assemblea.",
    "Promesso via email entro fine mese.",
)
OVERRIDE_REASON = (
    "Relazione sulle attività in preparazione, consegna promessa entro 30 giorni: "
    "iscrizione concessa per partecipare all'Open day della Casa."
)
CANCEL_REASON = (
    "Ricevuta emessa per errore: il legale rappresentante indicato non era quello in carica."
)
# Share of deliveries renewed in time once their validity ran out.
_RENEWED = 0.93


# --- helpers -------------------------------------------------------------------------


def tax_code_check_digit(first_ten: str) -> str:
    """The 11th digit of an entity's tax code (Luhn, as for a partita IVA)."""
    total = 0
    for index, char in enumerate(first_ten):
        digit = int(char)
        if index % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return str((10 - total % 10) % 10)


def entity_tax_code(serial: int, office: str = MILAN_OFFICE_CODE) -> str:
    """An 11-digit tax code: 7-digit serial, 3-digit office, check digit."""
    first_ten = f"{serial:07d}{office}"
    return first_ten + tax_code_check_digit(first_ten)


def _ascii_slug(text: str, sep: str = "") -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(ch for ch in decomposed if ch.isascii() and (ch.isalnum() or ch == " "))
    return sep.join(kept.split())


def _web_slug(name: str, limit: int = 32) -> str:
    """What an association would register as its domain: «L'Arca Niguarda ODV» -> larca-niguarda-odv."""
    words = _ascii_slug(name, " ").split()
    if len(words) > 1 and words[0] == "associazione":
        words = words[1:]
    slug = words[0]
    for word in words[1:]:
        if len(slug) + 1 + len(word) > limit:
            break
        slug += "-" + word
    return slug


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holidays(year: int) -> list[tuple[date, str]]:
    """The days a house in Milan is closed: national holidays and Sant'Ambrogio."""
    return sorted(
        [
            (date(year, 1, 1), "Capodanno"),
            (date(year, 1, 6), "Epifania"),
            (_easter(year) + timedelta(days=1), "Lunedì dell'Angelo"),
            (date(year, 4, 25), "Festa della Liberazione"),
            (date(year, 5, 1), "Festa del lavoro"),
            (date(year, 6, 2), "Festa della Repubblica"),
            (date(year, 8, 15), "Ferragosto"),
            (date(year, 11, 1), "Ognissanti"),
            (date(year, 12, 7), "Sant'Ambrogio, patrono di Milano"),
            (date(year, 12, 8), "Immacolata Concezione"),
            (date(year, 12, 25), "Natale"),
            (date(year, 12, 26), "Santo Stefano"),
        ]
    )


def _fmt_hour(t: time) -> str:
    return f"{t.hour}" if t.minute == 0 else f"{t.hour}:{t.minute:02d}"


def _join_it(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " e " + words[-1]


def within_opening_hours(hours: OpeningHours, start: datetime, end: datetime) -> bool:
    """True when [start, end) lies inside one opening interval of its day."""
    if end.date() != start.date() or end <= start:
        return False
    return any(a <= start.time() and end.time() <= b for a, b in hours.get(start.weekday(), []))


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days)]


# --- the generator -------------------------------------------------------------------

# An enrollment before its number: association, date, operator, cancel reason,
# override reason, papers delivered (code, date), papers not applicable (code, reason).
_Pending = tuple[
    AssociationData, date, int, str, str, list[tuple[str, date]], list[tuple[str, str]]
]


class _Generator:
    def __init__(self, associations: int, seed: int, today: date) -> None:
        if not 0 <= associations <= MAX_ASSOCIATIONS:
            raise ValueError(f"associations must be between 0 and {MAX_ASSOCIATIONS}")
        self.n = associations
        self.seed = seed
        self.today = today
        self.rng = random.Random(seed)
        self.hours: OpeningHours = {d: list(v) for d, v in DEFAULT_OPENING_HOURS.items()}
        self.used_names: set[str] = set()
        self.emails: dict[str, str] = {}
        self.window_cache: dict[tuple[int, ...], list[tuple[time, time]]] = {}
        self.name_counter: dict[str, int] = {}
        self.associations: list[AssociationData] = []
        self.board_members: list[BoardMemberData] = []
        self.contact_persons: list[ContactPersonData] = []
        # Per contact person who meets citizens: (weekdays, window) of availability.
        self.contact_windows: dict[int, tuple[tuple[int, ...], tuple[time, time]]] = {}
        self.rooms: list[RoomData] = []
        self.closures: list[ClosureData] = []
        self.series: list[BookingSeriesData] = []
        self.bookings: list[BookingData] = []
        self.citizens: list[CitizenData] = []
        self.appointments: list[AppointmentData] = []
        self.documents: list[DocumentData] = []
        self.enrollments: list[EnrollmentData] = []
        self.house_closed: set[date] = set()
        self.room_closed: set[tuple[int, date]] = set()
        # (room id, day) -> taken [start, end) ranges, bookings and appointments alike.
        self.occupied: dict[tuple[int, date], list[tuple[datetime, datetime]]] = {}

    # people ----------------------------------------------------------------------------

    def person(self, world_share: float = 0.08) -> str:
        rng = self.rng
        if rng.random() < world_share:
            return f"{rng.choice(_FIRST_WORLD)} {rng.choice(_SURNAMES_WORLD)}"
        first = rng.choice(_FIRST_F) if rng.random() < 0.55 else rng.choice(_FIRST_M)
        return f"{first} {rng.choice(_SURNAMES)}"

    def mobile(self) -> str:
        rng = self.rng
        prefix = rng.choice(("320", "328", "333", "338", "339", "340", "347", "349", "366", "392"))
        return f"+39 {prefix} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"

    def landline(self) -> str:
        rng = self.rng
        return f"+39 02 {rng.randint(2000, 9899)} {rng.randint(1000, 9999)}"

    def personal_email(self, name: str) -> str:
        email = self.emails.get(name)
        if email is None:
            email = self.emails[name] = f"{_ascii_slug(name, '.')}@example.org"
        return email

    def address(self) -> str:
        street, postcode = self.rng.choice(_STREETS)
        return f"{street} {self.rng.randint(1, 180)}, {postcode} Milano"

    def past_local(self, days_back_min: int, days_back_max: int) -> datetime:
        """A moment during office hours some days before today, as aware UTC."""
        day = self.today - timedelta(days=self.rng.randint(days_back_min, days_back_max))
        moment = datetime.combine(
            day, time(self.rng.randint(9, 17), self.rng.randrange(0, 60, 5)), tzinfo=MILAN
        )
        return moment.astimezone(UTC)

    # associations ----------------------------------------------------------------------

    def statuses(self) -> list[AssociationStatus]:
        n = self.n
        few = min(n, max(1, n * 4 // 100)) if n >= 10 else 0
        draft = n * 22 // 100
        statuses = (
            [AssociationStatus.SOSPESA] * few
            + [AssociationStatus.CESSATA] * few
            + [AssociationStatus.BOZZA] * draft
        )
        statuses += [AssociationStatus.ISCRITTA] * (n - len(statuses))
        self.rng.shuffle(statuses)
        return statuses

    def unique(self, name: str) -> str:
        if name not in self.used_names:
            self.used_names.add(name)
            return name
        k = self.name_counter.get(name, 1)
        while f"{name} {k + 1}" in self.used_names:
            k += 1
        self.name_counter[name] = k + 1
        numbered = f"{name} {k + 1}"
        self.used_names.add(numbered)
        return numbered

    def name_for(
        self, form: LegalForm, section: RuntsSection | None, core: str, sector: str
    ) -> str:
        rng = self.rng
        for _attempt in range(6):
            loc = rng.choice(_LOCALITIES)
            base = f"{core} {loc}" if rng.random() < 0.5 else core
            if form is LegalForm.ASSOCIAZIONE_RICONOSCIUTA:
                name = f"Associazione {base}"
            elif form is LegalForm.ASSOCIAZIONE_NON_RICONOSCIUTA:
                if sector == "sportivo":
                    name = f"ASD {base}"
                elif sector == "culturale":
                    name = f"Associazione culturale {base}"
                else:
                    name = rng.choice(("Associazione", "Circolo")) + f" {base}"
            elif form is LegalForm.COMITATO:
                name = f"Comitato di quartiere {loc}" if rng.random() < 0.4 else f"Comitato {base}"
            elif form is LegalForm.GRUPPO_INFORMALE:
                pick = rng.random()
                if pick < 0.15:
                    name = f"Social street {rng.choice(_STREETS)[0]}"
                elif pick < 0.35:
                    name = f"Gruppo volontari {loc}"
                else:
                    name = f"Gruppo {base}"
            elif section is RuntsSection.A:
                name = f"{base} ODV" if rng.random() < 0.5 else f"Associazione {base} ODV"
            elif section is RuntsSection.B:
                name = f"{base} APS" if rng.random() < 0.5 else f"Associazione {base} APS"
            elif section is RuntsSection.C:
                name = f"Fondazione {base} ETS"
            elif section is RuntsSection.D:
                name = f"{base} Impresa sociale"
            elif section is RuntsSection.E:
                name = f"Rete {base} ETS"
            elif section is RuntsSection.F:
                name = f"Società di mutuo soccorso {base}"
            else:
                name = f"{base} ETS"
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        return self.unique(name)

    def description(self, sectors: tuple[str, ...], seeking: bool, loc: str | None) -> str:
        rng = self.rng
        parts = [rng.choice(_SECTOR_TEXT[s]) for s in sectors[:2]]
        if loc:
            parts.append(f"Siamo attivi soprattutto a {loc} e dintorni.")
        if seeking:
            parts.append(rng.choice(_VOLUNTEER_ASKS))
        return " ".join(parts)

    def availability(self) -> tuple[tuple[int, ...], tuple[time, time], str]:
        rng = self.rng
        weekdays = tuple(d for d in rng.choice(_AVAILABILITY_DAYS) if self.hours.get(d))
        windows = self.window_cache.get(weekdays)
        if windows is None:
            windows = [
                w
                for w in _AVAILABILITY_WINDOWS
                if all(any(a <= w[0] and w[1] <= b for a, b in self.hours[d]) for d in weekdays)
            ]
            self.window_cache[weekdays] = windows
        if not weekdays or not windows:
            return (), (time(), time()), "su appuntamento, scrivendo una email"
        window = rng.choice(windows)
        text = (
            f"{_join_it([_WEEKDAYS[d] for d in weekdays])} "
            f"{_fmt_hour(window[0])}-{_fmt_hour(window[1])}"
        )
        return weekdays, window, text

    def make_associations(self) -> None:
        rng = self.rng
        n = self.n
        statuses = self.statuses()
        # Distinct serials without searching: a sample of a range.
        serials = rng.sample(range(400_000), n)
        n_ets = sum(1 for i in range(n) if _FORMS[i % len(_FORMS)] is LegalForm.ETS_RUNTS)
        runts_numbers = rng.sample(range(1_000, 250_000), n_ets)
        ets_seen = 0
        board_id = contact_id = 0
        for index in range(n):
            aid = index + 1
            form = _FORMS[index % len(_FORMS)]
            status = statuses[index]
            section: RuntsSection | None = None
            runts_number: str | None = None
            if form is LegalForm.ETS_RUNTS:
                section = _SECTION_CYCLE[ets_seen % len(_SECTION_CYCLE)]
                runts_number = str(runts_numbers[ets_seen])
                ets_seen += 1
            core, main_sector = rng.choice(_THEMES)
            others = [s for s in rng.sample(SECTORS, 3) if s != main_sector]
            sectors = (main_sector, *others[: rng.choice((0, 0, 1, 1, 2))])
            name = self.name_for(form, section, core, main_sector)
            slug = _web_slug(name)
            informal = form is LegalForm.GRUPPO_INFORMALE
            if informal:
                tax_code = None
            elif serials[index] % 7 == 0:
                # Some entities also trade, with a partita IVA as tax code: 0xxxxxx015c.
                tax_code = entity_tax_code(serials[index] + 1)
            else:
                tax_code = entity_tax_code(9_600_000 + serials[index])
            seeking = rng.random() < 0.6
            loc = rng.choice(_LOCALITIES) if rng.random() < 0.4 else None
            formal_web = not informal and rng.random() < 0.35
            pec_chance = {
                LegalForm.ETS_RUNTS: 0.8,
                LegalForm.ASSOCIAZIONE_RICONOSCIUTA: 0.6,
            }.get(form, 0.1 if not informal else 0.0)

            if status is AssociationStatus.BOZZA:
                created = self.past_local(1, 45)
            else:
                created = self.past_local(60, 1500)
            last_day = (self.today - timedelta(days=1) - created.date()).days
            updated = created + timedelta(days=rng.randint(0, max(0, last_day)))
            if updated.date() >= self.today:
                updated = created

            # The board (formal bodies only: an informal group has a list of members).
            president = self.person()
            board: list[tuple[str, BoardRole]] = []
            if not informal:
                size = rng.randint(3, 7)
                board.append((president, BoardRole.PRESIDENTE))
                for pos in range(1, size):
                    role = (
                        _BOARD_ROLES[pos - 1] if pos <= len(_BOARD_ROLES) else BoardRole.CONSIGLIERE
                    )
                    if role is BoardRole.VICEPRESIDENTE and size < 4:
                        role = BoardRole.CONSIGLIERE
                    board.append((self.person(), role))
                elected = self.today - timedelta(days=rng.randint(30, 1400))
                for member_name, role in board:
                    board_id += 1
                    since = (
                        elected
                        if rng.random() < 0.85
                        else elected + timedelta(days=rng.randint(1, 25))
                    )
                    self.board_members.append(
                        BoardMemberData(board_id, aid, member_name, role, since)
                    )

            # Contact persons: the first is often a board member; for a group, its spokesperson.
            first_contact = (
                president
                if informal or rng.random() < 0.5
                else (board[rng.randrange(len(board))][0] if board else self.person())
            )
            contact_names = [first_contact]
            if rng.random() < 0.4:
                contact_names.append(self.person())
            for position, contact_name in enumerate(contact_names):
                contact_id += 1
                weekdays, window, availability = self.availability()
                meets = (
                    bool(weekdays) and (position == 0 or rng.random() < 0.6) and rng.random() < 0.9
                )
                if not meets and rng.random() < 0.5:
                    availability = "solo per email"
                self.contact_persons.append(
                    ContactPersonData(
                        id=contact_id,
                        association_id=aid,
                        name=contact_name,
                        phone=self.mobile(),
                        email=self.personal_email(contact_name),
                        availability=availability,
                        meets_citizens=meets,
                    )
                )
                if meets and status is AssociationStatus.ISCRITTA:
                    self.contact_windows[contact_id] = (weekdays, window)

            if status is AssociationStatus.SOSPESA:
                reason = rng.choice(_SUSPENDED_REASONS)
            elif status is AssociationStatus.CESSATA:
                reason = rng.choice(_CEASED_REASONS)
            else:
                reason = ""
            self.associations.append(
                AssociationData(
                    id=aid,
                    name=name,
                    legal_form=form,
                    runts_section=section,
                    runts_number=runts_number,
                    tax_code=tax_code,
                    address=self.address(),
                    email=f"info@{slug}.it" if not informal else self.personal_email(first_contact),
                    pec=f"{slug}@pec.it" if rng.random() < pec_chance else "",
                    phone=self.landline() if not informal else self.mobile(),
                    website=f"https://www.{slug}.it" if formal_web else "",
                    sectors=sectors,
                    description=self.description(sectors, seeking, loc),
                    seeking_volunteers=seeking,
                    legal_representative=president,
                    status=status,
                    status_reason=reason,
                    notes=rng.choice(_NOTES) if rng.random() < 0.1 else "",
                    created_at=created,
                    updated_at=updated,
                )
            )

    # rooms and calendar ------------------------------------------------------------------

    def make_rooms(self) -> None:
        self.rooms = [
            RoomData(i + 1, name, kind, capacity, equipment, True)
            for i, (name, kind, capacity, equipment) in enumerate(_ROOMS)
        ]

    def make_closures(self, first: date, last: date) -> None:
        """Holidays on opening days between `first` and `last`, and a room under maintenance."""
        closure_id = 0
        for year in range(first.year, last.year + 1):
            for day, reason in holidays(year):
                if first <= day <= last and self.hours.get(day.weekday()):
                    closure_id += 1
                    self.closures.append(ClosureData(closure_id, None, day, day, reason))
                    self.house_closed.add(day)
        open_days = [d for d in _days(self.today + timedelta(days=8), last) if self.is_open(d)]
        if closure_id == 0 and open_days:
            day = open_days[min(len(open_days) - 1, 5)]
            closure_id += 1
            self.closures.append(
                ClosureData(closure_id, None, day, day, "Chiusura per formazione del personale")
            )
            self.house_closed.add(day)
            open_days.remove(day)
        # A room closed for a few days, starting early in a week.
        starts = [d for d in open_days if d.weekday() <= 2] or open_days
        if starts:
            events_room = self.rooms[4]
            start = starts[0]
            end = start + timedelta(days=2)
            closure_id += 1
            self.closures.append(
                ClosureData(
                    closure_id,
                    events_room.id,
                    start,
                    end,
                    "Manutenzione: tinteggiatura e revisione dell'impianto audio",
                )
            )
            for day in _days(start, end + timedelta(days=1)):
                self.room_closed.add((events_room.id, day))

    def is_open(self, day: date, room_id: int | None = None) -> bool:
        if not self.hours.get(day.weekday()) or day in self.house_closed:
            return False
        return room_id is None or (room_id, day) not in self.room_closed

    def is_free(self, room_id: int, start: datetime, end: datetime) -> bool:
        taken = self.occupied.get((room_id, start.date()), ())
        return all(end <= a or b <= start for a, b in taken)

    def take(self, room_id: int, start: datetime, end: datetime) -> None:
        self.occupied.setdefault((room_id, start.date()), []).append((start, end))

    def can_book(self, room_id: int, start: datetime, end: datetime) -> bool:
        return (
            self.is_open(start.date(), room_id)
            and within_opening_hours(self.hours, start, end)
            and self.is_free(room_id, start, end)
        )

    def book(
        self,
        room: RoomData,
        association_id: int | None,
        title: str,
        start: datetime,
        end: datetime,
        people: int | None,
        series_id: int | None = None,
    ) -> None:
        rng = self.rng
        cancelled = series_id is None and association_id is not None and rng.random() < 0.05
        self.take(room.id, start, end)
        self.bookings.append(
            BookingData(
                id=len(self.bookings) + 1,
                room_id=room.id,
                association_id=association_id,
                title=title,
                start_at=start,
                end_at=end,
                expected_people=people,
                status=BookingStatus.CANCELLED if cancelled else BookingStatus.CONFIRMED,
                series_id=series_id,
                notes=(
                    "Annullata dall'associazione."
                    if cancelled
                    else (rng.choice(_BOOKING_NOTES) if rng.random() < 0.15 else "")
                ),
            )
        )

    def make_bookings(self, first: date, end: date) -> None:
        rng = self.rng
        days = _days(first, end)
        active = [a for a in self.associations if a.status is AssociationStatus.ISCRITTA]

        # Events of the house itself.
        open_days = [d for d in days if self.is_open(d)]
        for title, room_index, offset, t0, t1, people in _HOUSE_EVENTS:
            room = self.rooms[room_index]
            candidates = [
                d for d in open_days[offset:] + open_days[:offset] if self.is_open(d, room.id)
            ]
            for day in candidates:
                start, stop = datetime.combine(day, t0), datetime.combine(day, t1)
                if self.can_book(room.id, start, stop):
                    self.book(room, None, title, start, stop, min(people, room.capacity))
                    break

        # Weekly series (materialised as bookings; closed days are exceptions).
        for title, room_index, weekday, t0, t1, people, sector in _SERIES:
            if not active:
                break
            room = self.rooms[room_index]
            fitting = [a for a in active if sector in a.sectors] or active
            owner = rng.choice(fitting)
            dates = [d for d in days if d.weekday() == weekday]
            if not dates:
                continue
            series_id = len(self.series) + 1
            exceptions: list[str] = []
            for day in dates:
                start, stop = datetime.combine(day, t0), datetime.combine(day, t1)
                if self.can_book(room.id, start, stop):
                    self.book(
                        room, owner.id, title, start, stop, min(people, room.capacity), series_id
                    )
                else:
                    exceptions.append(start.isoformat())
            byday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[weekday]
            self.series.append(
                BookingSeriesData(
                    id=series_id,
                    room_id=room.id,
                    association_id=owner.id,
                    title=title,
                    first_start=datetime.combine(dates[0], t0),
                    first_end=datetime.combine(dates[0], t1),
                    rrule=f"FREQ=WEEKLY;BYDAY={byday};COUNT={len(dates)}",
                    exceptions=tuple(exceptions),
                    expected_people=min(people, room.capacity),
                )
            )

        # Everyday bookings by enrolled associations.
        if not active:
            return
        half_hour = timedelta(minutes=30)
        for day in days:
            for index, room in enumerate(self.rooms):
                if index == _INTERVIEW_ROOM or not self.is_open(day, room.id):
                    continue
                for a, b in self.hours.get(day.weekday(), []):
                    if rng.random() > _BOOKING_CHANCE[room.kind]:
                        continue
                    cursor, limit = datetime.combine(day, a), datetime.combine(day, b)
                    while cursor + 2 * half_hour <= limit:
                        if rng.random() < 0.35:
                            cursor += half_hour * rng.randint(1, 2)
                            continue
                        stop = min(
                            limit, cursor + half_hour * rng.choice(_BOOKING_HALF_HOURS[room.kind])
                        )
                        if stop - cursor < 2 * half_hour:
                            break
                        if not self.is_free(room.id, cursor, stop):
                            cursor += half_hour
                            continue
                        owner = rng.choice(active)
                        people = rng.randint(max(1, room.capacity // 4), room.capacity)
                        self.book(
                            room,
                            owner.id,
                            rng.choice(_BOOKING_TITLES[room.kind]),
                            cursor,
                            stop,
                            people,
                        )
                        cursor = stop
                        if rng.random() < 0.5:
                            break

    # citizens and appointments -------------------------------------------------------

    def make_citizens_and_appointments(self, first: date, end: date) -> None:
        rng = self.rng
        n_citizens = max(10, round(self.n * 0.75)) if self.n else 0
        target = round(n_citizens * 1.3)
        by_weekday: dict[int, list[date]] = {}
        for day in _days(first, end):
            if self.is_open(day):
                by_weekday.setdefault(day.weekday(), []).append(day)

        association_of = {c.id: c.association_id for c in self.contact_persons}
        seeking = {a.id for a in self.associations if a.seeking_volunteers}
        eligible = list(self.contact_windows)
        eager = [c for c in eligible if association_of[c] in seeking]
        interview_room = self.rooms[_INTERVIEW_ROOM]

        first_seen: dict[int, date] = {}
        busy: set[tuple[str, int, datetime]] = set()
        citizen_ids = list(range(1, n_citizens + 1))
        for k in range(target if eligible else 0):
            citizen_id = citizen_ids[k] if k < n_citizens else rng.choice(citizen_ids)
            for _attempt in range(12):
                pool = eager if eager and rng.random() < 0.8 else eligible
                contact_id = rng.choice(pool)
                weekdays, (w0, w1) = self.contact_windows[contact_id]
                dates = by_weekday.get(rng.choice(weekdays))
                if not dates:
                    continue
                day = rng.choice(dates)
                slots = int(
                    (datetime.combine(day, w1) - datetime.combine(day, w0)) / APPOINTMENT_LENGTH
                )
                start = datetime.combine(day, w0) + APPOINTMENT_LENGTH * rng.randrange(slots)
                stop = start + APPOINTMENT_LENGTH
                if ("c", contact_id, start) in busy or ("p", citizen_id, start) in busy:
                    continue
                if not within_opening_hours(self.hours, start, stop):
                    continue
                busy.add(("c", contact_id, start))
                busy.add(("p", citizen_id, start))
                room_id = None
                if rng.random() < 0.35 and self.can_book(interview_room.id, start, stop):
                    self.take(interview_room.id, start, stop)
                    room_id = interview_room.id
                roll = rng.random()
                notes = rng.choice(_APPOINTMENT_NOTES) if rng.random() < 0.08 else ""
                if day < self.today:
                    if roll < 0.72:
                        status = AppointmentStatus.HELD
                        outcome = rng.choice(_OUTCOMES_HELD).format(
                            start=day + timedelta(days=rng.randint(3, 14))
                        )
                    elif roll < 0.9:
                        status, outcome = AppointmentStatus.NO_SHOW, rng.choice(_OUTCOMES_NO_SHOW)
                    else:
                        status, outcome = (
                            AppointmentStatus.CANCELLED,
                            rng.choice(_OUTCOMES_CANCELLED),
                        )
                elif roll < 0.92:
                    status, outcome = AppointmentStatus.SCHEDULED, ""
                else:
                    status, outcome = AppointmentStatus.CANCELLED, rng.choice(_OUTCOMES_CANCELLED)
                self.appointments.append(
                    AppointmentData(
                        id=len(self.appointments) + 1,
                        citizen_id=citizen_id,
                        association_id=association_of[contact_id],
                        contact_person_id=contact_id,
                        start_at=start,
                        end_at=stop,
                        room_id=room_id,
                        status=status,
                        outcome=outcome,
                        notes=notes,
                    )
                )
                if citizen_id not in first_seen or day < first_seen[citizen_id]:
                    first_seen[citizen_id] = day
                break

        for citizen_id in citizen_ids:
            name = self.person(world_share=0.25)
            has_phone = rng.random() < 0.85
            email = self.personal_email(name) if not has_phone or rng.random() < 0.6 else ""
            seen = min(first_seen.get(citizen_id, self.today), self.today)
            consent = seen - timedelta(days=rng.randint(0, 5))
            self.citizens.append(
                CitizenData(
                    id=citizen_id,
                    name=name,
                    phone=self.mobile() if has_phone else "",
                    email=email,
                    consent_on=consent,
                    privacy_notice_version=PRIVACY_NOTICE_VERSION,
                )
            )

    # papers and enrollments --------------------------------------------------------------

    def make_papers(self) -> None:
        """Each association's recorded papers and enrollments, consistent with its status.

        Enrolled (and suspended or ceased) associations had every paper in order on the day
        they enrolled; some deliveries have since run out and were not renewed. Drafts
        have some papers missing, or are ready to enroll. One enrollment was made by the
        coordinator with an override; one draft had its receipt cancelled.
        A separate random stream: the rest of the demo stays as it was.
        """
        rng = random.Random(f"{self.seed}/papers")
        operators = list(range(1, len(OPERATORS) + 1))
        pending: list[_Pending] = []
        override_done = False
        drafts_ready: list[AssociationData] = []
        for a in self.associations:
            papers = [(code, months) for code, forms, months in PAPERS if a.legal_form in forms]
            created = a.created_at.astimezone(MILAN).date()
            last_day = self.today - timedelta(days=1)
            if a.status is AssociationStatus.BOZZA:
                if self.draft_papers(rng, a, papers, created, last_day, operators):
                    drafts_ready.append(a)
                continue
            span = max(0, (last_day - created).days)
            enrolled_on = created + timedelta(days=rng.randint(0, min(45, span)))
            override = (
                not override_done
                and a.status is AssociationStatus.ISCRITTA
                and a.legal_form is LegalForm.COMITATO
            )
            override_done = override_done or override
            delivered: list[tuple[str, date]] = []
            not_applicable: list[tuple[str, str]] = []
            for code, months in papers:
                if override and code == "activity_report":
                    continue  # the paper the override was given for: still missing
                reasons = _NOT_APPLICABLE.get(code)
                if reasons and a.legal_form is LegalForm.COMITATO and rng.random() < 0.3:
                    reason = rng.choice(reasons)
                    not_applicable.append((code, reason))
                    self.add_paper(
                        a.id,
                        code,
                        DocumentStatus.NOT_APPLICABLE,
                        None,
                        rng.choice(operators),
                        reason,
                    )
                    continue
                first = max(created, enrolled_on - timedelta(days=rng.randint(0, 20)))
                delivered.append((code, first))
                received = first
                if (
                    months is not None
                    and first + relativedelta(months=months) <= self.today
                    and a.status is AssociationStatus.ISCRITTA
                    and rng.random() < _RENEWED
                ):
                    # Renewed in time: a fresh copy within the last eleven months.
                    received = max(enrolled_on, self.today - timedelta(days=rng.randint(1, 330)))
                self.add_paper(
                    a.id, code, DocumentStatus.DELIVERED, received, rng.choice(operators), ""
                )
            operator = 1 if override else rng.choice(operators)
            pending.append(
                (
                    a,
                    enrolled_on,
                    operator,
                    "",
                    OVERRIDE_REASON if override else "",
                    delivered,
                    not_applicable,
                )
            )

        # One draft whose receipt was cancelled: every paper delivered, enrolled, cancelled.
        cancelled_id = None
        if drafts_ready:
            a = min(drafts_ready, key=lambda d: (d.created_at, d.id))
            created = a.created_at.astimezone(MILAN).date()
            received_on = {
                d.requirement_code: d.received_on
                for d in self.documents
                if d.association_id == a.id and d.received_on
            }
            enrolled_on = max([created, *received_on.values()])
            if enrolled_on < self.today:
                cancelled_id = a.id
                pending.append(
                    (
                        a,
                        enrolled_on,
                        rng.choice(operators),
                        CANCEL_REASON,
                        "",
                        sorted(received_on.items(), key=lambda item: _PAPER_ORDER[item[0]]),
                        [],
                    )
                )

        pending.sort(key=lambda p: (p[1], p[0].id))
        per_year: dict[int, int] = {}
        for a, enrolled_on, operator, cancel_reason, override_reason, delivered, na in pending:
            number = per_year[enrolled_on.year] = per_year.get(enrolled_on.year, 0) + 1
            self.enrollments.append(
                EnrollmentData(
                    id=len(self.enrollments) + 1,
                    association_id=a.id,
                    year=enrolled_on.year,
                    number=number,
                    enrolled_on=enrolled_on,
                    operator_id=operator,
                    status=EnrollmentStatus.ANNULLATA if cancel_reason else EnrollmentStatus.VALIDA,
                    cancel_reason=cancel_reason,
                    override_reason=override_reason,
                    delivered=tuple(delivered),
                    not_applicable=tuple(na),
                )
            )
            if a.id == cancelled_id:
                index = a.id - 1
                self.associations[index] = replace(
                    a,
                    status_reason=f"Ricevuta {receipt_number(enrolled_on.year, number)} annullata: "
                    f"{cancel_reason}",
                )

    def draft_papers(
        self,
        rng: random.Random,
        a: AssociationData,
        papers: list[tuple[str, int | None]],
        created: date,
        last_day: date,
        operators: list[int],
    ) -> bool:
        """A draft's papers: all delivered (ready to enroll, returns True) or some missing."""
        span = max(0, (last_day - created).days)
        ready = rng.random() < 0.3
        codes = [code for code, _ in papers]
        missing: set[str] = set()
        if not ready:
            missing = set(rng.sample(codes, rng.randint(1, min(3, len(codes)))))
        for code in codes:
            if code in missing:
                if rng.random() < 0.3:
                    self.add_paper(
                        a.id, code, DocumentStatus.MISSING, None, None, rng.choice(_MISSING_NOTES)
                    )
                continue
            on = created + timedelta(days=rng.randint(0, min(10, span)))
            self.add_paper(a.id, code, DocumentStatus.DELIVERED, on, rng.choice(operators), "")
        return ready

    def add_paper(
        self,
        association_id: int,
        code: str,
        status: DocumentStatus,
        received_on: date | None,
        operator_id: int | None,
        note: str,
    ) -> None:
        self.documents.append(
            DocumentData(
                id=len(self.documents) + 1,
                association_id=association_id,
                requirement_code=code,
                status=status,
                received_on=received_on,
                received_by_id=operator_id,
                note=note,
            )
        )

    def run(self) -> DemoData:
        today = self.today
        bookings_first = today + timedelta(days=BOOKINGS_FROM_DAYS)
        bookings_end = today + timedelta(days=BOOKINGS_TO_DAYS)
        appointments_first = today + timedelta(days=APPOINTMENTS_FROM_DAYS)
        appointments_end = today + timedelta(days=APPOINTMENTS_TO_DAYS + 1)
        self.make_associations()
        self.make_rooms()
        self.make_closures(
            min(bookings_first, appointments_first),
            max(bookings_end, appointments_end) + timedelta(days=30),
        )
        self.make_bookings(bookings_first, bookings_end)
        self.make_citizens_and_appointments(appointments_first, appointments_end)
        self.make_papers()
        self.bookings.sort(key=lambda b: (b.start_at, b.room_id))
        # Ids follow the calendar order, as if booked one after the other.
        bookings = [replace(b, id=i + 1) for i, b in enumerate(self.bookings)]
        operators = [
            OperatorData(i + 1, full_name, username, password, role)
            for i, (full_name, username, password, role) in enumerate(OPERATORS)
        ]
        house = HouseData(
            HOUSE.name,
            HOUSE.address,
            HOUSE.phone,
            HOUSE.email,
            {d: list(v) for d, v in self.hours.items()},
        )
        return DemoData(
            seed=self.seed,
            today=today,
            house=house,
            operators=operators,
            associations=self.associations,
            board_members=self.board_members,
            contact_persons=self.contact_persons,
            rooms=self.rooms,
            booking_series=self.series,
            bookings=bookings,
            closures=self.closures,
            citizens=self.citizens,
            appointments=self.appointments,
            documents=self.documents,
            enrollments=self.enrollments,
        )


def generate(associations: int = 40, seed: int = 2026, *, today: date) -> DemoData:
    """A whole demo house: `associations` bodies (every legal form), rooms, a month of calendar.

    Deterministic for a given `seed` and `today`; `today` anchors the calendar (a week
    back, three weeks ahead for bookings; two weeks either side for appointments).
    """
    return _Generator(associations, seed, today).run()
