"""Image variants the decoding chain hands to the engines: light correction, thresholds, rotations, zooms, deblurring.

Pillow only (numpy is not a dependency of the app): every operation here runs in Pillow's C code or
ImageMath, never a Python loop over pixels.
"""

from __future__ import annotations

from PIL import Image, ImageFilter, ImageMath

BAR_SHARPEN = ImageFilter.Kernel((5, 5), (0,) * 10 + (-2, -4, 13, -4, -2) + (0,) * 10, scale=1)
_ROW = (1, 4, 6, 4, 1)
BINOMIAL = ImageFilter.Kernel((5, 5), tuple(x * y for x in _ROW for y in _ROW), scale=256)  # Gaussian, sigma 1 px


def flat_field(image: Image.Image) -> Image.Image:
    """Divide by a max-filtered, blurred background estimate: paper becomes white everywhere."""
    small = image.reduce(8) if min(image.size) >= 64 else image
    background = small.filter(ImageFilter.MaxFilter(5)).resize(image.size, Image.Resampling.BILINEAR)
    return ImageMath.lambda_eval(lambda a: a["convert"](a["img"] * 255 / (a["bg"] + 1), "L"), img=image, bg=background)


def otsu_threshold(image: Image.Image) -> int:
    """Otsu's threshold from the 256-bin histogram (pure Python, 256 iterations)."""
    histogram = image.histogram()[:256]
    total = sum(histogram)
    sum_all = sum(i * h for i, h in enumerate(histogram))
    best, best_t, weight_b, sum_b = -1.0, 127, 0, 0
    for t, count in enumerate(histogram):
        weight_b += count
        if weight_b == 0 or weight_b == total:
            continue
        sum_b += t * count
        mean_b, mean_f = sum_b / weight_b, (sum_all - sum_b) / (total - weight_b)
        between = weight_b * (total - weight_b) * (mean_b - mean_f) ** 2
        if between > best:
            best, best_t = between, t
    return best_t


def binarize(image: Image.Image) -> Image.Image:
    threshold = otsu_threshold(image)
    return image.point(lambda v: 255 if v > threshold else 0)


def rotated(image: Image.Image, angle: float) -> Image.Image:
    """Rotated about the centre, same size (the corners are lost; zbar's time grows with pixels)."""
    return image.rotate(angle, Image.Resampling.BILINEAR, expand=False, fillcolor=255)


def centre_zoom(
    image: Image.Image, factor: int = 2, resample: Image.Resampling = Image.Resampling.BICUBIC
) -> Image.Image:
    """The middle half of the frame enlarged ``factor``× (a code held too far from the camera)."""
    return enlarged(centre(image), factor, resample)


def deblurred(image: Image.Image, sigma: float = 2.2, rounds: int = 4) -> Image.Image:
    """Van Cittert deconvolution: add back, a few times, what a Gaussian blur of the estimate loses."""
    estimate = image
    for _ in range(rounds):
        blurred = estimate.filter(ImageFilter.GaussianBlur(sigma))
        estimate = ImageMath.lambda_eval(
            lambda a: a["convert"](a["f"] + a["g"] - a["b"], "L"), f=estimate, g=image, b=blurred
        )
    return estimate


def deconvolved(image: Image.Image, passes: int, rounds: int) -> Image.Image:
    """Van Cittert deconvolution in 32-bit integers (no clipping between rounds, unlike `deblurred`).

    The blur is modelled as ``passes`` binomial 5×5 passes (sigma = √passes px); each round adds
    back the difference between the frame and the blurred estimate.
    """
    observed = image.convert("I")
    estimate = observed
    for _ in range(rounds):
        blurred = estimate
        for _ in range(passes):
            blurred = blurred.filter(BINOMIAL)
        estimate = ImageMath.lambda_eval(lambda a: a["f"] + a["g"] - a["b"], f=estimate, g=observed, b=blurred)
    return ImageMath.lambda_eval(lambda a: a["convert"](a["min"](a["max"](a["f"], 0), 255), "L"), f=estimate)


def centre(image: Image.Image) -> Image.Image:
    """The middle half of the frame (a quarter of its pixels): where a clerk holds a code to the camera."""
    w, h = image.size
    return image.crop((w // 4, h // 4, w - w // 4, h - h // 4))


def enlarged(image: Image.Image, factor: int = 2, resample: Image.Resampling = Image.Resampling.BICUBIC) -> Image.Image:
    return image.resize((image.width * factor, image.height * factor), resample)
