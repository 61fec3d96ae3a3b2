"""A closed poll as the session's record quotes it (its report, the outcome's open
data): the results frozen at its close, each count of people through the disclosure
rule (toolkit.disclosure), so that a small count identifies nobody."""

from sessions.polls.models import Poll
from toolkit.disclosure import disclose, is_small


def quoted(poll):
    """Plain JSON: the question, how many answered (None when too few to show), the
    mean of a rating, and a line per option, value or word with its count (None:
    not shown). A ranking's lines are in its final order, counting who put each
    option first."""
    figures = poll.final_results or {}
    answers = figures.get("answers", 0)
    lines = _lines(poll, figures)
    counts = [line["count"] for line in lines]
    if poll.kind == Poll.Kind.MULTIPLE:
        # One answer ticks several options: each option is a breakdown of its own
        # (ticked or not).
        counts = [disclose([count], answers)[0] for count in counts]
    else:
        counts = disclose(counts, answers)
    for line, count in zip(lines, counts, strict=True):
        line["count"] = count
    if poll.kind == Poll.Kind.WORDS:  # a word few gave is their own: left out
        lines = [line for line in lines if line["count"] is not None]
    few = is_small(answers)
    return {
        "question": poll.question,
        "kind": poll.kind,
        "answers": None if few else answers,
        "mean": None if few else figures.get("mean"),
        "scale": figures.get("scale"),
        "lines": lines,
    }


def _lines(poll, figures):
    if poll.kind == Poll.Kind.RATING:
        return [
            {"label": str(value), "count": n}
            for value, n in enumerate(figures.get("counts", []), 1)
        ]
    if poll.kind == Poll.Kind.WORDS:
        return [{"label": w["text"], "count": w["count"]} for w in figures["words"]]
    if poll.kind == Poll.Kind.RANKING:
        return [{"label": o["text"], "count": o["first"]} for o in figures["options"]]
    return [{"label": o["text"], "count": o["count"]} for o in figures["options"]]
