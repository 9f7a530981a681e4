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
        they enrolled; some deliveries have since run out and were not renewed. Drafts
        have some papers missing, or are ready to enroll. One enrollment was made by the
        coordinator with an override; one draft had its receipt cancelled.
        A separate random stream: the rest of the demo stays as it was.
        """
        rng = random.Random(f"{self.seed}/papers")
        operators = self.operator_ids
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
                reasons = self.words.not_applicable.get(code)
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
                    and expires_on(first, months) <= self.today
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
                    self.words.override_reason if override else "",
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
