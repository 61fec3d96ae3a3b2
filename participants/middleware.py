from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from participants import signin


class AdminAccessTwoFactorMiddleware:
    """Sends a request of someone with admin access to the two-factor step this
    session still needs (participants.signin.request_two_factor_step), whatever page
    it asked for."""

    STEP_MESSAGES = {
        "mfa_activate_totp": _(
            "Your account has admin access, so it needs two-factor "
            "authentication: please set up an authenticator app first."
        ),
        "mfa_reauthenticate": _(
            "Your account has admin access, so it needs two-factor "
            "authentication: please enter a code from your authenticator app."
        ),
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = signin.request_two_factor_step(request)
        if step:
            messages.info(request, self.STEP_MESSAGES[step])
            next_url = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse(step)}?{next_url}")
        return self.get_response(request)


class WebsocketTwoFactorMiddleware(BaseMiddleware):
    """The same rule on websockets (after Channels' AuthMiddleware): someone with admin
    access whose session has not passed the second factor connects as a visitor, who
    may watch a Q&A but not ask, vote or moderate (so sees no asker's name)."""

    async def __call__(self, scope, receive, send):
        user = scope.get("user")
        if user is not None and user.is_authenticated:
            step = await database_sync_to_async(signin.two_factor_step)(
                user, scope["session"]
            )
            if step:
                scope = dict(scope, user=AnonymousUser())
        return await super().__call__(scope, receive, send)
