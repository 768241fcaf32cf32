"""Webcam photos kept with a claim: checked as JPEG, saved under the data dir `claims/<number>/`, named by sha256.

The files are written inside the intake's transaction (before its commit) and removed again if it rolls back;
their sha256 travel in the claim.accepted event, so the server can tell later which photos were taken.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from pathlib import Path

from desktop import messages
from protocol.errors import DomainError
from protocol.private_files import create_private, private_dir

log = logging.getLogger(__name__)
CLAIMS_DIR = "claims"
MAX_PHOTOS = 10
MAX_PHOTO_BYTES = 8 * 1024 * 1024
JPEG_START = b"\xff\xd8\xff"

messages.register(
    {
        "claim.bad_photo": "Снимок {index} — не фотография JPEG. Сделайте снимок заново.",
        "claim.photo_too_large": "Снимок {index} слишком большой ({size} МБ, допустимо не больше {limit} МБ). "
        "Сделайте снимок заново.",
        "claim.too_many_photos": "Слишком много снимков: {count}, допустимо не больше {limit}. Удалите лишние.",
    }
)


def checked_photos(photos: list[bytes]) -> list[tuple[bytes, str]]:
    """Each photo with its sha256, after checking the count, the size and the JPEG signature."""
    if len(photos) > MAX_PHOTOS:
        raise DomainError("claim.too_many_photos", count=len(photos), limit=MAX_PHOTOS)
    out = []
    for index, photo in enumerate(photos, 1):
        if not isinstance(photo, bytes) or not photo.startswith(JPEG_START):
            raise DomainError("claim.bad_photo", index=index)
        if len(photo) > MAX_PHOTO_BYTES:
            mb = MAX_PHOTO_BYTES // (1024 * 1024)
            raise DomainError("claim.photo_too_large", index=index, size=round(len(photo) / 2**20, 1), limit=mb)
        out.append((photo, hashlib.sha256(photo).hexdigest()))
    return out


def claim_dir(data_dir: Path, number: str) -> Path:
    return data_dir / CLAIMS_DIR / number


def save_photos(data_dir: Path, number: str, photos: list[tuple[bytes, str]]) -> list[dict[str, str]]:
    """Write the photos (owner-only, flushed to disk); returns their records for the claim row."""
    if not photos:
        return []
    folder = private_dir(claim_dir(data_dir, number))
    records = []
    for index, (photo, sha) in enumerate(photos, 1):
        name = f"{index:02d}-{sha[:16]}.jpg"
        fd = create_private(folder / name)
        with os.fdopen(fd, "wb") as out:
            out.write(photo)
            out.flush()
            os.fsync(out.fileno())
        records.append({"file": name, "sha256": sha})
    return records


def remove_photos(data_dir: Path, number: str) -> None:
    """The intake did not commit: its photos go too (nothing refers to them)."""
    folder = claim_dir(data_dir, number)
    if folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
        log.info("photos of claim %s removed: the intake was not committed", number)

