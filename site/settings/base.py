"""Settings shared by every run mode, configured from the environment.

Embedded default: SQLite, in-memory channel layer, local-memory cache, the page cache in
files under var/ (shared by the installation's processes), console email.
Scaled: DATABASE_URL (PostgreSQL) and REDIS_URL (channel layer and both caches).
"""

import os
from pathlib import Path

import dj_database_url
from redis.exceptions import ConnectionError as RedisConnectionError

BASE_DIR = Path(__file__).resolve().parents[2]
SITE_DIR = Path(__file__).resolve().parents[1]


def env_list(name, default=""):
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Websockets are opened from SITE_URL's origin or a trusted one (convening/origins.py);
# dev and test also take the origin the request's Host header names.
WEBSOCKET_ORIGIN_FROM_HOST = False

INSTALLED_APPS = [
    "daphne",
    "convening",
    "convening.outcomes",
    "events",
    "sessions.apps.SessionsConfig",
    "participants",
    "wagtail_localize",
    "wagtail_localize.locales",  # in place of wagtail.locales: adds "synchronise from"
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    # No "rest_framework": without it the API answers browsers with JSON, not DRF's
    # browsable pages, which load jQuery and Bootstrap and use inline styles.
    "django_countries",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages (static files come compressed from WhiteNoise). BREACH does not
    # apply: the only secret in our pages is the CSRF token, which Django masks anew on
    # every response, and session ids travel in cookies, never in bodies.
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside the policy: the admin's preview frame may show the page (site/previews.py).
    "convening.previews.PreviewFramingMiddleware",
    # Whose pages the offline copy keeps; cached pages are marked too.
    "toolkit.offline.OfflineScopeMiddleware",
    # After compression and the policy header, which cached pages need too.
    "toolkit.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language is the address's prefix, English without one; never a cookie or
    # the browser's preference, so a page's address says what it holds (and the page
    # cache, keyed on the address, keeps each language apart).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "participants.middleware.AdminAccessTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "toolkit.ids.AdminIdsMiddleware",
    "toolkit.limits.SearchLengthMiddleware",
]

ROOT_URLCONF = "convening.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            "libraries": {
                "form_fields": "toolkit.form_tags",
                "languages": "toolkit.language_tags",
            },
        },
    },
]

WSGI_APPLICATION = "convening.wsgi.application"
ASGI_APPLICATION = "convening.asgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=0
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded mode's requests, sockets and scheduler write from several threads.
    # A transaction that read and then writes cannot wait for another writer (SQLite
    # answers "database is locked" at once, to avoid a deadlock): so every transaction
    # takes the write lock when it begins, and waits its turn for up to 20 s. Not WAL:
    # its shared memory does not survive a fork, and the browser tests' server is a
    # forked child of the process that opened the database.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
else:
    # Channels' live server adds its own "test_" prefix (channels#2176): name it here.
    DATABASES["default"]["TEST"] = {"NAME": "test_" + DATABASES["default"]["NAME"]}
    # Under ASGI every request may run on another thread, so Django cannot keep a
    # connection per thread; without a pool each request pays a new connection (~10 ms).
    # Idle connections are closed after 5 minutes and every one is renewed after 30, so
    # a process that served a storm gives its connections back (docs/deploy.md).
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 2,
        "max_size": int(os.environ.get("DATABASE_POOL_SIZE", "20")),
        "timeout": 10,
        "max_idle": 300,
        "max_lifetime": 1800,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            # Redis pub/sub: one subscription per session audience per process, each
            # change published once (site/layers.py).
            "BACKEND": "convening.layers.PubSubChannelLayer",
            "CONFIG": {
                # Each process holds two connections per loop: one subscribed, one
                # publishing (under a lock). A connection Redis closed (it restarted)
                # fails its first command: retried once on a new connection.
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_connect_timeout": 1,
                        "socket_timeout": 5,
                        "retry_on_error": [RedisConnectionError],
                    }
                ],
                "prefix": "convening",
            },
        }
    }
    REDIS_CACHE = {
        # Pages and files are served without the cache while Redis is down.
        "BACKEND": "toolkit.resilient_cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "convening",
        # Fail fast when Redis is gone: a page waits at most this long for it; and
        # after a restart, a pooled connection it closed is retried once, anew.
        "OPTIONS": {
            "socket_connect_timeout": 1,
            "socket_timeout": 2,
            "retry_on_error": [RedisConnectionError],
        },
    }
    CACHES = {"default": REDIS_CACHE, "pages": REDIS_CACHE}
else:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "convening.layers.InMemoryChannelLayer",
            # A session audience's one channel per process (sessions.qa.audiences)
            # carries every change to it; a socket's own channel keeps the default 100.
            "CONFIG": {"channel_capacity": {"qa-audience.*": 1000}},
        }
    }
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # The page cache (toolkit.page_cache) in files every process of this
        # installation reads: a management command (publish_scheduled, an import) or
        # a second server that publishes, unpublishes or restricts a page makes every
        # process's copies stale, which a per-process memory cache cannot.
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("PAGE_CACHE_DIR", BASE_DIR / "var" / "pages"),
            # Every store lists the directory to cull; a page is stored once per
            # address and generation, so keep room for a large site's addresses.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }

# Background tasks (django-tasks 0.12). Wagtail's own tasks keep running inline on
# "default", as they did with no TASKS setting. Mail goes through "background", a
# queue in the database that `manage.py db_worker --backend background` works off
# (docs/deploy.md). django-tasks 0.12 has no ENQUEUE_ON_COMMIT option (nor has
# Django 6's django.tasks): a task is stored when it is enqueued. So
# participants.emails enqueues inside the change's transaction for a stored queue
# (the task row commits or rolls back with the registration: an outbox), and after
# commit for the immediate backend (dev, tests).
INLINE_TASKS = {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
TASKS = {
    "default": INLINE_TASKS,
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# The six UN languages. English is the source and keeps the addresses without a
# prefix; the others are under /ar/, /zh-hans/, /fr/, /ru/, /es/ (site/urls.py).
# Names are written in their own language, as a reader looks for them.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en-gb", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Content translation (wagtail-localize): English pages are the source; a page may
# have a translation in each of the other five (docs/architecture.md, "Languages").
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "forum@localhost")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH")  # for the file-based backend
# Messages and reminders are sent at most this fast (a relay's limit); 0: no limit.
MESSAGES_PER_SECOND = float(os.environ.get("MESSAGES_PER_SECOND", "0"))
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True  # a new address replaces the old once verified
# Merged over allauth's defaults; the sign-in ones are spelt out (docs/security.md).
# Every per-address limit counts participants.signin.client_ip (REMOTE_ADDR).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",  # wrong passwords and two-factor codes
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "reauthenticate": "10/m/user",
    # Wrong guesses at a page's or a document collection's view password, per address
    # and per restriction (participants.signin).
    "view_password": "10/m/ip,20/300s/key",
}
RATELIMIT_IP_META_KEY = "participants.signin.client_ip"  # django-ratelimit's "ip" key
ACCOUNT_ADAPTER = "participants.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "participants.forms.SignupForm"}
# Live Q&A: per user in the shared cache (so across processes), and per connection.
QA_RATE_LIMITS = {"ask": "5/m", "vote": "60/m", "poll": "30/m", "floor": "6/m"}
QA_FRAMES_PER_CONNECTION = (40, 10)  # frames, seconds
# Per account, across all its sockets and processes (sessions/qa/limits.py).
QA_SOCKETS_PER_USER = 10
QA_FRAMES_PER_USER = (80, 10)  # frames, seconds
# Longer frames get an error; the launcher (site/server.py) closes on any over 64 KiB.
QA_MAX_FRAME_CHARS = 16_384
# Seconds between checks that a moderators' socket still belongs to a moderator (on top
# of the check every change of anyone's rights triggers).
QA_MODERATOR_RECHECK = 30
# The Q&A's committed seq kept in the shared cache, so that a visitor's connect reads no
# row (sessions/qa/services.py); only where every process shares the cache (Redis).
QA_SEQ_IN_CACHE = bool(REDIS_URL)
# Draftail's widget, made to read raw HTML posted in place of its contentstate.
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "convening.rich_text.SafeDraftailRichTextArea"}
}

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "convening"

# Public pages run no inline script or style and load nothing from another host. The
# Wagtail admin needs inline code, so it is left out; allauth's pages keep the policy
# (their scripts are files; their inline <script>s hold JSON, which a CSP ignores).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # data: for allauth's TOTP QR code, an image it inlines; still no other host.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    },
}

WAGTAIL_SITE_NAME = "Convening"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # nothing from other hosts, in the admin too
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILAPI_BASE_URL = SITE_URL  # the pages API's detail_url and html_url
# One way in: Wagtail's login forms (the admin's, and the one private pages send
# visitors to) and its password reset lead to allauth's (site/urls.py), so allauth's
# rate limits, address verification and the admin's two-factor step always apply.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Wagtail's database backend, stemming each language by its own rules on PostgreSQL.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "convening.search_languages"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "key",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
]
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# 2.5 MB: every text field's limit together stays far below it; a larger body is
# refused before any form reads it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# A 500 under daphne with DEBUG off is otherwise silent.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django.request": {
            "handlers": ["stderr"],
            "level": "ERROR",
            "propagate": False,
        },
        "convening": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}

# Deleting one's own account (participants.services.delete_own_account): attempts per
# user, so a password cannot be guessed through the form.
PARTICIPANTS_DELETE_ACCOUNT_RATE = "5/m"
# Syncs of a check-in device's queue, per helper (each carries up to 1,000; a device
# sends at most one every two seconds, desk.js).
ATTENDANCE_SYNC_RATE = "60/m"
