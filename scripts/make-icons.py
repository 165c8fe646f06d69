#!/usr/bin/env python3
"""Draws Butler's icons (a white house with a check mark on teal) as PNG and ICO, with no
image library: run it again only to change the icon. Writes public/icons/*.png and
public/favicon.ico."""
import struct, zlib, os

TEAL = (15, 118, 110)
WHITE = (255, 255, 255)
ROOT = os.path.join(os.path.dirname(__file__), "..", "public")

def inside(x, y):
    """The shape in a unit square: 0 outside, 1 house (white), 2 check (teal on white)."""
    # rounded square background is handled by the caller; here the house
    roof = y >= 0.22 and y <= 0.50 and abs(x - 0.5) <= (y - 0.22) / 0.28 * 0.33
    body = 0.25 <= x <= 0.75 and 0.48 <= y <= 0.80
    if not (roof or body):
        return 0
    # a check mark inside the body
    def near(ax, ay, bx, by, w):
        dx, dy = bx - ax, by - ay
        t = max(0, min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        px, py = ax + t * dx, ay + t * dy
        return (x - px) ** 2 + (y - py) ** 2 <= w * w
    if near(0.38, 0.63, 0.47, 0.72, 0.035) or near(0.47, 0.72, 0.63, 0.55, 0.035):
        return 2
    return 1

def pixel(x, y, rounded):
    r = 0.18
    if rounded:
        cx = min(max(x, r), 1 - r)
        cy = min(max(y, r), 1 - r)
        if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
            return (0, 0, 0, 0)
    s = inside(x, y)
    c = WHITE if s == 1 else TEAL
    return (*c, 255)

def render(size, rounded=True, ss=3):
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            acc = [0, 0, 0, 0]
            for a in range(ss):
                for b in range(ss):
                    p = pixel((i + (a + 0.5) / ss) / size, (j + (b + 0.5) / ss) / size, rounded)
                    for k in range(4):
                        acc[k] += p[k]
            row += bytes(v // (ss * ss) for v in acc)
        rows.append(bytes(row))
    return rows

def png(size, rounded=True):
    raw = b"".join(render(size, rounded))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))

def ico(png_bytes, size):
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(png_bytes), 6 + 16)
    return header + entry + png_bytes

os.makedirs(os.path.join(ROOT, "icons"), exist_ok=True)
open(os.path.join(ROOT, "icons", "icon-192.png"), "wb").write(png(192))
open(os.path.join(ROOT, "icons", "icon-512.png"), "wb").write(png(512, rounded=False))
open(os.path.join(ROOT, "favicon.ico"), "wb").write(ico(png(32), 32))
