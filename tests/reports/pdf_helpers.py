"""Reading back the PDFs the reports write (pypdf), for the tests of tests/reports."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader

_SPACE = re.compile(r"\s+")


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def squash(text: str) -> str:
    """Without any whitespace: line breaks from wrapping (and from font switches, which
    pypdf reports as new lines) do not count."""
    return _SPACE.sub("", text)


def all_text(pdf: bytes) -> str:
    return "\n".join(page_texts(pdf))


def fonts(pdf: bytes) -> list[dict[str, Any]]:
    """Every font the pages use: subtype, base name, and whether its file is embedded."""
    found: dict[str, dict[str, Any]] = {}
    for page in reader(pdf).pages:
        resources = page["/Resources"]
        font_dict = resources.get("/Font")
        if font_dict is None:
            continue
        for ref in font_dict.get_object().values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            found[str(font["/BaseFont"])] = {
                "subtype": str(font["/Subtype"]),
                "base": str(font["/BaseFont"]),
                "embedded_truetype": "/FontFile2" in descriptor,
                "descriptor_name": str(descriptor.get("/FontName", "")),
            }
    return list(found.values())


_SUBSET_NAME = re.compile(r"^/([A-Z]{6})\+")


def subset_tags(pdf: bytes) -> list[str]:
    """The six-letter tag of every embedded font subset (AAAAAA of /AAAAAA+DejaVuSans);
    each font's descriptor must carry the same name as the font."""
    tags = []
    for font in fonts(pdf):
        assert font["descriptor_name"] == font["base"], font
        match = _SUBSET_NAME.match(font["base"])
        assert match, font
        tags.append(match[1])
    return tags


def image_count(pdf: bytes) -> int:
    count = 0
    for page in reader(pdf).pages:
        xobjects = page["/Resources"].get("/XObject")
        if xobjects is None:
            continue
        for ref in xobjects.get_object().values():
            if ref.get_object().get("/Subtype") == "/Image":
                count += 1
    return count
