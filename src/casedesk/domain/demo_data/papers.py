"""The papers each demo association handed in, and its enrollments and receipts.

A separate random stream (seeded from the demo's seed): the rest of the demo is the same
with or without them.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from casedesk.domain.calendar_time import MILAN
from casedesk.domain.checklist import expires_on
from casedesk.domain.demo_data.records import AssociationData, DocumentData, EnrollmentData
from casedesk.domain.demo_data.words import load_words
from casedesk.domain.enrollment import DEFAULT_VALIDITY_MONTHS, enrollment_ends_on
from casedesk.domain.enums import AssociationStatus, DocumentStatus, EnrollmentStatus, LegalForm
from casedesk.domain.receipt import receipt_number

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
# Share of deliveries renewed in time once their validity ran out.
_RENEWED = 0.93
# How long the demo house's enrollments last (HouseData carries it into the database).
ENROLLMENT_VALIDITY_MONTHS = DEFAULT_VALIDITY_MONTHS
# Share of the enrolled bodies due for a renewal that have not come back yet («da
# rinnovare»): a few, so the register's filter shows something without the house
# looking neglected.
_DUE_SHARE = 0.12
# The others renew on time: on the day their receipt runs out or within these days.
_LATE_DAYS = 25


def _ends(enrolled_on: date) -> date:
    ends = enrollment_ends_on(enrolled_on, ENROLLMENT_VALIDITY_MONTHS)
    assert ends is not None
    return ends


# An enrollment before its number: association, date, operator, cancel reason,
# override reason, papers delivered (code, date), papers not applicable (code, reason).
_Pending = tuple[
    AssociationData, date, int, str, str, list[tuple[str, date]], list[tuple[str, str]]
]


def make_papers(
    seed: int, today: date, associations: list[AssociationData], operator_ids: list[int]
) -> tuple[list[DocumentData], list[EnrollmentData], list[AssociationData]]:
    """(papers, enrollments, associations): the list of associations is a copy, with the
    status reason of the draft whose receipt was cancelled."""
    papers = _Papers(seed, today, list(associations), operator_ids)
    papers.run()
    return papers.documents, papers.enrollments, papers.associations


class _Papers:
    def __init__(
        self, seed: int, today: date, associations: list[AssociationData], operator_ids: list[int]
    ) -> None:
        self.seed = seed
        self.today = today
        self.associations = associations
        self.operator_ids = operator_ids
        self.words = load_words()
        self.documents: list[DocumentData] = []
        self.enrollments: list[EnrollmentData] = []

    def run(self) -> None:
        """Each association's recorded papers and enrollments, consistent with its status.

        Enrolled (and suspended or ceased) associations had every paper in order on the day
        they enrolled, and renewed on time each time their receipt ran out, bringing fresh
        copies of the papers that expire (suspended and ceased ones stopped renewing when
        their status changed). A few enrolled ones have let their last receipt run out
        («da rinnovare»). Some deliveries have since run out and were not renewed. Drafts
        have some papers missing, or are ready to enroll. One receipt was made by the
        coordinator with an override; one draft had its receipt cancelled.
        A separate random stream: the rest of the demo stays as it was.
        """
        rng = random.Random(f"{self.seed}/papers")
        operators = self.operator_ids
        today = self.today
        last_day = today - timedelta(days=1)

        # First the day each body enrolled, so the few left to renew and the one
        # override can be chosen among all of them.
        first_on: dict[int, date] = {}
        for a in self.associations:
            if a.status is AssociationStatus.BOZZA:
                continue
            created = a.created_at.astimezone(MILAN).date()
            span = max(0, (last_day - created).days)
            on = created + timedelta(days=rng.randint(0, min(45, span)))
            if a.status is AssociationStatus.ISCRITTA:
                on = self.not_ending_today(on)
            first_on[a.id] = on
        # Enrolled long enough ago to have needed a renewal: a few did not come back yet.
        eligible = [
            a.id
            for a in self.associations
            if a.status is AssociationStatus.ISCRITTA and _ends(first_on[a.id]) <= today
        ]
        due: set[int] = set()
        if eligible:
            due = set(rng.sample(eligible, max(1, round(len(eligible) * _DUE_SHARE))))
        override_id = next(
            (
                a.id
                for a in self.associations
                if a.status is AssociationStatus.ISCRITTA
                and a.legal_form is LegalForm.COMITATO
                and a.id not in due
            ),
            None,
        )

        pending: list[_Pending] = []
        drafts_ready: list[AssociationData] = []
        for a in self.associations:
            papers = [(code, months) for code, forms, months in PAPERS if a.legal_form in forms]
            created = a.created_at.astimezone(MILAN).date()
            if a.status is AssociationStatus.BOZZA:
                if self.draft_papers(rng, a, papers, created, last_day, operators):
                    drafts_ready.append(a)
                continue
            enrolled = a.status is AssociationStatus.ISCRITTA
            until = last_day if enrolled else a.updated_at.astimezone(MILAN).date()
            dates = self.receipt_dates(rng, first_on[a.id], until, enrolled)
            if a.id in due:
                dates.pop()  # the renewal they have not come for yet
            override = a.id == override_id
            # Per receipt, the papers it lists: (code, date of the copy handed in).
            by_receipt: list[list[tuple[str, date]]] = [[] for _ in dates]
            not_applicable: list[tuple[str, str]] = []
            for code, months in papers:
                reasons = self.words.not_applicable.get(code)
                missing_now = override and code == "activity_report"
                if (
                    not missing_now
                    and reasons
                    and a.legal_form is LegalForm.COMITATO
                    and rng.random() < 0.3
                ):
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
                first = max(created, dates[0] - timedelta(days=rng.randint(0, 20)))
                if months is None:
                    copies = [first] * len(dates)
                else:
                    # A fresh copy for each renewal, brought in the days before it.
                    copies = [first] + [on - timedelta(days=rng.randint(0, 20)) for on in dates[1:]]
                if missing_now:
                    # The paper the override was given for: missing (or out of date) at
                    # the last receipt.
                    for listed, copy in zip(by_receipt[:-1], copies[:-1]):
                        listed.append((code, copy))
                    if len(copies) > 1:
                        self.add_paper(
                            a.id,
                            code,
                            DocumentStatus.DELIVERED,
                            copies[-2],
                            rng.choice(operators),
                            "",
                        )
                    continue
                for listed, copy in zip(by_receipt, copies):
                    listed.append((code, copy))
                received = copies[-1]
                if (
                    months is not None
                    and enrolled
                    and expires_on(received, months) <= today
                    and rng.random() < _RENEWED
                ):
                    # Renewed in time: a fresh copy within the last eleven months.
                    received = max(dates[-1], today - timedelta(days=rng.randint(1, 330)))
                self.add_paper(
                    a.id, code, DocumentStatus.DELIVERED, received, rng.choice(operators), ""
                )
            for index, on in enumerate(dates):
                last = index == len(dates) - 1
                pending.append(
                    (
                        a,
                        on,
                        1 if override and last else rng.choice(operators),
                        "",
                        self.words.override_reason if override and last else "",
                        by_receipt[index],
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
                        self.words.cancel_reason,
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

    def not_ending_today(self, on: date) -> date:
        """`on`, or the next day whose receipt does not run out exactly today: such a
        receipt could only be renewed today, and the demo's receipts are all in the past."""
        while _ends(on) == self.today:
            on += timedelta(days=1)
        return on

    def receipt_dates(
        self, rng: random.Random, first: date, until: date, enrolled: bool
    ) -> list[date]:
        """The first enrollment and its renewals up to `until`: each once the previous
        receipt has run out (never before: the desk refuses), at most _LATE_DAYS late."""
        dates = [first]
        while (ends := _ends(dates[-1])) <= until:
            on = ends + timedelta(days=min(rng.randint(0, _LATE_DAYS), (until - ends).days))
            dates.append(self.not_ending_today(on) if enrolled else on)
        return dates

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
                        a.id,
                        code,
                        DocumentStatus.MISSING,
                        None,
                        None,
                        rng.choice(self.words.missing_notes),
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
