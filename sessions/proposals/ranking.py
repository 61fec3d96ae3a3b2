"""The organisers' ranking of a call's proposals from their reviews: each review's
weighted mean over the criteria, then per proposal the mean and median of those,
their spread (highest minus lowest) and how many reviews there are."""

from dataclasses import dataclass
from statistics import mean, median


@dataclass(frozen=True)
class Standing:
    reviews: int
    mean: float | None
    median: float | None
    spread: float | None


def review_mean(scores, weights):
    """The weighted mean of one review: {criterion pk (str): score}, {pk: weight}."""
    total = sum(weights.get(int(pk), 1) for pk in scores)
    if not total:
        return None
    return sum(score * weights.get(int(pk), 1) for pk, score in scores.items()) / total


def standing(reviews, weights):
    means = [m for m in (review_mean(r.scores, weights) for r in reviews) if m]
    if not means:
        return Standing(0, None, None, None)
    return Standing(len(means), mean(means), median(means), max(means) - min(means))
