from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from participants import signin
from participants.models import Profile
from toolkit import addresses, limits


def on_site(url):
    """`url` moved onto SITE_URL: allauth builds its links from the request's host."""
    split = urlsplit(url)
    return addresses.absolute(split.path + (f"?{split.query}" if split.query else ""))


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
                _("Please choose a password of at most %(n)s characters.")
                % {"n": number_format(limits.PASSWORD, force_grouping=True)}
            )
        return super().clean_password(password, user=user)

    def get_client_ip(self, request):
        return signin.client_ip(request)

    # Mail names the site and links to SITE_URL, not to the host a request came in
    # on ("[127.0.0.1:8330]"), and never quotes a username: people sign in by email
    # and never chose one.
    def send_mail(self, template_prefix, email, context):
        context = {k: v for k, v in context.items() if k != "username"}
        context["current_site"] = SimpleNamespace(
            name=addresses.site_name(), domain=addresses.base()
        )
        for key in ("activate_url", "password_reset_url", "signup_url"):
            if key in context:
                context[key] = on_site(context[key])
        return super().send_mail(template_prefix, email, context)

    def format_email_subject(self, subject):
        return f"[{addresses.site_name()}] {subject}"
