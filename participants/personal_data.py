"""Everything held about one person, for the "My data" download.

Each app contributes the sections of the data it keeps, through `register_section`
(participants here, sessions in its AppConfig.ready), so that this module never imports
the apps that build on participants. A section is a function of the user that returns
plain JSON-able data in a fixed number of queries, however much the person holds.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Prefetch
from wagtail.models import (
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    Revision,
)

from participants.models import CheckIn, Profile, Registration

SECTIONS = {}


def register_section(name, build):
    """`build(user)` returns the section `name` of the download."""
    SECTIONS[name] = build


def personal_data(user):
    return {name: build(user) for name, build in SECTIONS.items()}


def account(user):
    return {
        "email": user.email,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        # The kinds only: secrets and recovery codes never leave the database.
        "two_factor_methods": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
    }


def profile(user):
    row = Profile.objects.filter(user=user).select_related("group").first()
    return row and {
        "full_name": row.full_name,
        "organisation": row.organisation,
        "stakeholder_group": str(row.group),
        "country": row.country.code,
        "region": str(row.region or ""),
        "gender": row.get_gender_display(),
        "accessibility_needs": row.accessibility_needs,
        "language": row.language,
        "updated_at": row.updated_at,
    }


def registrations(user):
    """Each registration with its history, its badges (codes and when issued or
    revoked), where it was checked in, and its certificate."""
    rows = (
        Registration.objects.filter(user=user)
        .select_related("event", "group", "certificate")
        .prefetch_related(
            "log",
            "badges",
            Prefetch("check_ins", CheckIn.objects.select_related("session")),
        )
    )
    return [
        {
            "event": r.event.title,
            "stakeholder_group": str(r.group),
            "mode": r.mode,
            "status": r.status,
            "created_at": r.created_at,
            "history": [
                {"at": e.at, "from": e.from_status, "to": e.to_status, "why": e.reason}
                for e in r.log.all()
            ],
            "badges": [
                {"code": b.code, "issued_at": b.issued_at, "revoked_at": b.revoked_at}
                for b in r.badges.all()
            ],
            "check_ins": [
                {
                    "day": c.day,
                    "at": c.at,
                    "session": c.session.title if c.session else None,
                    "mode": c.mode,
                }
                for c in r.check_ins.all()
            ],
            "certificate": _certificate(getattr(r, "certificate", None)),
        }
        for r in rows
    ]


def _certificate(found):
    if found is None:
        return None
    return {
        "code": found.code,
        "issued_at": found.issued_at,
        "revoked_at": found.revoked_at,
    }


def editing(user):
    """What the admin keeps of someone who edits: their comments and replies in full,
    and how much of the site's content history carries their account (that history
    belongs to the pages; deleting the account leaves it without a name)."""
    return {
        "comments": [
            {"page": c.page.title, "text": c.text, "created_at": c.created_at}
            for c in Comment.objects.filter(user=user).select_related("page")
        ],
        "comment_replies": [
            {"text": r.text, "created_at": r.created_at}
            for r in CommentReply.objects.filter(user=user)
        ],
        "pages_owned": Page.objects.filter(owner=user).count(),
        "revisions_saved": Revision.objects.filter(user=user).count(),
        "actions_logged": PageLogEntry.objects.filter(user=user).count()
        + ModelLogEntry.objects.filter(user=user).count(),
    }


register_section("account", account)
register_section("profile", profile)
register_section("registrations", registrations)
register_section("editing", editing)
