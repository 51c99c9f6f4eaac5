# html_chromium.sh - the seeds' HTML page (-f html) is self-contained (no script, no
# external URL to fetch) and headless Chromium (Debian's chromium) renders it into a
# screenshot that is not blank: many colours, a good share of non-background pixels, and
# both halves of the page (timeline, graph) carry ink.  NG_KEEP_SCREENSHOT=FILE keeps it.
. "$(dirname "$0")/common.inc"
CHROME=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROME" ] || skip "chromium is not installed (apt-get install chromium)"
[ -x "$PY" ] || skip "$PY is missing (apt-get install python3)"
run_format html page.html
grep -qi '<script' "$OUT/page.html" && fail "the page holds a script"
grep -Eqi '(src|href)="(https?:)?//' "$OUT/page.html" && fail "the page refers to an external URL"
grep -q '<svg' "$OUT/page.html" || fail "the page has no inline SVG"
# Chromium wants a writable home and no sandbox when run as root in a container.
HOME=$TMP timeout 120 "$CHROME" --headless --disable-gpu --no-sandbox --no-first-run --hide-scrollbars \
    --user-data-dir="$TMP/profile" --window-size=1400,1000 --screenshot="$TMP/shot.png" \
    "file://$OUT/page.html" >"$TMP/chrome.log" 2>&1
[ -s "$TMP/shot.png" ] || fail "chromium wrote no screenshot: $(tail -5 "$TMP/chrome.log")"
[ -n "${NG_KEEP_SCREENSHOT:-}" ] && cp "$TMP/shot.png" "$NG_KEEP_SCREENSHOT"
"$PY" - "$TMP/shot.png" <<'PYEOF' || fail "the screenshot looks blank"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, typ = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if typ == b"IHDR":
        w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype, interlace)
        bpp = 3 if ctype == 2 else 4
    elif typ == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * bpp
rows, prev, i = [], bytearray(stride), 0
for y in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line))
    prev = line
counts = {}
for r in rows[::2]:
    for x in range(0, stride, bpp * 2):
        px = r[x:x + 3]
        counts[px] = counts.get(px, 0) + 1
total = sum(counts.values())
bg = max(counts.values())
ink = 1 - bg / total
assert len(counts) >= 50, ("too few colours", len(counts))
assert ink >= 0.05, ("too little ink", ink)
def half_ink(x0, x1):
    c = {}
    for r in rows[100::4]:
        for x in range(x0 * bpp, x1 * bpp, bpp * 4):
            c[r[x:x + 3]] = c.get(r[x:x + 3], 0) + 1
    return len(c)
assert half_ink(0, w // 2) >= 10 and half_ink(w // 2, w) >= 10, "one half of the page is empty"
print("ok: %dx%d screenshot, %d colours, %.0f%% non-background" % (w, h, len(counts), 100 * ink))
PYEOF
