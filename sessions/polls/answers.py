"""What an answer to each kind of poll may be. `read` turns what a participant sent
(from a form or a websocket frame alike) into what is stored, or refuses with the
reason: one rule per kind."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sessions.polls.models import Poll, PollAnswer
from sessions.qa.services import QAError


@dataclass
class Reply:
    """An answer as stored: the options chosen (with their rank for a ranking), the
    rating, or the words."""

    choices: list = field(default_factory=list)  # [(option id, rank or None)]
    rating: int | None = None
    words: str = ""


def read(poll, option_ids, *, chosen=(), rating=None, words=""):
    """`option_ids`: the poll's options in order; `chosen` in the participant's order
    (a ranking's first is its first)."""
    return READERS[poll.kind](poll, list(option_ids), list(chosen or ()), rating, words)


def _refuse(message):
    raise QAError("invalid", message)


def _known(option_ids, chosen):
    if any(option not in option_ids for option in chosen):
        _refuse(_("Choose among this poll's options."))
    if len(set(chosen)) != len(chosen):
        _refuse(_("Choose each option once."))


def _single(poll, option_ids, chosen, rating, words):
    if len(chosen) != 1:
        _refuse(_("Choose one option."))
    _known(option_ids, chosen)
    return Reply(choices=[(chosen[0], None)])


def _multiple(poll, option_ids, chosen, rating, words):
    most = poll.max_choices or len(option_ids)
    if not chosen:
        _refuse(_("Choose at least one option."))
    if len(chosen) > most:
        _refuse(
            ngettext(
                "Choose at most %(n)s option.", "Choose at most %(n)s options.", most
            )
            % {"n": most}
        )
    _known(option_ids, chosen)
    return Reply(choices=[(option, None) for option in chosen])


def _rating(poll, option_ids, chosen, rating, words):
    if not isinstance(rating, int) or isinstance(rating, bool):
        _refuse(_("Choose a rating from 1 to %(n)s.") % {"n": poll.scale})
    if not 1 <= rating <= poll.scale:
        _refuse(_("Choose a rating from 1 to %(n)s.") % {"n": poll.scale})
    return Reply(rating=rating)


def _ranking(poll, option_ids, chosen, rating, words):
    _known(option_ids, chosen)
    if sorted(chosen) != sorted(option_ids):
        _refuse(_("Put every option in your order, each once."))
    return Reply(choices=[(option, rank) for rank, option in enumerate(chosen, 1)])


def _words(poll, option_ids, chosen, rating, words):
    words = " ".join(str(words or "").split())  # one space between words, no ends
    if not words:
        _refuse(_("Type a word or a few."))
    if len(words.split()) > PollAnswer.MAX_WORDS:
        most = PollAnswer.MAX_WORDS
        _refuse(
            ngettext("Type at most %(n)s word.", "Type at most %(n)s words.", most)
            % {"n": most}
        )
    if len(words) > PollAnswer.MAX_WORDS_CHARS:
        most = PollAnswer.MAX_WORDS_CHARS
        _refuse(
            ngettext(
                "Type at most %(n)s character.", "Type at most %(n)s characters.", most
            )
            % {"n": most}
        )
    return Reply(words=words)


READERS = {
    Poll.Kind.SINGLE: _single,
    Poll.Kind.MULTIPLE: _multiple,
    Poll.Kind.RATING: _rating,
    Poll.Kind.RANKING: _ranking,
    Poll.Kind.WORDS: _words,
}
