"""The languages of the public site: chosen for the people the centre serves.

Each language is named in its own script, so a reader who knows no Polish or English can still
point at theirs. ``direction`` goes on ``<html dir>``; the stylesheet uses logical properties, so
right-to-left pages mirror by themselves.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PublicLanguage:
    code: str
    native_name: str
    direction: str = "ltr"

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


PUBLIC_LANGUAGES: tuple[PublicLanguage, ...] = (
    PublicLanguage("pl", "Polski"),
    PublicLanguage("en", "English"),
    PublicLanguage("uk", "Українська"),
    PublicLanguage("ru", "Русский"),
    PublicLanguage("be", "Беларуская"),
    PublicLanguage("ro", "Română"),
    PublicLanguage("bg", "Български"),
    PublicLanguage("vi", "Tiếng Việt"),
    PublicLanguage("ka", "ქართული"),
    PublicLanguage("es", "Español"),
    PublicLanguage("fr", "Français"),
    PublicLanguage("de", "Deutsch"),
    PublicLanguage("nl", "Nederlands"),
    PublicLanguage("tl", "Filipino"),
    PublicLanguage("ar", "العربية", "rtl"),
)

BY_CODE: dict[str, PublicLanguage] = {language.code: language for language in PUBLIC_LANGUAGES}
CODES: tuple[str, ...] = tuple(BY_CODE)
CHOICES: list[tuple[str, str]] = [(language.code, language.native_name) for language in PUBLIC_LANGUAGES]


def get(code: str) -> PublicLanguage:
    return BY_CODE[code]
