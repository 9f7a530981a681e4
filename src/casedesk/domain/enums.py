"""Enumerated values shared by every layer.

The values are the code names of the glossary; they are stored as-is in the
database (and checked there), and `label` gives the Italian word the desk sees.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry an Italian label for the UI and documents."""

    label: str

    def __new__(cls, value: str, label: str = "") -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value
        return member

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]

    @classmethod
    def from_label(cls, text: str) -> LabelledEnum | None:
        """The member whose label or value matches `text`, ignoring case and outer spaces."""
        wanted = text.strip().casefold()
        for member in cls:
            if wanted in (member.label.casefold(), member.value.casefold()):
                return member
        return None


class Role(LabelledEnum):
    OPERATORE = "operatore", "Operatore"
    COORDINATORE = "coordinatore", "Coordinatore"


class LegalForm(LabelledEnum):
    ASSOCIAZIONE_RICONOSCIUTA = "associazione_riconosciuta", "Associazione riconosciuta"
    ASSOCIAZIONE_NON_RICONOSCIUTA = "associazione_non_riconosciuta", "Associazione non riconosciuta"
    COMITATO = "comitato", "Comitato"
    ETS_RUNTS = "ets_runts", "Ente del Terzo settore iscritto al RUNTS"
    GRUPPO_INFORMALE = "gruppo_informale", "Gruppo informale"


class RuntsSection(LabelledEnum):
    A = "a", "a) Organizzazioni di volontariato (ODV)"
    B = "b", "b) Associazioni di promozione sociale (APS)"
    C = "c", "c) Enti filantropici"
    D = "d", "d) Imprese sociali"
    E = "e", "e) Reti associative"
    F = "f", "f) Società di mutuo soccorso"
    G = "g", "g) Altri enti del Terzo settore"


class AssociationStatus(LabelledEnum):
    BOZZA = "bozza", "Bozza"
    ISCRITTA = "iscritta", "Iscritta"
    SOSPESA = "sospesa", "Sospesa"
    CESSATA = "cessata", "Cessata"


class BoardRole(LabelledEnum):
    PRESIDENTE = "presidente", "Presidente"
    VICEPRESIDENTE = "vicepresidente", "Vicepresidente"
    SEGRETARIO = "segretario", "Segretario"
    TESORIERE = "tesoriere", "Tesoriere"
    CONSIGLIERE = "consigliere", "Consigliere"


class DocumentStatus(LabelledEnum):
    MISSING = "missing", "Mancante"
    DELIVERED = "delivered", "Consegnato"
    NOT_APPLICABLE = "not_applicable", "Non applicabile"
    OUTDATED = "outdated", "Da aggiornare"


class EnrollmentStatus(LabelledEnum):
    VALIDA = "valida", "Valida"
    ANNULLATA = "annullata", "Annullata"


class RoomKind(LabelledEnum):
    COWORKING = "coworking", "Co-working"
    TRAINING = "training", "Sala formazione"
    MEETING = "meeting", "Sala riunioni"
    EVENTS = "events", "Spazio espositivo e per eventi"


class BookingStatus(LabelledEnum):
    CONFIRMED = "confirmed", "Confermata"
    CANCELLED = "cancelled", "Annullata"


class AppointmentStatus(LabelledEnum):
    SCHEDULED = "scheduled", "Programmato"
    HELD = "held", "Svolto"
    NO_SHOW = "no_show", "Non presentato"
    CANCELLED = "cancelled", "Annullato"


class AppointmentResult(LabelledEnum):
    """How a held appointment went (esito dell'incontro); only `held` has one."""

    INTERESTED = "interested", "Interessato"
    STARTED = "started", "Avviato al volontariato"
    NOT_INTERESTED = "not_interested", "Non interessato"


class CancelledBy(LabelledEnum):
    """Who cancelled an appointment: the figures count each side apart."""

    CITIZEN = "citizen", "Cittadino"
    ASSOCIATION = "association", "Associazione"
    HOUSE = "house", "Casa"
