"""Webcam photos of a claim (desktop/services/warranty/photos.py): how many and how large they may be, what the
refusal tells the clerk, how they are named on disk, and that removing them after a failed intake never fails."""

from __future__ import annotations

import hashlib
import logging

import pytest

from desktop.services.warranty.photos import MAX_PHOTO_BYTES, MAX_PHOTOS, checked_photos, remove_photos, save_photos
from tests.unit.handover_env import refused
from tests.unit.warranty_env import JPEG

NUMBER = "W004212345"


def _jpeg(size: int) -> bytes:
    return (JPEG * (size // len(JPEG) + 1))[:size]


def test_ten_photos_are_allowed_eleven_are_too_many():
    assert len(checked_photos([JPEG] * MAX_PHOTOS)) == MAX_PHOTOS == 10
    with refused("claim.too_many_photos", count=11, limit=10) as info:
        checked_photos([JPEG] * 11)
    assert "11" in str(info.value) and "10" in str(info.value)


def test_the_refused_photo_is_named_by_its_place_counted_from_one():
    with refused("claim.bad_photo", index=2) as info:
        checked_photos([JPEG, b"GIF89a", JPEG])
    assert "Снимок 2 " in str(info.value)
    with refused("claim.bad_photo", index=1):
        checked_photos([b"\xff\xd8"])


def test_a_photo_of_exactly_the_limit_is_allowed():
    assert checked_photos([_jpeg(MAX_PHOTO_BYTES)])[0][1] == hashlib.sha256(_jpeg(MAX_PHOTO_BYTES)).hexdigest()


def test_a_too_large_photo_is_refused_with_its_size_in_mb_to_a_tenth_and_the_limit():
    big = _jpeg(int(8.56 * 2**20))
    with refused("claim.photo_too_large", index=2, size=8.6, limit=8) as info:
        checked_photos([JPEG, big])
    assert str(info.value).startswith("Снимок 2 слишком большой (8.6 МБ, допустимо не больше 8 МБ)")
    with refused("claim.photo_too_large", index=1, size=8.0, limit=8):
        checked_photos([_jpeg(MAX_PHOTO_BYTES + 1)])


def test_saved_photos_are_named_by_their_place_and_hash_and_recorded(tmp_path):
    other = JPEG + b"\x00"
    photos = checked_photos([JPEG, other])
    records = save_photos(tmp_path, NUMBER, photos)
    shas = [hashlib.sha256(p).hexdigest() for p in (JPEG, other)]
    names = [f"01-{shas[0][:16]}.jpg", f"02-{shas[1][:16]}.jpg"]
    assert records == [{"file": names[0], "sha256": shas[0]}, {"file": names[1], "sha256": shas[1]}]
    folder = tmp_path / "claims" / NUMBER
    assert sorted(p.name for p in folder.iterdir()) == names
    assert (folder / names[1]).read_bytes() == other


def test_removing_the_photos_of_an_uncommitted_intake_is_logged(tmp_path, caplog):
    save_photos(tmp_path, NUMBER, checked_photos([JPEG]))
    with caplog.at_level(logging.INFO, logger="desktop.services.warranty.photos"):
        remove_photos(tmp_path, NUMBER)
    assert not (tmp_path / "claims" / NUMBER).exists()
    assert [r.getMessage() for r in caplog.records] == [
        f"photos of claim {NUMBER} removed: the intake was not committed"
    ]


def test_removing_photos_never_raises_the_intakes_own_error_is_the_one_reported(tmp_path):
    """A folder that cannot be removed (here a link in place of it) is left as it is, without an error."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.jpg").write_bytes(JPEG)
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / NUMBER).symlink_to(elsewhere, target_is_directory=True)
    remove_photos(tmp_path, NUMBER)
    assert (elsewhere / "keep.jpg").read_bytes() == JPEG


def test_nothing_to_remove_is_no_error(tmp_path, caplog):
    with caplog.at_level(logging.INFO, logger="desktop.services.warranty.photos"):
        remove_photos(tmp_path, NUMBER)
    assert caplog.records == []


@pytest.mark.parametrize("bad", ["not bytes", bytearray(JPEG)])
def test_a_photo_that_is_not_bytes_is_refused(bad):
    with refused("claim.bad_photo", index=1):
        checked_photos([bad])
