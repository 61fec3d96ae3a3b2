"""Everything held about one person, for the "My data" download."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from participants.models import Profile, Registration


def personal_data(user):
    profile = Profile.objects.filter(user=user).select_related("group").first()
    registrations = (
        Registration.objects.filter(user=user)
        .select_related("event", "group")
        .prefetch_related("log")
    )
    return {
        "account": {
            "email": user.email,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user)
            ],
            "two_factor_methods": sorted(
                Authenticator.objects.filter(user=user).values_list("type", flat=True)
            ),
        },
        "profile": profile
        and {
            "full_name": profile.full_name,
            "organisation": profile.organisation,
            "stakeholder_group": str(profile.group),
            "country": profile.country.code,
            "region": str(profile.region or ""),
            "gender": profile.get_gender_display(),
            "accessibility_needs": profile.accessibility_needs,
        },
        "registrations": [
            {
                "event": r.event.title,
                "stakeholder_group": str(r.group),
                "mode": r.mode,
                "status": r.status,
                "created_at": r.created_at,
                "history": [
                    {
                        "at": e.at,
                        "from": e.from_status,
                        "to": e.to_status,
                        "why": e.reason,
                    }
                    for e in r.log.all()
                ],
            }
            for r in registrations
        ],
    }
