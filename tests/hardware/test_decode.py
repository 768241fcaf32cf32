"""The decoding pipeline: clean labels, the photo-like set (vs plain pyzbar and zxing-cpp), live frames.

Issue 14: zxing-cpp is the second engine, the set holds the hard cases (strong rotation under noise,
perspective with blur, glare-washed phone screens, small codes) and the pipeline reads ≥ 40 of every
42 of them; the live decoder keeps each frame within its budget by construction.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pyzbar import pyzbar

from desktop.decode import engines
from desktop.decode.pipeline import (
    STEP_NAMES,
    STEPS,
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
    first = make_photos.generate(limit=3)
    again = make_photos.generate(limit=3)
    assert [(c, e, im.tobytes()) for c, e, im in first] == [(c, e, im.tobytes()) for c, e, im in again]
    hard = {"rot_noise_strong", "perspective_blur", "phone_glare", "far_away", "rot_noise_dim", "blurred"}
    assert len(MANIFEST) == 48 and {e["condition"] for e in MANIFEST} >= hard


def test_pipeline_reads_40_of_42_and_more_than_either_engine_alone(photos, pipeline_results):
    hits = [expected in texts for (expected, _), texts in zip(photos, pipeline_results, strict=True)]
    assert sum(hits[:42]) >= 40 and sum(hits) >= 46, [MANIFEST[i]["file"] for i, hit in enumerate(hits) if not hit]
    plain = sum(expected in read_plain(image) for expected, image in photos)
    zxing = sum(expected in [d.text for d in engines.zxing(image, "")] for expected, image in photos)
    assert sum(hits) >= max(plain, zxing) + 15, (sum(hits), plain, zxing)


@pytest.mark.parametrize(
    ("file", "steps"),
    [
        ("29_skewed.jpg", {"zxing"}),  # zbar misses this skewed QR code whatever the preprocessing
        ("42_rot_noise_strong.jpg", {"zxing_rotate_15", "zxing_rotate_30", "zxing_rotate_-30"}),
        ("19_blurred.jpg", {"deblur_half"}),
        ("40_phone_glare.jpg", {"zxing_zoom_4x"}),
    ],
)
def test_the_hard_cases_are_read_by_the_second_engine_or_a_rescue_pass(photos, pipeline_results, file, steps):
    index = next(i for i, entry in enumerate(MANIFEST) if entry["file"] == file)
    with Image.open(PHOTOS / file) as image:
        found = decode(image)
    assert [d.text for d in found] == [MANIFEST[index]["expected"]] and found[0].step in steps, found


def test_zxing_answers_in_zbars_names_and_one_code_per_symbology(photos):
    expected, image = photos[2]  # a clean QR token
    assert [(d.symbology, d.text) for d in engines.zxing(image, "zxing")] == [("QRCODE", expected)]
    card = render_label(club_card_label("2000000000015"), THERMAL_58x40)
    assert [(d.symbology, d.text) for d in engines.zxing(card, "x")] == [("EAN13", "2000000000015")]


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


def test_nothing_to_read_is_an_empty_list_and_a_live_frame_stops_within_its_budget():
    blank = Image.new("L", (320, 240), 200)
    ImageDraw.Draw(blank).text((20, 20), "нет кода", fill=0)
    assert decode(blank) == [] and FrameDecoder().decode(blank) == []
    for odd in (Image.new("RGB", (1, 1)), Image.new("L", (3, 2)), Image.new("RGBA", (50, 40)), Image.new("P", (9, 6))):
        assert decode(odd) == [] and FrameDecoder(budget_ms=0.0).decode(odd) == []  # refused, never raised
    decoder = FrameDecoder()
    decoder.cost_ms = dict.fromkeys(STEP_NAMES, 1000.0)  # as if every step were slow on this PC
    assert decoder.decode(blank) == []
    assert decoder.ran == ["half", "zxing", "flat_field"]  # the cheap steps and one step of the chain
    decoder.cost_ms = dict.fromkeys(STEP_NAMES, 1000.0)
    decoder.decode(blank)
    assert decoder.ran == ["half", "zxing", "sharpen"]  # the next frame goes on where this one stopped


def test_live_rescue_passes_look_at_the_centre_only_and_still_read_a_blurred_qr(photos):
    expected, image = photos[20]  # 20_blurred.jpg: a QR code under a 2 px blur, held in the middle
    decoder = FrameDecoder(budget_ms=0.0)
    for _ in range(len(STEPS)):
        found = decoder.decode(image)
        if found:
            break
    assert [(d.text, d.step) for d in found] == [(expected, "zxing_deconvolve")]
    corner = Image.new("L", image.size, image.getpixel((5, 5)))
    corner.paste(image.crop((160, 120, 480, 360)), (0, 0))  # the same code in a corner: outside the live centre
    assert [d.text for d in decode(corner)] == [expected]
    decoder = FrameDecoder(budget_ms=0.0)
    assert all(decoder.decode(corner) == [] for _ in STEPS)


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
