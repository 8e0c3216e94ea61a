"""QR codes as inline SVG (no script, no image service), for the inspector's page and credentials."""

import qrcode
import qrcode.image.svg
from markupsafe import Markup


def qr_svg(text: str) -> Markup:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    # Markup: the SVG is generated here from our own text, which qrcode encodes as path data only.
    return Markup(svg[svg.index("<svg"):])  # noqa: S704
