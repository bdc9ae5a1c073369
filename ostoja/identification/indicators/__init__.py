"""The indicator file: loading and checking ``delphi.toml``.

The indicators are data so that people can review and correct them without touching code. This
module turns the file into plain objects and refuses a file that is incomplete, with a message that
names the entry and what is missing. ``manage.py check`` runs the same check (see ``checks.py``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ostoja.identification.codes import Answer, Dimension, IndicatorList, Language, Weight

DEFAULT_PATH = Path(__file__).with_name("delphi.toml")
STAFF_LANGUAGES = ("pl", "en")
PHRASES = (
    "name",
    "intro",
    "yes",
    "no",
    "unknown",
    "declined",
    "consent",
    "safe_now",
    "in_pain",
    "needs_doctor",
)
CHECKLIST_GROUPS = ("ilo", "unodc", "unodc_sexual")


class IndicatorFileError(ValueError):
    """The indicator file is malformed or incomplete."""


@dataclass(frozen=True)
class Indicator:
    """One question: what the worker reads, what the person hears, and the dimension it belongs to."""

    code: str
    dimension: str
    staff: dict[str, str]
    plain: dict[str, str]
    staff_sexual: dict[str, str] = field(default_factory=dict)
    plain_sexual: dict[str, str] = field(default_factory=dict)
    counts_as: str = ""  # the indicator of the publication this question is scored as ("" = itself)
    sensitive: bool = False  # asked only when relevant; the person may skip it

    def staff_text(self, language: str, *, sexual: bool = False) -> str:
        texts = self.staff_sexual if sexual and self.staff_sexual else self.staff
        return texts.get(language) or texts["en"]

    def plain_text(self, language: str, *, sexual: bool = False) -> str:
        texts = self.plain_sexual if sexual and self.plain_sexual else self.plain
        return texts.get(language) or self.plain[language]

    @property
    def scored_as(self) -> str:
        return self.counts_as or self.code


@dataclass(frozen=True)
class Source:
    """Where a weight comes from; weights from a provisional source are shown as provisional."""

    code: str
    provisional: bool
    label: dict[str, str]

    def text(self, language: str) -> str:
        return self.label.get(language) or self.label["en"]


@dataclass(frozen=True)
class Entry:
    """A question's place in one list: its weight there and the source of that weight."""

    code: str
    weight: str
    source: Source

    @property
    def provisional(self) -> bool:
        return self.source.provisional


@dataclass(frozen=True)
class FileReview:
    """Who checked the lists against which edition of the publication, and when."""

    publication: str
    checked: bool
    edition: str
    checked_by: str
    checked_on: str
    note: dict[str, str]

    def note_text(self, language: str) -> str:
        return self.note.get(language) or self.note.get("en", "")


@dataclass(frozen=True)
class LanguageReview:
    """Whether a native speaker has checked the person's wording in one language."""

    language: str
    name: str
    reviewed_by: str
    reviewed_on: str

    @property
    def reviewed(self) -> bool:
        return bool(self.reviewed_by and self.reviewed_on)


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
    review: FileReview
    sources: dict[str, Source]
    lists: dict[str, dict[str, Entry]]  # list -> code -> entry, in the list's order
    language_reviews: dict[str, LanguageReview]

    def by_code(self) -> dict[str, Indicator]:
        return {i.code: i for i in self.indicators}

    def for_list(self, list_key: str, dimension: str | None = None) -> list[Indicator]:
        """The questions of one list (optionally one dimension), in the list's order."""
        by_code = self.by_code()
        return [
            by_code[code]
            for code in self.lists[list_key]
            if dimension is None or by_code[code].dimension == dimension
        ]

    def entry(self, list_key: str, code: str) -> Entry | None:
        return self.lists[list_key].get(code)

    def provisional_count(self, list_key: str) -> int:
        return sum(1 for entry in self.lists[list_key].values() if entry.provisional)

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
    unknown_languages = [lang for lang in languages if lang not in Language.values]
    if unknown_languages:
        raise IndicatorFileError(f"'languages' names unknown languages: {', '.join(unknown_languages)}.")
    missing_languages = [lang for lang in STAFF_LANGUAGES if lang not in languages]
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

    language_reviews = {
        lang: LanguageReview(
            language=lang,
            name=phrases[lang]["name"],
            reviewed_by=str(data["phrases"][lang].get("reviewed_by", "")).strip(),
            reviewed_on=str(data["phrases"][lang].get("reviewed_on", "")).strip(),
        )
        for lang in languages
    }

    review_data = data.get("review")
    if not isinstance(review_data, dict) or not str(review_data.get("publication", "")).strip():
        raise IndicatorFileError("The file has no [review] naming the publication the lists follow.")
    review = FileReview(
        publication=str(review_data["publication"]).strip(),
        checked=bool(review_data.get("checked", False)),
        edition=str(review_data.get("edition", "")).strip(),
        checked_by=str(review_data.get("checked_by", "")).strip(),
        checked_on=str(review_data.get("checked_on", "")).strip(),
        note=_texts(review_data, "note", STAFF_LANGUAGES, "[review]"),
    )
    if review.checked and not (review.edition and review.checked_by and review.checked_on):
        raise IndicatorFileError("[review]: a checked file names the edition, who checked it and when.")

    sources: dict[str, Source] = {}
    for code, entry in (data.get("sources") or {}).items():
        if not isinstance(entry.get("provisional"), bool):
            raise IndicatorFileError(f"sources.{code}: say whether it is provisional (true or false).")
        labels = {lang: str(entry.get(lang, "")).strip() for lang in STAFF_LANGUAGES}
        if not all(labels.values()):
            raise IndicatorFileError(f"sources.{code}: the name is missing in Polish or English.")
        sources[code] = Source(code=code, provisional=entry["provisional"], label=labels)
    if not sources:
        raise IndicatorFileError("The file names no [sources].")

    seen: set[str] = set()
    indicators = []
    for n, entry in enumerate(data.get("indicator") or [], start=1):
        code = _code(entry, seen, "Indicator", n)
        where = f"Indicator '{code}'"
        if entry.get("dimension") not in Dimension.values:
            raise IndicatorFileError(f"{where}: unknown dimension {entry.get('dimension')!r}.")
        indicators.append(
            Indicator(
                code=code,
                dimension=entry["dimension"],
                staff=_texts(entry, "staff", STAFF_LANGUAGES, where),
                plain=_texts(entry, "plain", languages, where),
                staff_sexual=_texts(entry, "staff_sexual", STAFF_LANGUAGES, where)
                if "staff_sexual" in entry
                else {},
                plain_sexual=_texts(entry, "plain_sexual", languages, where)
                if "plain_sexual" in entry
                else {},
                counts_as=str(entry.get("counts_as", "")),
                sensitive=bool(entry.get("sensitive", False)),
            )
        )
    by_code = {i.code: i for i in indicators}
    for indicator in indicators:
        target = by_code.get(indicator.counts_as) if indicator.counts_as else indicator
        if target is None or target.counts_as or target.dimension != indicator.dimension:
            raise IndicatorFileError(
                f"Indicator '{indicator.code}': counts_as must name another question of the same dimension."
            )

    lists: dict[str, dict[str, Entry]] = {}
    for list_key in IndicatorList.values:
        entries: dict[str, Entry] = {}
        for n, item in enumerate(((data.get("lists") or {}).get(list_key) or {}).get("items") or [], start=1):
            where = f"List {list_key}, item {n}"
            code = item.get("code")
            if code not in by_code:
                raise IndicatorFileError(f"{where}: unknown question {code!r}.")
            if code in entries:
                raise IndicatorFileError(f"{where}: '{code}' is listed twice.")
            if item.get("weight") not in Weight.values:
                raise IndicatorFileError(
                    f"{where} ('{code}'): the weight must be S, M or W, not {item.get('weight')!r}."
                )
            if item.get("source") not in sources:
                raise IndicatorFileError(f"{where} ('{code}'): unknown source {item.get('source')!r}.")
            entries[code] = Entry(code=code, weight=item["weight"], source=sources[item["source"]])
        for dimension in Dimension.values:
            if not any(by_code[c].dimension == dimension for c in entries):
                raise IndicatorFileError(f"List {list_key} has no indicator in the dimension {dimension}.")
        for code in entries:
            target = by_code[code].counts_as
            if target and target not in entries:
                raise IndicatorFileError(
                    f"List {list_key}: '{code}' counts as '{target}', which the list lacks."
                )
        lists[list_key] = entries

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
        review=review,
        sources=sources,
        lists=lists,
        language_reviews=language_reviews,
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
