"""The texts of the mails participants get: a default for each kind here, which an
organiser may replace per event (MailText). A text is plain words with placeholders in
braces ("Hello {name},"); the plain-text and the HTML version of a mail are both made
from it, so the two never say different things.

Rules of a text:
- Only the placeholders of PLACEHOLDERS (plus those another app registers in
  `providers`) may appear; an unknown one is refused, named, before anything is sent.
- `{{` and `}}` write a brace.
- A line whose placeholders all come out empty is left out ("Join online: {online_link}"
  for someone with no online place), so a text needs no conditions.
- Values are text: in the HTML version they are escaped, and links become links.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# Placeholders every mail can use, with what they say (shown to organisers).
PLACEHOLDERS = {
    "name": _("the participant's name"),
    "event": _("the event's title"),
    "dates": _("the event's dates"),
    "venue": _("the venue"),
    "event_link": _("the event page's address"),
    "registration_link": _("the address of the participant's registration"),
    "status": _("the registration's status"),
    "group": _("the participant's stakeholder group"),
    "mode": _("in person or online"),
    "position": _("their place on the waiting list"),
    "reason": _("the reason an organiser gave"),
    "online_link": _("the online participation link (confirmed registrants only)"),
    "online_offer": _("an offer of an online place, while one is free"),
    "badge_link": _("the address of the participant's badge (confirmed, in person)"),
}
LINKS = {"event_link", "registration_link", "online_link", "badge_link"}


@dataclass
class Provider:
    """A placeholder a higher layer fills (the programme: "agenda", "session")."""

    description: str
    value: Callable  # (registration, context) -> str
    sample: str  # shown in the admin's previews


providers = {}  # name -> Provider, filled in the registering app's ready()

TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


class Kind:
    CONFIRMED = "confirmed"
    PENDING = "pending"
    WAITING = "waiting"
    PROMOTED = "promoted"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    REMINDER = "reminder"
    SESSION_REMINDER = "session_reminder"

    choices = [
        (CONFIRMED, _("Place confirmed")),
        (PENDING, _("Awaiting approval")),
        (WAITING, _("On the waiting list")),
        (PROMOTED, _("A place became free")),
        (DECLINED, _("Declined")),
        (CANCELLED, _("Cancelled")),
        (REMINDER, _("Reminder before the event")),
        (SESSION_REMINDER, _("Reminder before a session in the agenda")),
    ]


# Each text ends with the link to the registration ("\n\nYour registration:
# {registration_link}"), written out in each so that a translator sees it whole.
# Lazy: a mail takes the text in the language active when it is made.
DEFAULTS = {
    Kind.CONFIRMED: (
        _("Your place at {event} is confirmed"),
        _(
            "Hello {name},\n\nYour place ({mode}, {group}) at {event} is confirmed.\n\n"
            "{event}: {dates}\nVenue: {venue}\nJoin online: {online_link}\n"
            "Your badge, to show at the desk: {badge_link}\n\n"
            "The event is attached as a calendar file.\n\n"
            "Your registration: {registration_link}"
        ),
    ),
    Kind.PENDING: (
        _("Your registration for {event} awaits approval"),
        _(
            "Hello {name},\n\nYour registration ({group}) for {event} holds a place "
            "while an organiser reviews it. We will write again when it is decided.\n\n"
            "{event}: {dates}\n\nYour registration: {registration_link}"
        ),
    ),
    Kind.WAITING: (
        _("You are on the waiting list for {event}"),
        _(
            "Hello {name},\n\nThere is no free place in your group right now: you are "
            "number {position} on its waiting list. We will write as soon as a place "
            "is yours.\n{online_offer}\n\n{event}: {dates}\n\n"
            "Your registration: {registration_link}"
        ),
    ),
    Kind.PROMOTED: (
        _("A place at {event} is yours"),
        _(
            "Hello {name},\n\nA place became free and it is yours: your registration "
            "({mode}, {group}) for {event} is now {status}.\n\n{event}: {dates}\n"
            "Venue: {venue}\nJoin online: {online_link}\n"
            "Your badge, to show at the desk: {badge_link}\n\n"
            "Your registration: {registration_link}"
        ),
    ),
    Kind.DECLINED: (
        _("Your registration for {event} was declined"),
        _(
            "Hello {name},\n\nAn organiser declined your registration for {event}.\n"
            "Reason: {reason}\n\nYour registration: {registration_link}"
        ),
    ),
    Kind.CANCELLED: (
        _("Your registration for {event} is cancelled"),
        _(
            "Hello {name},\n\nYour registration for {event} is cancelled.\n"
            "Reason: {reason}\n\nYour registration: {registration_link}"
        ),
    ),
    Kind.REMINDER: (
        _("Soon: {event}"),
        _(
            "Hello {name},\n\n{event} begins soon: {dates}.\n\nVenue: {venue}\n"
            "Join online: {online_link}\n\nYour agenda:\n{agenda}\n\n"
            "Your registration: {registration_link}"
        ),
    ),
    Kind.SESSION_REMINDER: (
        _("Soon: {session}"),
        _(
            "Hello {name},\n\nA session in your agenda begins soon:\n{session}\n\n"
            "Venue: {venue}\nJoin online: {online_link}\n\n"
            "Your registration: {registration_link}"
        ),
    ),
}


def default_text(kind):
    """(subject, body) of the default text for `kind`, in the active language."""
    subject, body = DEFAULTS[kind]
    return str(subject), str(body)


class MailTextError(ValueError):
    """A text naming placeholders that do not exist."""

    def __init__(self, unknown):
        self.unknown = unknown
        super().__init__(
            ngettext(
                "Unknown placeholder: %(unknown)s. Use only %(known)s.",
                "Unknown placeholders: %(unknown)s. Use only %(known)s.",
                len(unknown),
            )
            % {"unknown": braced(unknown), "known": braced(known())}
        )


def braced(names):
    return ", ".join("{" + name + "}" for name in names)


def known():
    return [*PLACEHOLDERS, *providers]


def described():
    """(placeholder, what it says) pairs, for the admin's help."""
    return [*PLACEHOLDERS.items(), *((k, p.description) for k, p in providers.items())]


def placeholders_in(text):
    return [m.group(1) for m in TOKEN.finditer(str(text)) if m.group(1) is not None]


def check(*texts):
    """Raise MailTextError if any of `texts` names an unknown placeholder."""
    names = set(known())
    unknown = list(
        dict.fromkeys(n for t in texts for n in placeholders_in(t) if n not in names)
    )
    if unknown:
        raise MailTextError(unknown)


@dataclass
class Mail:
    subject: str
    text: str
    html: str


def _fill(line, values, as_html):
    """(the line filled in, whether it named placeholders that all came out empty)."""
    parts, named, empty = [], 0, 0
    position = 0
    for match in TOKEN.finditer(line):
        before = line[position : match.start()]
        parts.append(escape(before) if as_html else before)
        position = match.end()
        name = match.group(1)
        if name is None:
            parts.append(match.group(0)[0])
            continue
        value = str(values.get(name, ""))
        named += 1
        empty += not value
        if as_html and name in LINKS and value:
            parts.append(f'<a href="{escape(value)}">{escape(value)}</a>')
        else:
            parts.append(escape(value) if as_html else value)
    rest = line[position:]
    parts.append(escape(rest) if as_html else rest)
    return "".join(parts), named and named == empty


def _lines(body, values, as_html):
    for line in body.splitlines():
        filled, dropped = _fill(line, values, as_html)
        if not dropped:
            yield filled


def render(subject, body, values):
    """The mail `subject` and `body` make with `values` (placeholder -> text)."""
    subject, body = str(subject), str(body)  # a default is a lazy translation
    check(subject, body)
    text = "\n".join(_lines(body, values, as_html=False))
    html = _paragraphs("\n".join(_lines(body, values, as_html=True)))
    return Mail(_one_line(_fill(subject, values, as_html=False)[0]), _tidy(text), html)


def plain(subject, body):
    """The mail of a text written in full (no placeholders): its HTML escaped."""
    return Mail(_one_line(subject), _tidy(body), _paragraphs(escape(body)))


def _one_line(subject):
    return " ".join(subject.split())


def _tidy(text):
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _paragraphs(html):
    """Blank lines part paragraphs; a single line break stays one."""
    return "\n".join(
        "<p>" + p.strip("\n").replace("\n", "<br>\n") + "</p>"
        for p in html.split("\n\n")
        if p.strip()
    )
