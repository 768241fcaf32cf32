"""The decoding pipeline: clean labels, the photo-like set (vs plain pyzbar and zxing-cpp), live frames."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pyzbar import pyzbar

from desktop.decode.pipeline import (
    STEP_NAMES,
    SYMBOLS,
    FrameDecoder,
    decode,
    decode_file,
    flat_field,
    otsu_threshold,
)
from desktop.labels.content import box_relabel, cell_label, club_card_label
from desktop.labels.render import render_label
from desktop.labels.templates import THERMAL_58x40, THERMAL_100x150
from tests.fixtures.photos import make_photos

PHOTOS = Path(make_photos.__file__).parent
MANIFEST = json.loads((PHOTOS / "manifest.json").read_text())


def read_plain(image: Image.Image) -> list[str]:
    """Plain pyzbar, everything it reports (the baseline the pipeline is measured against)."""
    return [symbol.data.decode("utf-8", errors="replace") for symbol in pyzbar.decode(image, symbols=SYMBOLS)]


def _photos() -> list[tuple[str, Image.Image]]:
    out = []
    for entry in MANIFEST:
        with Image.open(PHOTOS / entry["file"]) as image:
            out.append((entry["expected"], image.convert("L")))
    return out


@pytest.fixture(scope="module")
def photos() -> list[tuple[str, Image.Image]]:
    return _photos()


@pytest.fixture(scope="module")
def pipeline_results(photos) -> list[list[str]]:
    return [[d.text for d in decode(image)] for _expected, image in photos]


@pytest.mark.parametrize("template", [THERMAL_58x40, THERMAL_100x150], ids=lambda t: t.key)
@pytest.mark.parametrize(
    "content",
    [cell_label("CA0103"), box_relabel("B004250000001202", 3), club_card_label("2000000000015")],
    ids=lambda c: c.data,
)
def test_every_clean_label_decodes_at_the_first_step(content, template):
    found = decode(render_label(content, template).convert("RGB"))
    assert [d.text for d in found] == [content.data]
    assert found[0].step in ("half", "plain")
    assert found[0].symbology == ("EAN13" if content.data.startswith("2") else "CODE128")


def test_a_qr_token_decodes():
    token = make_photos._token(7)
    found = decode(make_photos._qr(token))
    assert [(d.symbology, d.text) for d in found] == [("QRCODE", token)]


def test_the_set_is_generated_deterministically():
    first = make_photos.generate()[:3]
    again = make_photos.generate()[:3]
    assert [(c, e, im.tobytes()) for c, e, im in first] == [(c, e, im.tobytes()) for c, e, im in again]
    assert len(MANIFEST) == 42 and {e["condition"] for e in MANIFEST} >= {"noisy", "blurred", "phone_glare"}


def test_pipeline_reads_more_than_plain_pyzbar_and_zxing(photos, pipeline_results):
    pipeline = sum(expected in texts for (expected, _), texts in zip(photos, pipeline_results, strict=True))
    plain = sum(expected in read_plain(image) for expected, image in photos)
    assert pipeline >= plain + 5, (pipeline, plain)
    zxingcpp = pytest.importorskip("zxingcpp")
    zxing = sum(expected in [r.text for r in zxingcpp.read_barcodes(image)] for expected, image in photos)
    assert pipeline > zxing, (pipeline, zxing)


def test_pipeline_never_reads_a_wrong_code(photos, pipeline_results):
    for (expected, _), texts in zip(photos, pipeline_results, strict=True):
        assert set(texts) <= {expected}


def test_live_decoder_moves_through_the_chain_frame_by_frame(photos, pipeline_results):
    hard = [
        (expected, image)
        for (expected, image), texts in zip(photos, pipeline_results, strict=True)
        if expected in texts and not read_plain(image)
    ][:5]
    assert len(hard) == 5
    for expected, image in hard:
        decoder = FrameDecoder(budget_ms=0.0)  # cheap steps + one expensive step per frame
        frames = 0
        while frames < len(STEP_NAMES) and [d.text for d in decoder.decode(image)] != [expected]:
            frames += 1
        assert frames < len(STEP_NAMES), expected


def test_nothing_to_read_is_an_empty_list():
    blank = Image.new("L", (320, 240), 200)
    ImageDraw.Draw(blank).text((20, 20), "нет кода", fill=0)
    assert decode(blank) == [] and FrameDecoder().decode(blank) == []


def test_decode_file_and_a_file_that_is_not_an_image(tmp_path):
    path = PHOTOS / MANIFEST[0]["file"]
    assert [d.text for d in decode_file(path)] == [MANIFEST[0]["expected"]]
    bad = tmp_path / "not.jpg"
    bad.write_bytes(b"not an image")
    with pytest.raises(OSError):
        decode_file(bad)


def test_flat_field_evens_out_a_gradient_and_otsu_splits_two_levels():
    ramp = Image.linear_gradient("L").rotate(90).resize((256, 128)).point(lambda v: 60 + v * 195 // 255)
    flat = flat_field(ramp)
    low, high = flat.getextrema()
    assert high - low < 60, (low, high)  # was 60..255
    two = Image.new("L", (100, 10), 40)
    two.paste(200, (50, 0, 100, 10))
    assert 40 <= otsu_threshold(two) < 200
