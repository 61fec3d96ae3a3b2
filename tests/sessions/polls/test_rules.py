"""What an answer to each kind of poll may be (sessions.polls.answers)."""

import pytest

from sessions.polls import answers, cloud
from sessions.polls.models import Poll
from sessions.qa.services import QAError

OPTIONS = [11, 12, 13]


def read(kind, **sent):
    poll = Poll(kind=kind, max_choices=sent.pop("max_choices", None), scale=5)
    return answers.read(poll, OPTIONS, **sent)


@pytest.mark.parametrize(
    "kind, sent, message",
    [
        ("single", {"chosen": []}, "Choose one option."),
        ("single", {"chosen": [11, 12]}, "Choose one option."),
        ("single", {"chosen": [99]}, "Choose among this poll's options."),
        ("multiple", {"chosen": []}, "Choose at least one option."),
        (
            "multiple",
            {"chosen": [11, 12], "max_choices": 1},
            "Choose at most 1 option.",
        ),
        ("multiple", {"chosen": [11, 11]}, "Choose each option once."),
        ("rating", {"rating": 0}, "Choose a rating from 1 to 5."),
        ("rating", {"rating": 6}, "Choose a rating from 1 to 5."),
        ("rating", {"rating": "4"}, "Choose a rating from 1 to 5."),
        ("rating", {"rating": True}, "Choose a rating from 1 to 5."),
        ("ranking", {"chosen": [11, 12]}, "Put every option in your order, each once."),
        ("ranking", {"chosen": [11, 12, 12]}, "Choose each option once."),
        ("words", {"words": "   "}, "Type a word or a few."),
        ("words", {"words": "one two three four five"}, "Type at most 4 words."),
        ("words", {"words": "x" * 41}, "Type at most 40 characters."),
    ],
)
def test_an_answer_that_breaks_its_kinds_rule_is_refused_with_the_reason(
    kind, sent, message
):
    with pytest.raises(QAError) as refused:
        read(kind, **sent)

    assert (refused.value.code, str(refused.value)) == ("invalid", message)


def test_each_kind_stores_what_it_counts():
    assert read("single", chosen=[12]).choices == [(12, None)]
    assert read("multiple", chosen=[13, 11]).choices == [(13, None), (11, None)]
    assert read("rating", rating=4).rating == 4
    assert read("ranking", chosen=[13, 11, 12]).choices == [(13, 1), (11, 2), (12, 3)]
    # Spaces inside and around are tidied before the limits are applied.
    assert read("words", words="  open   data \n").words == "open data"


def test_a_word_cloud_is_laid_out_largest_first_within_its_width():
    words = [
        {"text": "open data", "count": 9},
        {"text": "trust", "count": 3},
        {"text": "a" * 40, "count": 1},  # the longest an entry may be
    ]

    shown = cloud.layout(words)

    sizes = [word["size"] for word in shown["words"]]
    assert sizes[0] == cloud.LARGEST and sizes[0] > sizes[1] > 0
    for word in shown["words"]:
        half = len(word["text"]) * word["size"] * cloud.CHAR / 2
        assert 0 <= word["x"] - half and word["x"] + half <= cloud.WIDTH + 1
        assert 0 < word["y"] <= shown["height"]
    assert cloud.layout([]) == {"width": cloud.WIDTH, "height": 0, "words": []}
