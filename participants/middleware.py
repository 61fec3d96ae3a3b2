from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode


class AdminRequiresTwoFactorMiddleware:
    """Anyone who may use the Wagtail admin sets up an authenticator app before they
    reach it; allauth then asks for a code at every sign-in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            getattr(settings, "CONVENING_ADMIN_REQUIRES_MFA", True)
            and request.path.startswith(reverse("wagtailadmin_home"))
            and request.user.is_authenticated
            and request.user.has_perm("wagtailadmin.access_admin")
            and not Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            messages.info(
                request,
                "The admin needs two-factor authentication: please set up an "
                "authenticator app first.",
            )
            next_url = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_activate_totp')}?{next_url}")
        return self.get_response(request)
