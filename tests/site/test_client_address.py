"""The client's address behind the proxy: nginx passes on the address it was connected
from, daphne reads it, and every per-address limit counts it, whatever the client
puts in X-Forwarded-For."""

import json
import re
from pathlib import Path

import pytest
import requests
from allauth.account.adapter import get_adapter
from django_ratelimit.core import is_ratelimited

from participants.signin import client_ip
from tests.servers import daphne, servers_database_url

ROOT = Path(__file__).resolve().parents[2]
NGINX_LOCAL = ROOT / "deploy" / "nginx-local.conf"


def proxy_headers(config):
    """{header: nginx variable} of the `proxy_set_header` lines in `config`."""
    return dict(re.findall(r"proxy_set_header\s+(\S+)\s+(\S+);", config))


def through_nginx(sent, config, *, peer="127.0.0.1"):
    """The address headers that nginx, configured by `config`, passes on for a
    request from `peer` that carried the headers `sent`."""
    passed = dict(sent)
    for header, variable in proxy_headers(config).items():
        if variable == "$remote_addr":
            passed[header] = peer
        elif variable == "$proxy_add_x_forwarded_for":
            passed[header] = ", ".join(filter(None, [sent.get(header), peer]))
    return passed


def deployed_daphne_flags():
    """The flags `make run-scaled` starts daphne with."""
    script = (ROOT / "deploy" / "run-scaled").read_text()
    return re.search(r"^PROXY_FLAGS=\((.*)\)$", script, re.MULTILINE)[1].split()


def test_every_per_address_limit_counts_the_address_daphne_was_given(rf):
    requests_ = [
        rf.post(
            "/accounts/login/",
            REMOTE_ADDR="192.0.2.10",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 192.0.2.10",
            HTTP_X_REAL_IP=f"203.0.113.{n}",
        )
        for n in range(2)
    ]

    addresses = [(client_ip(r), get_adapter().get_client_ip(r)) for r in requests_]
    # django-ratelimit's "ip" key: a day's window, so the two calls share one.
    limited = [
        is_ratelimited(r, group="test", key="ip", rate="1/d", increment=True)
        for r in requests_
    ]

    assert addresses == [("192.0.2.10", "192.0.2.10")] * 2
    assert limited == [False, True]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rotating_forwarded_addresses_from_one_client_still_meet_the_login_limit():
    environment = {
        "DATABASE_URL": servers_database_url(),
        "TEST_ACCOUNT_RATE_LIMITS": json.dumps({"login_failed": "3/m/ip"}),
    }
    config = NGINX_LOCAL.read_text()

    with daphne(*deployed_daphne_flags(), **environment) as base:
        browser = requests.Session()
        refused = []
        for n in range(4):
            browser.get(f"{base}/accounts/login/", timeout=10)
            spoofed = {
                "X-Forwarded-For": f"203.0.113.{n}",
                "X-Real-IP": f"203.0.113.{n}",
            }
            response = browser.post(
                f"{base}/accounts/login/",
                data={
                    "login": f"someone{n}@example.org",
                    "password": "a guess",
                    "csrfmiddlewaretoken": browser.cookies["csrftoken"],
                },
                headers=through_nginx(spoofed, config),
                timeout=10,
            )
            refused.append("Too many failed login attempts" in response.text)

    assert refused == [False, False, False, True]


def test_the_documented_proxy_and_daphne_pass_the_address_as_run_scaled_does():
    guide = (ROOT / "docs" / "deploy.md").read_text()

    assert proxy_headers(guide) == proxy_headers(NGINX_LOCAL.read_text())
    flags = " ".join(deployed_daphne_flags())
    assert f"`python -m convening.server -b 127.0.0.1 -p 8001 {flags}`" in guide
