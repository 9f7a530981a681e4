"""Writing files through a temporary name and a rename; hashing; checking scans."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from casedesk.services import files
from casedesk.services.errors import ServiceError


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomically_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old and longer content")
    files.write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert leftovers(tmp_path) == []


def test_write_atomically_into_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "manca" / "out.pdf"
    with pytest.raises(ServiceError, match="Impossibile scrivere nella cartella"):
        files.write_atomically(target, b"x")
    files.write_atomically(target, b"x", create_folder=True)
    assert target.read_bytes() == b"x"


def test_a_failure_before_the_rename_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")

    def refuse(path: Path) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(ServiceError, match="No space left"):
        files.write_atomically(target, b"new", before_rename=refuse)
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_before_rename_sees_the_file_still_there(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    seen: list[bytes] = []
    files.write_atomically(target, b"new", before_rename=lambda p: seen.append(p.read_bytes()))
    assert seen == [b"old"] and target.read_bytes() == b"new"


def test_replace_atomically_keeps_the_permissions(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    target.write_text("a")
    os.chmod(target, 0o600)
    files.replace_atomically(target, lambda temp: temp.write_text("b"))
    assert target.read_text() == "b"
    assert target.stat().st_mode & 0o777 == 0o600
    assert leftovers(tmp_path) == []


def test_replace_atomically_cleans_up_when_the_writer_fails(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"

    def broken(temp: Path) -> None:
        raise ValueError("writer failed")

    with pytest.raises(ValueError):
        files.replace_atomically(target, broken)
    assert not target.exists() and leftovers(tmp_path) == []


def test_copy_in_gives_a_new_name_and_the_hash(tmp_path: Path) -> None:
    source = tmp_path / "scan.pdf"
    source.write_bytes(b"%PDF-1.4 scan")
    folder = tmp_path / "docs"
    first, sha = files.copy_in(source, folder, "statute", ".pdf")
    second, _ = files.copy_in(source, folder, "statute", ".pdf")
    assert first != second and first.parent == folder and first.name.startswith("statute-")
    assert sha == hashlib.sha256(b"%PDF-1.4 scan").hexdigest() == files.sha256_of(first)
    assert leftovers(folder) == []


def test_copy_in_refuses_a_file_too_big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_FILE_SIZE", 4)
    source = tmp_path / "scan.pdf"
    source.write_bytes(b"%PDF-1.4")
    with pytest.raises(ServiceError, match="troppo grande"):
        files.copy_in(source, tmp_path / "docs", "statute", ".pdf")


def test_current_hash_is_cached_and_big_files_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "_hash_cache", {})
    monkeypatch.setattr(files, "HASH_ON_OPEN_LIMIT", 4)
    path = tmp_path / "big.pdf"
    path.write_bytes(b"0123456789")
    assert files.current_hash(path, force=False) is None
    expected = hashlib.sha256(b"0123456789").hexdigest()
    assert files.current_hash(path, force=True) == expected
    # Known now (same size and time): no need to force.
    assert files.current_hash(path, force=False) == expected


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("a.pdf", b"junk%PDF-1.7", "PDF"),
        ("a.JPEG", b"\xff\xd8\xff\xe0", "JPG"),
        ("a.png", b"\x89PNG\r\n\x1a\n....", "PNG"),
    ],
)
def test_file_kind_accepts_real_scans(tmp_path: Path, name: str, content: bytes, kind: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert files.file_kind(path) == kind


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.docx", b"PK", "non è un file accettato"),
        ("a.png", b"%PDF-1.7", "non è un vero file PNG"),
        ("a.pdf", b"", "è vuoto"),
    ],
)
def test_file_kind_refuses_the_rest(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ServiceError, match=message):
        files.file_kind(path)
