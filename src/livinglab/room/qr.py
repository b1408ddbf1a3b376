"""The join address as a QR code a phone camera reads off a projected terminal."""

from __future__ import annotations

BORDER = 2  # modules of quiet zone around the code, drawn light as the code's own


def qr_lines(address: str) -> list[str]:
    """The code as lines of text, two rows of modules a line (half blocks). A terminal's
    background is usually dark, so the light modules and the quiet zone are drawn (full
    and half blocks) and the dark ones left blank: a phone then sees dark on light."""
    import segno

    code = segno.make(address, error="l", boost_error=False)
    matrix = [[int(bool(m)) for m in row] for row in code.matrix]
    size = len(matrix) + 2 * BORDER
    rows = [[0] * size for _ in range(BORDER)]
    rows += [[0] * BORDER + row + [0] * BORDER for row in matrix]
    rows += [[0] * size for _ in range(BORDER + (len(rows) + BORDER) % 2)]
    chars = {(0, 0): "█", (0, 1): "▀", (1, 0): "▄", (1, 1): " "}  # (top, bottom) dark?
    return ["".join(chars[(top[x], bottom[x])] for x in range(size))
            for top, bottom in zip(rows[0::2], rows[1::2])]
