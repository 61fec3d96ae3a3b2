"""Personal agendas: the sessions a participant picked, and their private feed."""

import secrets

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from events.queries import is_public, public
from events.tree import attach_events
from sessions.models import AgendaFeed, AgendaItem, SessionPage
from sessions.queries import attach_listing


class AgendaError(Exception):
    pass


def add(user, session):
    """Puts `session` in `user`'s agenda; returns the agenda's sessions it clashes
    with, for the participant to hear of at once."""
    # One answer for a draft and a private session: neither is in the public
    # programme, and the refusal tells nothing more about it.
    if not is_public(session):
        raise AgendaError(_("This session is not in the public programme."))
    try:
        with transaction.atomic():
            AgendaItem.objects.get_or_create(user=user, session=session)
    except IntegrityError:
        pass  # a second click that raced the first: the session is in the agenda
    overlapping = public(
        SessionPage.objects.filter(
            agenda_items__user=user, start__lt=session.end, end__gt=session.start
        ).exclude(pk=session.pk)
    ).order_by("start", "title")
    return [other for other in overlapping if clash(session, other)]


def clash(one, other):
    """Two sessions clash when their times overlap; a cancelled one takes no time."""
    return (
        not one.is_cancelled
        and not other.is_cancelled
        and other.start < one.end
        and one.start < other.end
    )


def clash_note(clashes):
    """What a participant reads after adding a session that clashes (empty if none)."""
    if not clashes:
        return ""
    titles = ", ".join(f"“{other.title}”" for other in clashes)
    return _("Added, but it is at the same time as %(titles)s in your agenda.") % {
        "titles": titles
    }


def remove(user, session):
    AgendaItem.objects.filter(user=user, session=session).delete()


def session_ids(user):
    """pks of the sessions in `user`'s agenda (empty for a visitor), in one query."""
    if not user.is_authenticated:
        return set()
    return set(user.agenda_items.values_list("session_id", flat=True))


def new_token():
    return secrets.token_urlsafe(32)


def feed_token(user):
    feed, _created = AgendaFeed.objects.get_or_create(
        user=user, defaults={"token": new_token()}
    )
    return feed.token


def reset_token(user):
    """A new private address; the old one answers 404 from now on."""
    feed, _created = AgendaFeed.objects.update_or_create(
        user=user, defaults={"token": new_token()}
    )
    return feed.token


def feed_of(token):
    """The private feed (with its user) that `token` opens; 404 for anything else."""
    feed = AgendaFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404("No such agenda.")
    return feed


def sessions(user):
    """`user`'s sessions that anyone may read, in time order, each with `.event` and
    `.clashes` (other sessions of the agenda at the same time; cancelled ones clash
    with nothing). A session made private since it was added drops out, of the feed
    too (its address is a secret, not a sign-in). Six queries, however long the
    agenda."""
    rows = list(
        public(SessionPage.objects.filter(agenda_items__user=user))
        .select_related("room", "schedule_record")
        .order_by("start", "end", "title")
    )
    attach_listing(rows)
    attach_events(rows)
    for row in rows:
        row.clashes = [
            other for other in rows if other is not row and clash(row, other)
        ]
    return rows
