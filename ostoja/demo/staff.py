"""The demo's staff: one account per role, a second case manager to show need-to-know, and a second
administrator to confirm supervisor and administrator roles; the specialist is a psychologist."""

from __future__ import annotations

import base64
import secrets

from django.conf import settings
from django.db import transaction
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ostoja.accounts.models import User
from ostoja.accounts.roles import Discipline, Role
from ostoja.accounts.services import user_set_roles

DEMO_PASSWORD = "ostoja-demo-2026"  # noqa: S105 — printed on purpose; demo mode only

DEMO_STAFF: list[tuple[str, str, str, list[str]]] = [
    ("dyzurna", "Ewa", "Nowicka", [Role.DUTY_WORKER]),
    ("opiekun", "Tomasz", "Wróbel", [Role.CASE_MANAGER]),
    ("opiekunka", "Magdalena", "Lis", [Role.CASE_MANAGER, Role.DUTY_WORKER]),
    ("specjalistka", "Karolina", "Mazur", [Role.SPECIALIST]),
    ("superwizor", "Piotr", "Zieliński", [Role.SUPERVISOR]),
    ("admin", "Joanna", "Kaczmarek", [Role.ADMINISTRATOR]),
    ("admin2", "Adam", "Sikora", [Role.ADMINISTRATOR]),
]


def ensure_demo_staff() -> list[User]:
    users = []
    with transaction.atomic():
        for number, (username, first, last, roles) in enumerate(DEMO_STAFF, start=1):
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(
                    username=username, first_name=first, last_name=last, email=f"{username}@demo.invalid",
                    discipline=Discipline.PSYCHOLOGY if Role.SPECIALIST in roles else "",
                    work_phone=f"+48 22 555 01 {number:02d}",  # fictional
                )  # fmt: skip
                user.set_password(DEMO_PASSWORD)
                user.save()
                user_set_roles(user=user, roles=roles)
                TOTPDevice.objects.create(user=user, name="demo", confirmed=True, key=secrets.token_hex(20))
            users.append(user)
    return users


def base32_secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def assert_demo_mode() -> None:
    if not settings.DEMO and not settings.TESTING:
        raise RuntimeError("Demo accounts and their secrets exist only in demo mode (OSTOJA_MODE=demo).")
