#!/usr/bin/env python3
"""Draw the Wegwijzer signpost mark and write public/icon-192.png, icon-512.png,
icon-maskable-512.png and icon.svg. Pure Python (zlib PNG writer), no dependencies.

    python3 tools/make-icons.py            # writes into public/

The PNGs are committed; re-run only when the mark changes.
"""
import os
import struct
import zlib

BG = (0x1B, 0x4F, 0x72)      # theme colour (deep blue)
FG = (0xFF, 0xFF, 0xFF)      # post and signs
ACCENT = (0xF5, 0xB7, 0x00)  # the sign that points the way

# Shapes in a 0..100 coordinate box: (colour, polygon)
SHAPES = [
    (FG, [(46, 14), (54, 14), (54, 88), (46, 88)]),                       # post
    (FG, [(34, 84), (66, 84), (66, 90), (34, 90)]),                       # foot
    (ACCENT, [(26, 22), (70, 22), (80, 31), (70, 40), (26, 40)]),         # sign pointing right
    (FG, [(30, 48), (74, 48), (74, 66), (30, 66), (20, 57)]),             # sign pointing left
]


def inside(poly, x, y):
    c = False
    n = len(poly)
    for i in range(n):
        x1, y1 = poly[i]
        x2, y2 = poly[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            c = not c
    return c


def rounded_square(x, y, r=18):
    # 0..100 box with rounded corners of radius r
    cx = min(max(x, r), 100 - r)
    cy = min(max(y, r), 100 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def render(size, maskable):
    ss = 3  # supersampling per axis
    scale = 0.62 if maskable else 0.86  # maskable: keep the mark inside the 80% safe zone
    off = (1 - scale) * 50
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(ss):
                for sx in range(ss):
                    x = (px + (sx + 0.5) / ss) / size * 100
                    y = (py + (sy + 0.5) / ss) / size * 100
                    if not maskable and not rounded_square(x, y):
                        continue  # transparent corner
                    col = BG
                    ux, uy = (x - off) / scale, (y - off) / scale
                    for c, poly in SHAPES:
                        if inside(poly, ux, uy):
                            col = c
                    acc[0] += col[0]
                    acc[1] += col[1]
                    acc[2] += col[2]
                    acc[3] += 255
            n = ss * ss
            a = acc[3] // n
            if a:
                row += bytes((acc[0] * 255 // acc[3], acc[1] * 255 // acc[3], acc[2] * 255 // acc[3], a))
            else:
                row += b"\0\0\0\0"
        rows.append(bytes(row))
    return rows


def png(path, size, rows):
    raw = b"".join(b"\0" + r for r in rows)

    def chunk(t, data):
        c = struct.pack(">I", len(data)) + t + data
        return c + struct.pack(">I", zlib.crc32(t + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def svg(path):
    hexc = lambda c: "#%02x%02x%02x" % c
    s = 0.86
    off = (1 - s) * 50
    polys = "".join(
        '<polygon fill="%s" points="%s"/>' % (hexc(c), " ".join("%.1f,%.1f" % (off + x * s, off + y * s) for x, y in p))
        for c, p in SHAPES
    )
    with open(path, "w") as f:
        f.write('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="18" fill="%s"/>%s</svg>\n' % (hexc(BG), polys))


if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "public")
    os.makedirs(out, exist_ok=True)
    for name, size, mask in [("icon-192.png", 192, False), ("icon-512.png", 512, False), ("icon-maskable-512.png", 512, True)]:
        png(os.path.join(out, name), size, render(size, mask))
        print("wrote", name)
    svg(os.path.join(out, "icon.svg"))
    print("wrote icon.svg")
