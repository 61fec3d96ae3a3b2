"""Badge codes and the tokens their QR codes carry: random, signed, read back as
typed, and telling nothing of whose they are."""

import pytest
from django.core import signing

from participants.attendance import tokens


def test_a_code_is_eight_characters_that_cannot_be_misread():
    codes = {tokens.new_code() for _ in range(200)}

    assert len(codes) == 200
    assert all(len(c) == 8 and set(c) <= set(tokens.ALPHABET) for c in codes)
    assert not set("ILOU") & set("".join(codes))


def test_a_scanned_token_gives_its_code_back():
    assert tokens.code_of(tokens.token("ABCD2345")) == "ABCD2345"


@pytest.mark.parametrize(
    "changed",
    [
        lambda t: t.replace("ABCD2345", "ABCD2346"),  # another code, same signature
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # the signature altered
        lambda t: "ABCD2345:" + "x" * 27,  # made up
    ],
)
def test_an_altered_or_made_up_token_is_refused(changed):
    with pytest.raises(tokens.TokenError, match="altered or made up"):
        tokens.code_of(changed(tokens.token("ABCD2345")))


@pytest.mark.parametrize("typed", ["abcd2345", "ABCD-2345", " abcd 2345 ", "ABCD2345"])
def test_a_typed_code_is_read_in_any_case_with_dashes_or_spaces(typed):
    assert tokens.code_of(typed) == "ABCD2345"


def test_o_i_and_l_are_read_as_the_digits_they_look_like():
    assert tokens.code_of("1O0I-L234") == "1001-1234".replace("-", "")


@pytest.mark.parametrize("typed", ["", "ABC", "ABCD23456", "ABCD23U5"])
def test_what_cannot_be_a_code_is_refused(typed):
    with pytest.raises(tokens.TokenError, match="8 letters and digits"):
        tokens.code_of(typed)


def test_the_token_holds_only_the_code_and_its_signature():
    token = tokens.token("ABCD2345")
    code, signature = token.split(":")

    assert code == "ABCD2345"
    # Without the key the signature cannot be made: another key signs differently.
    other = signing.Signer(key="another key", salt="convening.badge")
    assert other.sign("ABCD2345") != token
    assert len(signature) == 43  # HMAC-SHA256, in base 64
