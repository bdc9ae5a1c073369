"""The one settings module of Ostoja. Every value comes from the environment (see README)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ostoja import conf

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(conf.env_str("OSTOJA_VAR_DIR", str(BASE_DIR / "var")))

MODE = conf.env_str("OSTOJA_MODE", "production")
if MODE not in conf.MODES:
    raise ImproperlyConfigured(f"OSTOJA_MODE must be one of {', '.join(conf.MODES)}, not {MODE!r}.")
DEMO = MODE == "demo"
TESTING = MODE == "test"
PRODUCTION = MODE == "production"

DEBUG = conf.env_bool("OSTOJA_DEBUG", False)

# --- Secrets ---------------------------------------------------------------------------------
# Production: from the environment, or from a JSON key file (OSTOJA_KEY_FILE) with the keys
# "secret_key", "encryption_keys" and "blind_index_key". Demo: generated once under var/.
_file_keys: dict[str, str] = {}
if conf.env_str("OSTOJA_KEY_FILE"):
    _file_keys = conf.read_key_file(Path(conf.env_str("OSTOJA_KEY_FILE")))
elif DEMO:
    _file_keys = conf.load_or_create_key_file(VAR_DIR / "demo-keys.json")
elif TESTING:
    # Fixed keys for the test suite only: they protect nothing real.
    _file_keys = {
        "secret_key": "test-only-secret-key-not-for-any-real-deployment-0123456789",
        "encryption_keys": "t1:dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy1vayE=",
        "blind_index_key": "dGVzdC1ibGluZC1pbmRleC1rZXktMzItYnl0ZXMtb2s=",
    }

SECRET_KEY = conf.env_str("OSTOJA_SECRET_KEY") or _file_keys.get("secret_key", "")
_encryption_keys_raw = conf.env_str("OSTOJA_ENCRYPTION_KEYS") or _file_keys.get("encryption_keys", "")
_blind_index_key_raw = conf.env_str("OSTOJA_BLIND_INDEX_KEY") or _file_keys.get("blind_index_key", "")

_missing = [
    name
    for name, value in (
        ("OSTOJA_SECRET_KEY", SECRET_KEY),
        ("OSTOJA_ENCRYPTION_KEYS", _encryption_keys_raw),
        ("OSTOJA_BLIND_INDEX_KEY", _blind_index_key_raw),
    )
    if not value
]
if _missing:
    raise ImproperlyConfigured(
        "Ostoja cannot start: missing " + ", ".join(_missing) + ". Set them in the environment "
        "or point OSTOJA_KEY_FILE at a key file (see README, 'Production'). "
        "For a local trial use OSTOJA_MODE=demo."
    )
if PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("OSTOJA_SECRET_KEY must be at least 50 characters long.")

# Encryption keys: the first one encrypts new values; all of them decrypt (for rotation).
OSTOJA_ENCRYPTION_KEYS = conf.parse_encryption_keys(_encryption_keys_raw)
OSTOJA_BLIND_INDEX_KEY = conf.decode_key("blind index key", _blind_index_key_raw)
if OSTOJA_BLIND_INDEX_KEY in OSTOJA_ENCRYPTION_KEYS.values():
    raise ImproperlyConfigured("The blind index key must differ from every encryption key.")

# --- Hosts and proxies -----------------------------------------------------------------------
ALLOWED_HOSTS = conf.env_list(
    "OSTOJA_ALLOWED_HOSTS",
    [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"],
)
CSRF_TRUSTED_ORIGINS = conf.env_list("OSTOJA_CSRF_TRUSTED_ORIGINS")
# How many reverse proxies (nginx) stand in front of the app and append to X-Forwarded-For.
OSTOJA_PROXY_COUNT = conf.env_int("OSTOJA_PROXY_COUNT", 0)
if OSTOJA_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Applications ----------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "csp",
    "ostoja.web",
    "ostoja.accounts",
    "ostoja.vault",
    "ostoja.audit",
    "ostoja.history",
    "ostoja.people",
    "ostoja.cases",
    "ostoja.tasks",
    "ostoja.casefiles",
    "ostoja.hotline",
    "ostoja.identification",
    "ostoja.partners",
    "ostoja.consent",
    "ostoja.referrals",
    "ostoja.assessments",
    "ostoja.legal",
    "ostoja.plans",
    "ostoja.services",
    "ostoja.shelter",
    "ostoja.statistics",
    "ostoja.retention",
    "ostoja.public",
    "ostoja.backup",
    "ostoja.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ostoja.web.middleware.StaffLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ostoja.accounts.middleware.SessionLifetimeMiddleware",
    "ostoja.accounts.middleware.RequireVerifiedStaffMiddleware",
    "ostoja.audit.middleware.RefusalAuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "ostoja.web.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "ostoja.urls"
WSGI_APPLICATION = "ostoja.wsgi.application"
ASGI_APPLICATION = "ostoja.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ostoja" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "ostoja.web.context_processors.ostoja",
                "ostoja.hotline.context_processors.duty_now",
            ],
        },
    }
]

# --- Database --------------------------------------------------------------------------------
_default_db = "" if PRODUCTION else f"sqlite:///{VAR_DIR / 'ostoja.sqlite3'}"
if not PRODUCTION:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
_database_url = conf.env_str("DATABASE_URL", _default_db)
if not _database_url:
    raise ImproperlyConfigured(
        "Ostoja cannot start: DATABASE_URL is not set (e.g. postgres://ostoja@/ostoja)."
    )
DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["TEST"] = {"NAME": conf.env_str("OSTOJA_TEST_SQLITE", "") or None}
# One transaction per request: the audit row of a read commits with the request or not at all.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Uploads stay in memory, never in a temporary file on the disk (ostoja/web/uploads.py).
FILE_UPLOAD_HANDLERS = ["ostoja.web.uploads.MemoryOnlyUploadHandler"]

# --- Accounts, passwords, MFA ----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:dashboard"
# Argon2id with OWASP's minimum parameters (19 MiB, 2 iterations, 1 lane): see accounts/hashers.py.
PASSWORD_HASHERS = [
    "ostoja.accounts.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
OTP_TOTP_ISSUER = conf.env_str("OSTOJA_OTP_ISSUER", "Ostoja")
# Passkeys (WebAuthn, django-otp-webauthn) as a second factor after the password; never
# passwordless. The relying-party id is the domain passkeys are bound to: changing it later makes
# every enrolled passkey unusable. Browsers refuse passkeys on IP addresses, so the demo's passkeys
# work at http://localhost:8000, not at 127.0.0.1.
_demo_port = conf.env_str("OSTOJA_DEMO_ADDRESS", "127.0.0.1:8000").rpartition(":")[2] or "8000"
OTP_WEBAUTHN_RP_ID, OTP_WEBAUTHN_ALLOWED_ORIGINS = conf.webauthn_relying_party(
    rp_id=conf.env_str("OSTOJA_WEBAUTHN_RP_ID"),
    origins=conf.env_list("OSTOJA_WEBAUTHN_ORIGINS"),
    site_url=conf.env_str("OSTOJA_SITE_URL"),
    allowed_hosts=ALLOWED_HOSTS,
    local_origins=[f"http://localhost:{_demo_port}"],
    production=PRODUCTION,
)
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_HELPER_CLASS = "ostoja.accounts.passkeys.PasskeyHelper"
# How long a passkey ceremony may take, and how long a password given to enrol one stays valid.
OTP_WEBAUTHN_TIMEOUT_SECONDS = 300
# Failed sign-ins (password or code) per username + address before a lockout, and its length.
OSTOJA_LOCKOUT_ATTEMPTS = conf.env_int("OSTOJA_LOCKOUT_ATTEMPTS", 5)
OSTOJA_LOCKOUT_MINUTES = conf.env_int("OSTOJA_LOCKOUT_MINUTES", 15)
# Break-glass grants last this long; an urgent intervention nobody takes escalates after this long.
OSTOJA_BREAK_GLASS_MINUTES = conf.env_int("OSTOJA_BREAK_GLASS_MINUTES", 60)
OSTOJA_ESCALATION_MINUTES = conf.env_int("OSTOJA_ESCALATION_MINUTES", 15)
# The address staff reach Ostoja at, for links in e-mails (paths only when empty).
OSTOJA_SITE_URL = conf.env_str("OSTOJA_SITE_URL").rstrip("/")
# Uploaded files (the public library): outside the web root, never served as static files.
# Each person's own data key, sealed under the key ring (ostoja/vault/personkeys.py). Key material:
# keep it apart from the database and its backups, and back it up like the key ring.
OSTOJA_PERSON_KEYS_DIR = Path(
    conf.env_str("OSTOJA_PERSON_KEYS_DIR", str(VAR_DIR / ("test-person-keys" if TESTING else "person-keys")))
)
OSTOJA_MEDIA_ROOT = Path(conf.env_str("OSTOJA_MEDIA_ROOT", str(VAR_DIR / "media")))
# Reports per sender per day on the public form (the sender is known only as a daily salted hash).
OSTOJA_PUBLIC_REPORTS_PER_DAY = conf.env_int("OSTOJA_PUBLIC_REPORTS_PER_DAY", 5)
# Reports per hour from everyone together before new ones are set apart as a surge (and, past ten
# times this, not taken until the hour is over). Far above what the centre receives on a busy day.
OSTOJA_PUBLIC_REPORTS_PER_HOUR = conf.env_int("OSTOJA_PUBLIC_REPORTS_PER_HOUR", 30)
# Person searches per staff member in 10 minutes: far above real work, far below bulk harvesting.
OSTOJA_SEARCH_LIMIT = conf.env_int("OSTOJA_SEARCH_LIMIT", 120)
# The largest attachment a case file takes, in bytes (casefiles/uploads.py; at most 30 MB).
OSTOJA_ATTACHMENT_MAX_BYTES = conf.env_int("OSTOJA_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
# Statistics: counts from 1 to this are shown as "<threshold+1" (small-cell protection).
OSTOJA_SMALL_CELL_THRESHOLD = conf.env_int("OSTOJA_SMALL_CELL_THRESHOLD", 10)
# Legal matters: how many days before a certificate or a residence permit ends its case manager gets a
# task (each number once), and how many days before a hearing.
OSTOJA_RESIDENCE_REMINDER_DAYS = conf.env_int_list("OSTOJA_RESIDENCE_REMINDER_DAYS", [60, 14])
OSTOJA_HEARING_REMINDER_DAYS = conf.env_int("OSTOJA_HEARING_REMINDER_DAYS", 7)

# --- Retention (docs/RETENTION.md: the schedule, each period's legal basis, what is provisional) ---
# How long each kind of record is kept after its period starts, "<n>y" or "<n>d"; each from
# OSTOJA_RETENTION_<KIND> (e.g. OSTOJA_RETENTION_CLOSED_CASE=10y).
_RETENTION_DEFAULTS = {
    "closed_case": "10y",
    "consultation_case": "5y",
    "anonymous_contact": "2y",
    "unlinked_web_report": "1y",
    "screening_answers": "5y",
    "audit_rows": "10y",
    "break_glass_reason": "5y",
}
OSTOJA_RETENTION = {
    code: conf.env_period(f"OSTOJA_RETENTION_{code.upper()}", default)
    for code, default in _RETENTION_DEFAULTS.items()
}
# Days a supervisor has to decide on a record on the retention review list before it is marked late.
OSTOJA_RETENTION_REVIEW_DAYS = conf.env_int("OSTOJA_RETENTION_REVIEW_DAYS", 30)
# Records the retention job puts on the review list per kind and run (the rest come on the next runs).
OSTOJA_RETENTION_BATCH = conf.env_int("OSTOJA_RETENTION_BATCH", 500)
# The person's own copy (subject access export): how staff appear in it ("role": by their role only;
# "name": by name), and for how many days the prepared files can be downloaded.
OSTOJA_SUBJECT_COPY_STAFF = conf.env_str("OSTOJA_SUBJECT_COPY_STAFF", "role")
if OSTOJA_SUBJECT_COPY_STAFF not in ("role", "name"):
    raise ImproperlyConfigured("OSTOJA_SUBJECT_COPY_STAFF must be 'role' or 'name'.")
OSTOJA_SUBJECT_COPY_DAYS = conf.env_int("OSTOJA_SUBJECT_COPY_DAYS", 14)

# --- Audit checkpoints (SECURITY.md, "Staff accounts and the audit anchor") -------------------
# The Ed25519 key that signs checkpoints of the audit chain: a file the database never sees, ideally
# readable only by the job that makes checkpoints. Demo mode makes one under var/ on first use.
OSTOJA_AUDIT_CHECKPOINT_KEY_FILE = conf.env_str(
    "OSTOJA_AUDIT_CHECKPOINT_KEY_FILE", str(VAR_DIR / "audit-checkpoint.key") if DEMO else ""
)
# Where checkpoints go: a directory of files and/or e-mail addresses (comma-separated).
OSTOJA_AUDIT_CHECKPOINT_DIR = conf.env_str(
    "OSTOJA_AUDIT_CHECKPOINT_DIR", str(VAR_DIR / "audit-checkpoints") if DEMO else ""
)
OSTOJA_AUDIT_CHECKPOINT_EMAIL = conf.env_list("OSTOJA_AUDIT_CHECKPOINT_EMAIL")

# --- Sessions: 20 idle minutes, 12 hours in all ----------------------------------------------
SESSION_ENGINE = "django.contrib.sessions.backends.db"
OSTOJA_SESSION_IDLE_MINUTES = conf.env_int("OSTOJA_SESSION_IDLE_MINUTES", 20)
OSTOJA_SESSION_MAX_HOURS = conf.env_int("OSTOJA_SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = OSTOJA_SESSION_MAX_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "ostoja.web.views.csrf_failure"
LANGUAGE_COOKIE_NAME = "ostoja_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

# --- HTTPS and headers (docs/SECURITY.md) ----------------------------------------------------
_https = conf.env_bool("OSTOJA_HTTPS", PRODUCTION)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
LANGUAGE_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = _https
SECURE_HSTS_SECONDS = conf.env_int("OSTOJA_HSTS_SECONDS", 31536000 if _https else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin", not "no-referrer": with no-referrer Chromium sends "Origin: null" on form posts,
# which Django's CSRF check rightly refuses. Nothing leaks to another host either way.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# --- Languages -------------------------------------------------------------------------------
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "ostoja" / "locale"]
USE_I18N = True
TIME_ZONE = conf.env_str("OSTOJA_TIME_ZONE", "Europe/Warsaw")
USE_TZ = True
# One way of writing dates per staff language; ostoja.dates.show (the "when" filter) uses it everywhere.
FORMAT_MODULE_PATH = ["ostoja.formats"]

# --- Static files (vendored, served by WhiteNoise) --------------------------------------------
STATIC_URL = "/static/"
# Production serves the collected, hashed files; demo and tests serve straight from the source tree.
_static_root = conf.env_str("OSTOJA_STATIC_ROOT", str(BASE_DIR / "staticfiles") if PRODUCTION else "")
STATIC_ROOT = Path(_static_root) if _static_root else None
STATICFILES_DIRS = [BASE_DIR / "ostoja" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

# --- Background work -------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TESTING
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# A worker says it is alive this often; one silent for OSTOJA_WORKER_LOST_SECONDS has died, and the
# tasks it was running are queued again (web/worker.py), as is any task running longer than the timeout.
OSTOJA_WORKER_HEARTBEAT_SECONDS = conf.env_int("OSTOJA_WORKER_HEARTBEAT_SECONDS", 10)
OSTOJA_WORKER_LOST_SECONDS = conf.env_int("OSTOJA_WORKER_LOST_SECONDS", 60)
OSTOJA_TASK_TIMEOUT_MINUTES = conf.env_int("OSTOJA_TASK_TIMEOUT_MINUTES", 30)
OSTOJA_TASK_RETRY_SECONDS = conf.env_int("OSTOJA_TASK_RETRY_SECONDS", 30)
OSTOJA_TASK_MAX_ATTEMPTS = conf.env_int("OSTOJA_TASK_MAX_ATTEMPTS", 5)

# --- E-mail ----------------------------------------------------------------------------------
EMAIL_HOST = conf.env_str("OSTOJA_EMAIL_HOST", "localhost")
EMAIL_PORT = conf.env_int("OSTOJA_EMAIL_PORT", 25)
EMAIL_HOST_USER = conf.env_str("OSTOJA_EMAIL_USER")
EMAIL_HOST_PASSWORD = conf.env_str("OSTOJA_EMAIL_PASSWORD")
EMAIL_USE_TLS = conf.env_bool("OSTOJA_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = conf.env_str("OSTOJA_EMAIL_FROM", "ostoja@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if TESTING:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
elif DEMO:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"

# --- Logging: no personal data; request paths carry no personal data by design ---------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": conf.env_str("OSTOJA_LOG_LEVEL", "INFO"),
    },
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.security.DisallowedHost": {"level": "ERROR"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

SILENCED_SYSTEM_CHECKS: list[str] = []
