"""A poll's results, derived from its answers (never counted apart from them, so they
are exact however many answer at once): one function per kind, each two queries."""

from collections import Counter

from django.db.models import Count, F, Q, Sum

from sessions.polls import cloud
from sessions.polls.models import Poll, PollAnswer

WORDS_SHOWN = 50  # a word cloud's most frequent entries


def results(poll):
    """Plain JSON: the kind, how many answered, and what each kind counts."""
    answers = PollAnswer.objects.filter(poll=poll)
    if poll.kind == Poll.Kind.WORDS:
        answers = answers.filter(status=PollAnswer.Status.APPROVED)
    figures = {"kind": poll.kind, "answers": answers.count()}
    figures.update(COUNTERS[poll.kind](poll, answers))
    return figures


def _chosen(poll, answers):
    counted = (
        poll.options.order_by("position", "pk")
        .annotate(count=Count("choices"))
        .values("pk", "text", "count")
    )
    return {
        "options": [
            {"id": row["pk"], "text": row["text"], "count": row["count"]}
            for row in counted
        ]
    }


def _rating(poll, answers):
    by_value = dict(
        answers.values_list("rating").annotate(n=Count("pk")).order_by("rating")
    )
    total = sum(by_value.values())
    points = sum(value * n for value, n in by_value.items())
    return {
        "scale": poll.scale,
        "counts": [by_value.get(value, 0) for value in range(1, poll.scale + 1)],
        "mean": round(points / total, 2) if total else None,
    }


def _ranking(poll, answers):
    """Borda points: an option ranked first of n gets n points, last gets 1; ordered
    by points, then by how often it came first."""
    n = poll.options.count()
    ranked = (
        poll.options.annotate(
            points=Sum(n + 1 - F("choices__rank")),
            first=Count("choices", filter=Q(choices__rank=1)),
        )
        .values("pk", "text", "points", "first")
        .order_by("position", "pk")
    )
    rows = [
        {
            "id": row["pk"],
            "text": row["text"],
            "points": row["points"] or 0,
            "first": row["first"],
        }
        for row in ranked
    ]
    rows.sort(key=lambda row: (-row["points"], -row["first"]))
    return {"options": rows}


def _words(poll, answers):
    """Entries counted whatever their case; each shown as most people typed it."""
    spellings = Counter(answers.values_list("words", flat=True))
    totals, shown_as = Counter(), {}
    for spelling, n in spellings.most_common():
        key = spelling.casefold()
        totals[key] += n
        shown_as.setdefault(key, spelling)
    frequent = sorted(totals.items(), key=lambda entry: (-entry[1], entry[0]))
    words = [{"text": shown_as[key], "count": n} for key, n in frequent[:WORDS_SHOWN]]
    return {"words": words, "cloud": cloud.layout(words)}


COUNTERS = {
    Poll.Kind.SINGLE: _chosen,
    Poll.Kind.MULTIPLE: _chosen,
    Poll.Kind.RATING: _rating,
    Poll.Kind.RANKING: _ranking,
    Poll.Kind.WORDS: _words,
}
