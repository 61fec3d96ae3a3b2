"""Per-person rate limits, counted in the shared cache so that they hold across
processes (django-ratelimit, without a request)."""

from django_ratelimit.core import is_ratelimited


def over_limit(user, group, rate):
    """Count one more of `group` for `user`; True once `rate` ("5/m") is passed."""
    return is_ratelimited(
        None,
        group=group,
        key=lambda group, request: str(user.pk),
        rate=rate,
        increment=True,
    )
