import json
import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Production's static files come compressed (CompressedManifestStaticFilesStorage);
# these come straight from the finders, so the GZip middleware goes before WhiteNoise
# here and compresses them too: the browser tests weigh a page as a phone receives it
# (README, "Browser tests": 60 KB gzip with its CSS and JS).
GZIP = "django.middleware.gzip.GZipMiddleware"
MIDDLEWARE = [GZIP, *(m for m in MIDDLEWARE if m != GZIP)]  # noqa: F405
# Tests log in and sign up many times from one address. Tests of the limits set them
# (and pass them in this variable to a server process they start).
ACCOUNT_RATE_LIMITS = json.loads(os.environ.get("TEST_ACCOUNT_RATE_LIMITS", "false"))
# Race tests give every thread its own connection and the teardown drops the test
# database: a pool would queue the threads and keep idle connections to it open.
DATABASES["default"].get("OPTIONS", {}).pop("pool", None)  # noqa: F405
# Tests of other areas enter the admin with force_login; tests/participants turns it on.
CONVENING_ADMIN_REQUIRES_MFA = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # The browser tests' daphne runs in a child process, which cannot see an in-memory
    # database: the test database is a file, one per run (Django removes it after).
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": Path(tempfile.gettempdir()) / f"convening-test-{os.getpid()}.sqlite3"
    }
# Mail is sent inline after commit; tests of the queue switch to the database backend,
# and so does a worker process a test starts (BACKGROUND_TASKS=database).
if os.environ.get("BACKGROUND_TASKS") != "database":
    TASKS["background"] = INLINE_TASKS  # noqa: F405
if CACHES["pages"]["BACKEND"].endswith("FileBasedCache"):  # noqa: F405
    # One page cache directory per run, shared with the processes a test starts (they
    # inherit the variable), apart from the development server's var/pages.
    CACHES["pages"]["LOCATION"] = os.environ.setdefault(  # noqa: F405
        "CONVENING_TEST_PAGE_CACHE_DIR",
        str(Path(tempfile.gettempdir()) / f"convening-test-pages-{os.getpid()}"),
    )
# Served on whatever host and port it was started on: the page's own origin is allowed.
WEBSOCKET_ORIGIN_FROM_HOST = True
