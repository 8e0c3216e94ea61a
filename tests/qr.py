"""Reading the QR codes the pages draw, as a phone camera would."""

import re

import numpy as np
import zxingcpp


def decode_qr(svg: str) -> str:
    """Read a QR code drawn as the page's SVG: rasterise its modules and decode the picture with zxing-cpp."""
    size = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
    corners = [(float(x), float(y)) for x, y in re.findall(r"M([\d.]+),([\d.]+)H", svg)]
    module = min(b - a for a, b in zip(sorted({x for x, _ in corners}), sorted({x for x, _ in corners})[1:],
                                       strict=False))
    count, scale = round(size / module), 6
    image = np.full((count * scale, count * scale), 255, dtype=np.uint8)
    for x, y in corners:
        col, row = round(x / module), round(y / module)
        image[row * scale:(row + 1) * scale, col * scale:(col + 1) * scale] = 0
    results = zxingcpp.read_barcodes(image)
    assert results, "no QR code found in the picture"
    return results[0].text
