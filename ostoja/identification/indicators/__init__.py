"""The indicator file: loading and checking ``delphi.toml``.

The indicators are data so that people can review and correct them without touching code. This
module turns the file into plain objects and refuses a file that is incomplete, with a message that
names the entry and what is missing. ``manage.py check`` runs the same check (see ``checks.py``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ostoja.identification.codes import Answer, Dimension, IndicatorList, Language, Weight

DEFAULT_PATH = Path(__file__).with_name("delphi.toml")
NOT_IN_LIST = "-"
STAFF_LANGUAGES = ("pl", "en")
PHRASES = ("name", "intro", "yes", "no", "unknown", "declined")
CHECKLIST_GROUPS = ("ilo", "unodc", "unodc_sexual")


class IndicatorFileError(ValueError):
    """The indicator file is malformed or incomplete."""


@dataclass(frozen=True)
class Indicator:
    code: str
    dimension: str
    weights: dict[str, str]  # list -> "S" / "M" / "W" / "-"
    staff: dict[str, str]
    plain: dict[str, str]

    def weight_in(self, list_key: str) -> str:
        return self.weights[list_key]

    def staff_text(self, language: str) -> str:
        return self.staff.get(language) or self.staff["en"]


@dataclass(frozen=True)
class Contradiction:
    code: str
    when: tuple[tuple[str, str], ...]  # (indicator code, answer)
    staff: dict[str, str]

    def applies(self, answers: dict[str, str]) -> bool:
        return all(answers.get(code) == answer for code, answer in self.when)

    def staff_text(self, language: str) -> str:
        return self.staff.get(language) or self.staff["en"]


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    group: str
    staff: dict[str, str]

    def staff_text(self, language: str) -> str:
        return self.staff.get(language) or self.staff["en"]


@dataclass(frozen=True)
class IndicatorSet:
    version: str
    languages: tuple[str, ...]
    phrases: dict[str, dict[str, str]]
    indicators: tuple[Indicator, ...]
    contradictions: tuple[Contradiction, ...]
    checklist: tuple[ChecklistItem, ...]

    def by_code(self) -> dict[str, Indicator]:
        return {i.code: i for i in self.indicators}

    def for_list(self, list_key: str, dimension: str | None = None) -> list[Indicator]:
        """The indicators of one Delphi list (optionally one dimension), in file order."""
        return [
            i
            for i in self.indicators
            if i.weights[list_key] != NOT_IN_LIST and (dimension is None or i.dimension == dimension)
        ]

    def contradictions_in(self, answers: dict[str, str]) -> list[Contradiction]:
        return [c for c in self.contradictions if c.applies(answers)]


def _texts(entry: dict, key: str, languages: tuple[str, ...], where: str) -> dict[str, str]:
    texts = entry.get(key)
    if not isinstance(texts, dict):
        raise IndicatorFileError(f"{where}: the '{key}' wordings are missing.")
    missing = [lang for lang in languages if not str(texts.get(lang, "")).strip()]
    if missing:
        raise IndicatorFileError(f"{where}: the '{key}' wording is missing in {', '.join(missing)}.")
    return {lang: str(text).strip() for lang, text in texts.items()}


def _code(entry: dict, seen: set[str], kind: str, position: int) -> str:
    code = entry.get("code")
    if not isinstance(code, str) or not code.strip():
        raise IndicatorFileError(f"{kind} number {position}: it has no code.")
    if code in seen:
        raise IndicatorFileError(f"{kind} '{code}': the code is used twice.")
    seen.add(code)
    return code


def parse(data: dict) -> IndicatorSet:
    """Checks a parsed indicator file and returns it as an ``IndicatorSet``."""
    version = str(data.get("version", "")).strip()
    if not version:
        raise IndicatorFileError("The file has no 'version'.")
    languages = tuple(data.get("languages") or ())
    missing_languages = [lang for lang in Language.values if lang not in languages]
    if missing_languages:
        raise IndicatorFileError(f"'languages' must include {', '.join(missing_languages)}.")

    phrases: dict[str, dict[str, str]] = {}
    for lang in languages:
        entry = (data.get("phrases") or {}).get(lang)
        if not isinstance(entry, dict):
            raise IndicatorFileError(f"phrases.{lang}: the section is missing.")
        missing = [key for key in PHRASES if not str(entry.get(key, "")).strip()]
        if missing:
            raise IndicatorFileError(f"phrases.{lang}: missing {', '.join(missing)}.")
        phrases[lang] = {key: str(entry[key]).strip() for key in PHRASES}

    seen: set[str] = set()
    indicators = []
    for n, entry in enumerate(data.get("indicator") or [], start=1):
        code = _code(entry, seen, "Indicator", n)
        where = f"Indicator '{code}'"
        if entry.get("dimension") not in Dimension.values:
            raise IndicatorFileError(f"{where}: unknown dimension {entry.get('dimension')!r}.")
        weights = entry.get("weights") or {}
        for list_key in IndicatorList.values:
            if weights.get(list_key) not in (*Weight.values, NOT_IN_LIST):
                raise IndicatorFileError(
                    f"{where}: the weight for {list_key} must be S, M, W or '-', not {weights.get(list_key)!r}."
                )
        indicators.append(
            Indicator(
                code=code,
                dimension=entry["dimension"],
                weights={k: weights[k] for k in IndicatorList.values},
                staff=_texts(entry, "staff", STAFF_LANGUAGES, where),
                plain=_texts(entry, "plain", languages, where),
            )
        )
    for list_key in IndicatorList.values:
        for dimension in Dimension.values:
            if not any(i.dimension == dimension and i.weights[list_key] != NOT_IN_LIST for i in indicators):
                raise IndicatorFileError(f"List {list_key} has no indicator in the dimension {dimension}.")

    known = {i.code for i in indicators}
    contradictions = []
    for n, entry in enumerate(data.get("contradiction") or [], start=1):
        code = _code(entry, seen, "Contradiction", n)
        when = tuple((str(w.get("code")), str(w.get("answer"))) for w in entry.get("when") or [])
        if len(when) < 2:
            raise IndicatorFileError(f"Contradiction '{code}': it needs at least two answers in 'when'.")
        for indicator, answer in when:
            if indicator not in known:
                raise IndicatorFileError(f"Contradiction '{code}': unknown indicator {indicator!r}.")
            if answer not in Answer.values:
                raise IndicatorFileError(f"Contradiction '{code}': unknown answer {answer!r}.")
        contradictions.append(
            Contradiction(code, when, _texts(entry, "staff", STAFF_LANGUAGES, f"Contradiction '{code}'"))
        )

    checklist = []
    for n, entry in enumerate(data.get("checklist") or [], start=1):
        code = _code(entry, seen, "Checklist item", n)
        if entry.get("group") not in CHECKLIST_GROUPS:
            raise IndicatorFileError(f"Checklist item '{code}': unknown group {entry.get('group')!r}.")
        checklist.append(
            ChecklistItem(
                code, entry["group"], _texts(entry, "staff", STAFF_LANGUAGES, f"Checklist item '{code}'")
            )
        )
    if not checklist:
        raise IndicatorFileError("The file has no checklist items.")

    return IndicatorSet(
        version=version,
        languages=languages,
        phrases=phrases,
        indicators=tuple(indicators),
        contradictions=tuple(contradictions),
        checklist=tuple(checklist),
    )


def load_path(path: Path) -> IndicatorSet:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise IndicatorFileError(f"{path.name} is not valid TOML: {error}") from error
    try:
        return parse(data)
    except IndicatorFileError as error:
        raise IndicatorFileError(f"{path.name}: {error}") from error


@cache
def load() -> IndicatorSet:
    """The indicator set in use (read once per process)."""
    return load_path(DEFAULT_PATH)
