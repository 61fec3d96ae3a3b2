"""The disclosure rule for counts of people: what any published figure (an outcome's
statistics, a report's quoted polls and its record of the floor) goes through, so that
nobody can be identified by a small count or by subtraction."""

# A published count of people is at least this, or zero, or hidden.
SMALL_GROUP = 5
HIDDEN = "not shown"


def is_small(count):
    """A count of people small enough to point at someone: 1 to SMALL_GROUP - 1."""
    return count is not None and 0 < count < SMALL_GROUP


def disclose(counts, total):
    """The disclosure rule: `counts` of a breakdown of `total` people as they may be
    published, None meaning hidden ("not shown"; a count already None stays so).

    A total under 5 hides every line. Otherwise a line of 1 to 4 people is hidden, and
    while the hidden lines together (what the total minus the shown lines gives away,
    people in no line included) come to 1 to 4 people, the smallest shown line is
    hidden too: no hidden count can be worked out by subtraction. Zero stays zero."""
    if is_small(total):
        return [None for _ in counts]
    shown = [None if is_small(count) else count for count in counts]
    while is_small(total - sum(count or 0 for count in shown)):
        rest = [(count, n) for n, count in enumerate(shown) if count]
        if not rest:
            break
        shown[min(rest)[1]] = None
    return shown
