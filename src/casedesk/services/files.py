"""Files the program writes or keeps: always to a temporary name beside the target, then
renamed over it, so that a crash or a full disk never leaves half a file.

Also the SHA-256 of stored files (cached per process by size and modification time,
so opening a checklist does not re-read every scan) and the check that an attached
scan really is the PDF, JPG or PNG its name says.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import stat
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from casedesk.services.errors import ServiceError

# Files up to this size are hashed when a checklist is opened (a few milliseconds);
# bigger ones only on request.
HASH_ON_OPEN_LIMIT = 4 * 1024 * 1024
MAX_FILE_SIZE = 50 * 1024 * 1024
_CHUNK = 1024 * 1024

# extension -> (kind shown to the user, magic bytes the file starts with)
_ACCEPTED: dict[str, tuple[str, bytes]] = {
    ".pdf": ("PDF", b"%PDF-"),
    ".jpg": ("JPG", b"\xff\xd8\xff"),
    ".jpeg": ("JPG", b"\xff\xd8\xff"),
    ".png": ("PNG", b"\x89PNG\r\n\x1a\n"),
}


# --- writing ----------------------------------------------------------------------------


def temp_beside(target_dir: Path, name: str, *, create: bool = True) -> tuple[BinaryIO, Path]:
    """An open temporary file in `target_dir` (created if needed), to be renamed later."""
    if create:
        target_dir.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=target_dir)
    return os.fdopen(handle, "wb"), Path(temp_name)


def _cannot_write_folder(folder: Path, exc: OSError) -> ServiceError:
    if isinstance(exc, PermissionError):
        return ServiceError(f"Permesso negato: impossibile scrivere nella cartella «{folder}».")
    return ServiceError(f"Impossibile scrivere nella cartella «{folder}»: {exc.strerror or exc}.")


def write_atomically(
    path: Path,
    data: bytes,
    *,
    create_folder: bool = False,
    before_rename: Callable[[Path], None] | None = None,
) -> None:
    """Write `data` to `path` through a temporary file and a rename (never half a file).

    A file the user named goes into an existing folder (`create_folder` for the
    program's own folders). `before_rename(path)` runs once the data is safely on
    disk, just before the rename (e.g. to set aside a file already there)."""
    try:
        fh, temp = temp_beside(path.parent, path.name, create=create_folder)
    except OSError as exc:
        raise _cannot_write_folder(path.parent, exc) from exc
    try:
        with fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if before_rename is not None:
            before_rename(path)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ServiceError(
            f"Impossibile scrivere «{path}»: {exc.strerror or exc}. Se il file è aperto in "
            "un altro programma, chiudilo e riprova."
        ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def replace_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Let `write` fill a temporary file beside `path`, then rename it over `path`.

    For libraries that write to a path themselves (openpyxl, csv through a text file).
    An existing file's permissions are kept."""
    folder = path.parent
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _cannot_write_folder(folder, exc) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        with temporary.open("rb+") as fh:
            os.fsync(fh.fileno())
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError:
            mode = 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ServiceError(
            f"Impossibile salvare «{path}»: {exc.strerror or exc}. Se il file è aperto "
            "in un altro programma (per esempio Excel), chiudilo e riprova."
        ) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def copy_in(source: Path, folder: Path, stem: str, extension: str) -> tuple[Path, str]:
    """Copy `source` to a new file in `folder` (never over another); its path and SHA-256."""
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise ServiceError(f"Impossibile leggere «{source}»: {exc.strerror or exc}.") from exc
    if size > MAX_FILE_SIZE:
        raise ServiceError(
            f"«{source.name}» è troppo grande ({size // (1024 * 1024)} MB): al massimo "
            f"{MAX_FILE_SIZE // (1024 * 1024)} MB. Scansiona a una risoluzione più bassa."
        )
    try:
        fh, temp = temp_beside(folder, stem)
    except OSError as exc:
        raise _cannot_write_folder(folder, exc) from exc
    digest = hashlib.sha256()
    try:
        with fh, source.open("rb") as src:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        # A name nobody has: the caller's stem, a random part.
        while True:
            final = folder / f"{stem}-{secrets.token_hex(4)}{extension}"
            if not final.exists():
                break
        os.replace(temp, final)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ServiceError(
            f"Impossibile copiare «{source.name}» nella cartella «{folder}»: "
            f"{exc.strerror or exc}."
        ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return final, digest.hexdigest()


# --- hashing ------------------------------------------------------------------------------

# absolute path -> (size, mtime_ns, sha256) of files hashed by this process
_hash_cache: dict[str, tuple[int, int, str]] = {}
_hash_lock = threading.Lock()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def remember_hash(path: Path, sha: str) -> None:
    """Record the SHA-256 of a file this process has just written."""
    st = path.stat()
    with _hash_lock:
        _hash_cache[str(path)] = (st.st_size, st.st_mtime_ns, sha)


def current_hash(path: Path, *, force: bool) -> str | None:
    """The file's SHA-256 (cached by size and mtime); None if too big to hash now
    (over HASH_ON_OPEN_LIMIT, unless `force`). OSError if it cannot be read."""
    st = path.stat()
    key = str(path)
    with _hash_lock:
        cached = _hash_cache.get(key)
    if cached and cached[:2] == (st.st_size, st.st_mtime_ns):
        return cached[2]
    if not force and st.st_size > HASH_ON_OPEN_LIMIT:
        return None
    sha = sha256_of(path)
    with _hash_lock:
        _hash_cache[key] = (st.st_size, st.st_mtime_ns, sha)
    return sha


# --- checking --------------------------------------------------------------------------------


def file_kind(path: Path) -> str:
    """'PDF', 'JPG' or 'PNG'; ServiceError (in Italian) for anything else."""
    extension = path.suffix.lower()
    accepted = _ACCEPTED.get(extension)
    if accepted is None:
        raise ServiceError(
            f"«{path.name}» non è un file accettato: si possono allegare solo PDF, JPG o PNG."
        )
    kind, magic = accepted
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except FileNotFoundError:
        raise ServiceError(f"Il file «{path}» non esiste.") from None
    except OSError as exc:
        raise ServiceError(f"Impossibile leggere «{path}»: {exc.strerror or exc}.") from exc
    if not head:
        raise ServiceError(f"«{path.name}» è vuoto.")
    # A PDF may have a few bytes of junk before its header; images start with theirs.
    ok = magic in head if kind == "PDF" else head.startswith(magic)
    if not ok:
        raise ServiceError(
            f"«{path.name}» non è un vero file {kind}: il contenuto non corrisponde "
            "all'estensione. Scansiona di nuovo il documento o salvalo come PDF, JPG o PNG."
        )
    return kind
