"""Receipt: an enrollment receipt PDF rendered warm, against a bare ReportLab page.

The receipt is a typical one (house with a logo, an ETS with its RUNTS details, four
documents delivered, one not applicable, the default services and privacy note), built
by `casedesk.reports.receipt.render_receipt`. The baseline is a bare ReportLab page
carrying the same text: the receipt's own text lines (read back once with pypdf, before
timing), each drawn with a plain `canvas.drawString` in the same embedded fonts (DejaVu
Sans, the first line in DejaVu Sans Bold, so both subsets are embedded as in the
receipt), saved to bytes the same way. Both are timed warm (fonts registered, logo
read), alternating receipt and baseline so that drift in the machine's load hits both
alike; the value is the median.

Target (issue 4, "Speed"): median ≤ 40 ms and ≤ 3 × the bare page. The original and the
reprint (DUPLICATO: the stamp and the watermark on every page) are separate rows.

"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.core import BenchEnv, Result

MAX_MS = 40.0
MAX_RATIO = 3.0
RUNS = 50
SMOKE_RUNS = 3
WARMUP = 3
UNIT = "ms"


def sample_snapshot(logo_path: str | None) -> Any:
    from casedesk.domain.receipt import (
        ReceiptAssociation,
        ReceiptDocument,
        ReceiptHouse,
        ReceiptSnapshot,
        receipt_number,
    )

    return ReceiptSnapshot(
        number=receipt_number(2026, 1),
        enrolled_on="2026-11-28",
        house=ReceiptHouse(
            name="Casa delle associazioni e del volontariato Municipio 3",
            address="Via Ventura 3, 20134 Milano",
            phone="02 8844 1234",
            email="casa.associazioni3@comune.milano.it",
            logo_path=logo_path,
        ),
        association=ReceiptAssociation(
            name="Amici del Parco Lambro APS",
            legal_form="Ente del Terzo settore (ETS)",
            tax_code="97123450153",
            runts_section="b) Associazioni di promozione sociale (APS)",
            runts_number="123456",
            address="Via Feltre 100, 20134 Milano",
            legal_representative="Giulia Bianchi",
        ),
        delivered=(
            ReceiptDocument("Statuto", "2026-11-20"),
            ReceiptDocument("Atto costitutivo", "2026-11-21"),
            ReceiptDocument("Elenco del Consiglio direttivo", "2026-11-22"),
            ReceiptDocument("Relazione sulle attività svolte o da realizzare", "2026-11-23"),
        ),
        not_applicable=(
            ReceiptDocument(
                "Estremi di iscrizione al RUNTS",
                "",
                "Iscrizione in corso di perfezionamento presso l'Ufficio regionale",
            ),
        ),
        operator_name="Marco Rossi",
    )


def write_logo(folder: Path) -> str:
    """A 400×240 PNG with transparency, like a house's logo."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (400, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 230, 230), fill=(31, 58, 95, 255))
    draw.rectangle((250, 60, 390, 180), fill=(200, 40, 40, 255))
    path = folder / "logo.png"
    image.save(path)
    return str(path)


def bare_page(lines: list[str]) -> Callable[[], bytes]:
    """The baseline: `lines` drawn with drawString in the receipt's fonts, one page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from casedesk.reports.fonts import BOLD, REGULAR, register_fonts

    register_fonts()

    def render() -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=A4, invariant=1, initialFontName=REGULAR)
        y = A4[1] - 40
        for index, line in enumerate(lines):
            canvas.setFont(BOLD if index == 0 else REGULAR, 9)
            canvas.drawString(40, y, line)
            y -= 10.5
            if y < 40:
                canvas.showPage()
                y = A4[1] - 40
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    return render


def read_back(pdf: bytes) -> tuple[list[str], int]:
    """The PDF's text lines (pypdf) and its number of pages."""
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(pdf)).pages
    lines = [line for page in pages for line in page.extract_text().splitlines() if line.strip()]
    return lines, len(pages)


def alternate(
    first: Callable[[], object], second: Callable[[], object], runs: int
) -> tuple[list[float], list[float]]:
    """Milliseconds per call of each, called in turns (a, b, b, a, …) after warm-up."""
    for _ in range(WARMUP):
        first()
        second()
    a: list[float] = []
    b: list[float] = []
    for index in range(runs):
        order = ((first, a), (second, b)) if index % 2 == 0 else ((second, b), (first, a))
        for fn, samples in order:
            start = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - start) * 1000)
    return a, b


def measure(runs: int) -> list[dict[str, Any]]:
    from casedesk.reports.receipt import render_receipt

    rows = []
    with tempfile.TemporaryDirectory(prefix="casedesk-bench-receipt-") as scratch:
        snapshot = sample_snapshot(write_logo(Path(scratch)))
        cases = [
            ("receipt PDF, warm render (original)", None),
            ("receipt PDF, warm render (DUPLICATO reprint)", date(2026, 12, 3)),
        ]
        for metric, duplicate_on in cases:

            def receipt(duplicate_on: date | None = duplicate_on) -> bytes:
                return render_receipt(snapshot, duplicate_on=duplicate_on)

            lines, pages = read_back(receipt())
            baseline = bare_page(lines)
            receipt_ms, bare_ms = alternate(receipt, baseline, runs)
            value = statistics.median(receipt_ms)
            base = statistics.median(bare_ms)
            rows.append(
                {
                    "metric": metric,
                    "value": value,
                    "baseline": base,
                    "unit": UNIT,
                    "samples": runs,
                    "note": f"{len(lines)} text lines on {pages} page(s)",
                }
            )
    return rows


def run(env: BenchEnv) -> list[Result]:
    from bench.core import Result

    runs = env.repetitions(RUNS, SMOKE_RUNS)
    return [
        Result(
            metric=row["metric"],
            value=row["value"],
            unit=UNIT,
            baseline=row["baseline"],
            max_value=MAX_MS,
            max_ratio=MAX_RATIO,
            samples=row["samples"],
            note=row["note"],
        )
        for row in measure(runs)
    ]
