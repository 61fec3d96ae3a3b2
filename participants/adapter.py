from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.urls import reverse
from django.utils.http import urlencode

from participants import signin
from participants.models import Profile
from toolkit import limits


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        """The profile is asked once, at the first sign-in after sign-up."""
        url = super().get_login_redirect_url(request)
        if not Profile.objects.filter(user=request.user).exists():
            return f"{reverse('participants:profile')}?{urlencode({'next': url})}"
        return url

    def clean_password(self, password, user=None):
        # Hashing is the cost a long password adds; none is remembered past this.
        if len(password) > limits.PASSWORD:
            raise forms.ValidationError(
                f"Please choose a password of at most {limits.PASSWORD:,} characters."
            )
        return super().clean_password(password, user=user)

    def get_client_ip(self, request):
        return signin.client_ip(request)
