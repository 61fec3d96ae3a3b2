"""Sign-in rules beyond allauth's own: which address a request comes from, when a
session has passed two-factor, and how many guesses a page's password allows."""

from allauth.core import ratelimit
from allauth.mfa.models import Authenticator
from django.conf import settings

# The user whose second factor this session has seen (a code at sign-in or
# re-authentication, or an authenticator app set up in it). Logging out flushes it.
TWO_FACTOR_SESSION_KEY = "convening_two_factor_user"


def client_ip(request):
    """The address that every per-address limit counts (allauth's and
    django-ratelimit's). Behind the proxy daphne runs with `--proxy-headers
    --proxy-headers-host X-Real-IP` and nginx sets X-Real-IP to its peer's address, so
    REMOTE_ADDR is the client's real address; X-Forwarded-For holds whatever the client
    sent and is never read. Without a proxy REMOTE_ADDR is the peer itself."""
    return request.META["REMOTE_ADDR"]


def record_two_factor(request, user):
    request.session[TWO_FACTOR_SESSION_KEY] = str(user.pk)


def two_factor_step(user, session):
    """The URL name of the two-factor step this user must take in this session first,
    or None: anyone with admin access sets up an authenticator app, and every session
    enters a code from it (at sign-in, or on the way in) before it acts as that user.
    A password alone, or a session that signed in before the app was set up, is not
    enough. The same rule holds for pages, the admin and the Q&A's websocket."""
    if not (
        getattr(settings, "CONVENING_ADMIN_REQUIRES_MFA", True)
        and user.is_authenticated
        and user.has_perm("wagtailadmin.access_admin")
    ):
        return None
    if not Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists():
        return "mfa_activate_totp"
    if session.get(TWO_FACTOR_SESSION_KEY) != str(user.pk):
        return "mfa_reauthenticate"
    return None


def request_two_factor_step(request):
    """two_factor_step for a request, on every path but those that lead through the
    step itself (allauth's pages: sign-in, the code, the app's set-up, sign-out) and
    static files. Organisers moderate the Q&A and read registrations outside /admin/
    too, so the whole site waits for the code, not the admin alone."""
    if request.path.startswith(("/accounts/", settings.STATIC_URL, "/healthz")):
        return None
    return two_factor_step(request.user, request.session)


# Guessing a view password (a page's or a document collection's) ----------------------


def view_password_refused(request, restriction):
    """True once this address, or anyone on this restriction, has made too many wrong
    guesses (ACCOUNT_RATE_LIMITS["view_password"]); then even the right password waits
    until the window has passed. Counted in the shared cache, so across processes."""
    return not ratelimit.consume(
        request, action="view_password", key=_guess_key(restriction), dry_run=True
    )


def count_wrong_view_password(request, restriction):
    ratelimit.consume(request, action="view_password", key=_guess_key(restriction))


def _guess_key(restriction):
    return f"{restriction._meta.label}:{restriction.pk}"
