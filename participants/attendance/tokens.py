"""A badge's code and the signed token its QR code carries.

The code is eight random characters of Crockford's base 32 (no I, L, O or U, so that
what a helper types is what was printed): about 10^12 codes, nothing in them about
the person. The QR carries the code signed with the site's key (Django's signing),
so a code made up or altered is refused before anyone is looked up; typed codes are
looked up as they are, by a helper signed in for the event."""

import secrets

from django.core import signing
from django.utils.translation import gettext as _

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
# What people type for what they mean (Crockford): O for zero, I and L for one.
READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
SIGNER = signing.Signer(salt="convening.badge")


class TokenError(ValueError):
    """A token that is not one of ours, worded for the helper."""


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def token(code):
    """What the badge's QR code carries."""
    return SIGNER.sign(code)


def code_of(text):
    """The badge code in what was scanned (a signed token) or typed (the code, in
    any case, with spaces or dashes); TokenError if it cannot be one of ours."""
    text = (text or "").strip()
    if SIGNER.sep in text:
        try:
            return SIGNER.unsign(text)
        except signing.BadSignature:
            raise TokenError(
                _("This QR code is not one of our badges: it was altered or made up.")
            ) from None
    code = text.upper().replace(" ", "").replace("-", "").translate(READ_AS)
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        raise TokenError(
            _("A badge code has %(n)s letters and digits.") % {"n": LENGTH}
        )
    return code


def grouped(code):
    """The code as printed: two groups of four, easier to read out."""
    return f"{code[:4]}-{code[4:]}"
