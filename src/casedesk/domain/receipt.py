"""What an enrollment receipt prints, frozen at enrollment (the snapshot).

Stored as JSON on the enrollment, so a reprint shows exactly what was handed over,
whatever has changed since.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casedesk.domain.plain import plain_dict

DEFAULT_SERVICES = (
    "spazi di co-working",
    "sale per la formazione",
    "sale riunioni",
    "spazi espositivi e per eventi",
    "materiale informativo sulle associazioni",
    "informazioni per le associazioni",
    "supporto alla comunicazione",
    "incontri con i cittadini",
)
DEFAULT_SERVICES_INTRO = (
    "L'associazione iscritta può usufruire gratuitamente di tutti i servizi della Casa:"
)
DEFAULT_PRIVACY_NOTE = (
    "I dati raccolti sono trattati dal Comune di Milano per la gestione delle iscrizioni "
    "alla Casa delle associazioni e del volontariato, nel rispetto del Regolamento (UE) "
    "2016/679. L'informativa completa è disponibile presso la segreteria della Casa."
)


@dataclass(frozen=True)
class ReceiptHouse:
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    logo_path: str | None = None


@dataclass(frozen=True)
class ReceiptAssociation:
    name: str
    legal_form: str  # the Italian label, as printed
    tax_code: str = ""
    runts_section: str = ""  # the printed label, e.g. "a) Organizzazioni di volontariato (ODV)"
    runts_number: str = ""
    address: str = ""
    legal_representative: str = ""


@dataclass(frozen=True)
class ReceiptDocument:
    title: str
    received_on: str = ""  # ISO date, "" when not applicable
    not_applicable_reason: str = ""


@dataclass(frozen=True)
class ReceiptSnapshot:
    number: str  # "2026/0001"
    enrolled_on: str  # ISO date
    house: ReceiptHouse
    association: ReceiptAssociation
    delivered: tuple[ReceiptDocument, ...] = ()
    not_applicable: tuple[ReceiptDocument, ...] = ()
    override_reason: str = ""
    services_intro: str = DEFAULT_SERVICES_INTRO
    services: tuple[str, ...] = DEFAULT_SERVICES
    privacy_note: str = DEFAULT_PRIVACY_NOTE
    operator_name: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def enrolled_date(self) -> date:
        return date.fromisoformat(self.enrolled_on)

    def to_json(self) -> dict[str, Any]:
        return plain_dict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReceiptSnapshot:
        return cls(
            number=data["number"],
            enrolled_on=data["enrolled_on"],
            house=ReceiptHouse(**data["house"]),
            association=ReceiptAssociation(**data["association"]),
            delivered=tuple(ReceiptDocument(**d) for d in data.get("delivered", ())),
            not_applicable=tuple(ReceiptDocument(**d) for d in data.get("not_applicable", ())),
            override_reason=data.get("override_reason", ""),
            services_intro=data.get("services_intro", DEFAULT_SERVICES_INTRO),
            services=tuple(data.get("services", DEFAULT_SERVICES)),
            privacy_note=data.get("privacy_note", DEFAULT_PRIVACY_NOTE),
            operator_name=data.get("operator_name", ""),
            extra=dict(data.get("extra", {})),
        )


def receipt_number(year: int, number: int) -> str:
    return f"{year}/{number:04d}"


def parse_receipt_number(text: str) -> tuple[int, int]:
    """ "2026/0007" (or "2026-0007", "2026/7") -> (2026, 7); ValueError otherwise."""
    cleaned = text.strip().replace("-", "/")
    year_text, sep, number_text = cleaned.partition("/")
    if not sep or not year_text.isdigit() or not number_text.isdigit() or len(year_text) != 4:
        raise ValueError(f"«{text}» non è un numero di ricevuta come 2026/0007.")
    return int(year_text), int(number_text)


def pdf_filename(year: int, number: int) -> str:
    """The archived PDF's name in the year's folder, e.g. «2026-0007.pdf»."""
    return f"{year}-{number:04d}.pdf"


def saved_pdf_name(year: int, number: int, duplicate: bool = False) -> str:
    """The name offered when the desk saves a receipt: «ricevuta-2026-0007.pdf»,
    «ricevuta-2026-0007-duplicato.pdf»."""
    stem = "ricevuta-" + pdf_filename(year, number).removesuffix(".pdf")
    return f"{stem}-duplicato.pdf" if duplicate else f"{stem}.pdf"
