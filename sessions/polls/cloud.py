"""A word cloud laid out on the server: the most frequent entries largest, in rows
centred in a fixed width, each entry where it goes as plain numbers. The page draws it
as SVG text and polls.js draws the same numbers, so neither needs a library and the
text is only ever text."""

WIDTH = 600
SMALLEST, LARGEST = 20, 48  # font sizes in the 600-wide box (a phone shows 0.6x)
GAP = 14  # between entries in a row
CHAR = 0.58  # an average character's width, in font sizes (a sans-serif)


def layout(words):
    """`words` ({"text", "count"}, most frequent first) → {"width", "height",
    "words": [{"text", "count", "x", "y", "size"}]}: x is an entry's centre, y its
    baseline."""
    if not words:
        return {"width": WIDTH, "height": 0, "words": []}
    most = max(word["count"] for word in words)
    least = min(word["count"] for word in words)
    placed = []
    for word in words:
        share = (word["count"] - least) / (most - least) if most > least else 1
        size = SMALLEST + (LARGEST - SMALLEST) * share
        fits = WIDTH / (len(word["text"]) * CHAR)  # a long entry never overflows
        placed.append({**word, "size": round(min(size, fits))})
    rows, row, used = [], [], 0
    for word in placed:
        width = min(WIDTH, len(word["text"]) * word["size"] * CHAR)
        if row and used + GAP + width > WIDTH:
            rows.append((row, used))
            row, used = [], 0
        used += (GAP if row else 0) + width
        row.append((word, width))
    rows.append((row, used))
    y = 0
    for row, used in rows:
        height = max(word["size"] for word, _ in row)
        y += round(height * 1.25)
        x = (WIDTH - used) / 2
        for word, width in row:
            word["x"] = round(x + width / 2)
            word["y"] = y
            x += width + GAP
    return {"width": WIDTH, "height": y + round(SMALLEST * 0.5), "words": placed}
