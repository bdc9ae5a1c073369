"""The standard tables of the statistics page, counted from coded columns, never by decrypting.

The centre's own cases are those opened in the period (indexed on ``opened_on``), counted in one
GROUP BY over the person's and the profile's plain codes; imported historical cases come from
``HistoricalTally`` (counted once per import), for the calendar years wholly inside the period.
Contacts and interventions are counted by the time they were received or opened (indexed). Tables
of other apps (services, referrals) come from their plugins (``ostoja.plugins.statistics_tables``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ostoja import plugins
from ostoja.cases.models import Case
from ostoja.hotline import codes as hotline_codes
from ostoja.hotline.models import Contact, Intervention
from ostoja.identification.codes import IdStatus
from ostoja.identification.models import IdentificationStatusChange
from ostoja.identification.profile_codes import ExploitationForm
from ostoja.people.codes import MINOR_BANDS, Gender
from ostoja.people.countries import country_name
from ostoja.statistics.ctdc import AGE_BANDS
from ostoja.statistics.forms import Period
from ostoja.statistics.models import HistoricalTally, ReportCategory

NOT_RECORDED = pgettext_lazy("statistics", "Not recorded")
TOP_COUNTRIES = 15


@dataclass
class Table:
    key: str
    title: object
    rows: list[tuple[str, object, int]]  # code, label, count
    additive: bool = True
    note: object = ""
    total: int | None = field(default=None)

    def __post_init__(self) -> None:
        if self.additive and self.total is None:
            self.total = sum(count for _code, _label, count in self.rows)


@dataclass
class Figures:
    period: Period
    tables: list[Table]
    response_minutes: dict[str, float | None]
    historical_counted_at: dt.datetime | None
    counted_at: dt.datetime


def is_minor(flag: bool, band: str) -> bool:
    """A minor for the statistics: marked so, or of a band under 18."""
    return bool(flag) or band in MINOR_BANDS


def _own_cases(period: Period) -> list[dict]:
    """The centre's cases opened in the period, grouped by their plain codes (one query)."""
    status = (
        IdentificationStatusChange.objects.effective()
        .filter(case=OuterRef("pk"))
        .order_by("-effective_at", "-pk")
        .values("status")[:1]
    )
    cases = Case.objects.filter(opened_on__lte=period.end)
    if period.start is not None:
        cases = cases.filter(opened_on__gte=period.start)
    return list(
        cases.annotate(id_status=Subquery(status))
        .values(
            "person__gender", "person__is_minor", "person__age_band", "person__citizenships",
            "exploitation_profile__forms", "id_status",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )  # fmt: skip


def _historical(period: Period) -> tuple[dict[str, Counter], dt.datetime | None]:
    tallies = HistoricalTally.objects.all()
    if not period.everything:
        years = period.whole_years()
        if not years:
            return {}, None
        tallies = tallies.filter(year__in=years)
    found: dict[str, Counter] = {}
    counted_at = None
    for row in (
        tallies.values("dimension", "value").annotate(n=Sum("count"), at=Count("computed_at")).order_by()
    ):
        found.setdefault(row["dimension"], Counter())[row["value"]] += row["n"]
    if found:
        counted_at = (
            HistoricalTally.objects.order_by("-computed_at").values_list("computed_at", flat=True).first()
        )
    return found, counted_at


def _rows(counts: Counter, labels: list[tuple[str, object]], *, keep_unknown: bool = True) -> list:
    known = {code for code, _label in labels}
    rows = [(code, label, counts.get(code, 0)) for code, label in labels]
    rest = sum(n for code, n in counts.items() if code not in known)
    if keep_unknown:
        rows.append(("", NOT_RECORDED, rest))
    return rows


def compute(period: Period) -> Figures:
    own = _own_cases(period)
    hist, historical_at = _historical(period)
    tables: list[Table] = []

    def add(counter: Counter, rows: list[dict], key, value) -> None:
        for row in rows:
            counter[value(row)] += row["n"]

    own_total = sum(r["n"] for r in own)
    hist_total = sum(hist.get("total", Counter()).values())
    tables.append(Table("beneficiaries", _("People helped"), [
        ("own", _("Cases opened in the period"), own_total),
        ("historical", _("Imported historical cases"), hist_total),
    ]))  # fmt: skip

    gender = Counter(hist.get("gender", Counter()))
    add(
        gender,
        own,
        "gender",
        lambda r: "" if r["person__gender"] == Gender.UNKNOWN else r["person__gender"] or "",
    )
    sexes = [(code, label) for code, label in Gender.choices if code != Gender.UNKNOWN]
    tables.append(Table("sex", _("Sex"), _rows(gender, sexes)))

    majority = Counter(hist.get("majority", Counter()))
    add(
        majority,
        own,
        "minor",
        lambda r: "minor" if is_minor(r["person__is_minor"], r["person__age_band"]) else "adult",
    )
    tables.append(
        Table(
            "majority",
            _("Adults and minors"),
            _rows(majority, [("adult", _("Adults")), ("minor", _("Minors"))]),
        )
    )

    ages = Counter(hist.get("age_band", Counter()))
    add(ages, own, "age_band", lambda r: r["person__age_band"] or "")
    tables.append(Table(
        "age", _("Age group"), _rows(ages, [(code, code) for code in AGE_BANDS.values()]),
        note=_("CTDC's bands. For the centre's own cases, the band kept in clear when the date of birth or the "
               "estimated age was last saved (the date itself stays encrypted); a person with neither is not "
               "recorded."),
    ))  # fmt: skip

    citizenship = Counter(hist.get("citizenship", Counter()))
    add(citizenship, own, "citizenship", lambda r: (r["person__citizenships"] or [""])[0])
    polish = Counter({
        "PL": citizenship.get("PL", 0),
        "foreign": sum(n for code, n in citizenship.items() if code and code != "PL"),
        "": citizenship.get("", 0),
    })  # fmt: skip
    tables.append(
        Table(
            "nationality",
            _("Polish and foreign"),
            _rows(polish, [("PL", _("Polish")), ("foreign", _("Foreign"))]),
        )
    )
    tables.append(
        _countries(
            "citizenship",
            _("Citizenship"),
            citizenship,
            _("A person with several citizenships is counted under the first one recorded."),
        )
    )
    tables.append(_countries(
        "exploitation_country", _("Country of exploitation"),
        Counter({**hist.get("country_of_exploitation", Counter()), "": hist.get("country_of_exploitation", Counter()).get("", 0) + own_total}),
        _("Known only for imported cases: the journey of the centre's own cases is encrypted and is not counted."),
    ))  # fmt: skip

    combos = Counter(hist.get("forms", Counter()))
    add(combos, own, "forms", lambda r: "+".join(sorted(set(r["exploitation_profile__forms"] or []))))
    per_form: Counter = Counter()
    for combo, n in combos.items():
        for code in combo.split("+") if combo else ():
            per_form[code] += n
    labels = dict(ExploitationForm.choices)
    tables.append(Table(
        "forms", _("Forms of exploitation"),
        [(code, label, per_form.get(code, 0)) for code, label in ExploitationForm.choices]
        + [("", _("None recorded"), combos.get("", 0))],
        additive=False, note=_("A person may suffer several forms: the rows add up to more than the people counted."),
    ))  # fmt: skip
    tables.append(Table(
        "form_combinations", _("Forms of exploitation and their combinations"),
        [(combo, " + ".join(str(labels.get(c, c)) for c in combo.split("+")), n)
         for combo, n in sorted(combos.items(), key=lambda item: (-item[1], item[0])) if combo],
    ))  # fmt: skip

    tables.append(_ministry_categories(combos))

    status = Counter()
    add(status, own, "status", lambda r: r["id_status"] or "")
    tables.append(Table(
        "identification", _("Identification status"), _rows(status, IdStatus.choices),
        note=_("Of the centre's own cases; imported cases carry no identification status."),
    ))  # fmt: skip
    if hist:
        tables.append(Table("datasource", _("Imported cases by data source"), _rows(
            hist.get("datasource", Counter()), [("case_management", _("Case management")), ("hotline", _("Hotline"))]
        )))  # fmt: skip

    tables += _activity(period)
    response = _interventions(period, tables)
    for plugged in plugins.statistics_tables():
        tables.append(Table(
            plugged.key, plugged.title, plugged.count(period.start, period.end), plugged.additive, plugged.note
        ))  # fmt: skip
    return Figures(period, tables, response, historical_at, timezone.now())


def _ministry_categories(combos: Counter) -> Table:
    """The forms of exploitation in the ministry's (administrator-corrected) breakdown: each person once per category."""
    rows = []
    unconfirmed = False
    for category in ReportCategory.objects.filter(list_name=ReportCategory.List.EXPLOITATION):
        codes = set(category.profile_codes)
        n = sum(count for combo, count in combos.items() if combo and codes & set(combo.split("+")))
        label = (
            category.label()
            if category.confirmed
            else _("%(name)s (unconfirmed)") % {"name": category.label()}
        )
        unconfirmed |= not category.confirmed
        rows.append((category.code, label, n))
    note = _("A person may be in several categories.")
    if unconfirmed:
        note = _(
            "A person may be in several categories. Categories marked unconfirmed come from published "
            "figures, not from the official form; an administrator corrects them under Report categories."
        )
    return Table(
        "ministry_forms",
        _("Forms of exploitation in the ministry's breakdown"),
        rows,
        additive=False,
        note=note,
    )


def _countries(key: str, title, counts: Counter, note) -> Table:
    named = sorted(((n, code) for code, n in counts.items() if code), reverse=True)
    top = named[:TOP_COUNTRIES]
    rows = [(code, country_name(code), n) for n, code in top]
    rest = sum(n for n, _code in named[TOP_COUNTRIES:])
    if rest:
        rows.append(("other", _("Other countries"), rest))
    rows.append(("", NOT_RECORDED, counts.get("", 0)))
    return Table(key, title, rows, note=note)


def _window(period: Period, column: str) -> Q:
    tz = timezone.get_current_timezone()
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(), tz)
    q = Q(**{f"{column}__lt": end})
    if period.start is not None:
        q &= Q(**{f"{column}__gte": dt.datetime.combine(period.start, dt.time(), tz)})
    return q


def _activity(period: Period) -> list[Table]:
    grouped = list(
        Contact.objects.filter(_window(period, "received_at"))
        .values("channel", "language", "caller_kind", "topic")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by = {name: Counter() for name in ("channel", "language", "caller_kind", "topic")}
    for row in grouped:
        for name, counter in by.items():
            counter[row[name] or ""] += row["n"]
    languages = [(code, label) for code, label in hotline_codes.LANGUAGES]
    return [
        Table("contacts_channel", _("Contacts by channel"), _rows(by["channel"], hotline_codes.Channel.choices)),
        Table("contacts_language", _("Contacts by language"), _rows(by["language"], languages)),
        Table("contacts_caller", _("Contacts by who got in touch"), _rows(by["caller_kind"], hotline_codes.CallerKind.choices)),
        Table("contacts_topic", _("Contacts by topic (consultations for organisations included)"),
              _rows(by["topic"], hotline_codes.Topic.choices)),
    ]  # fmt: skip


def _interventions(period: Period, tables: list[Table]) -> dict[str, float | None]:
    rows = list(
        Intervention.objects.filter(_window(period, "opened_at")).values_list(
            "outcome", "opened_at", "taken_at"
        )
    )
    outcomes = Counter(outcome or "" for outcome, _o, _t in rows)
    tables.append(Table(
        "interventions", _("Emergency interventions by outcome"),
        _rows(outcomes, [*hotline_codes.Outcome.choices, ("", _("Open or without an outcome"))], keep_unknown=False),
    ))  # fmt: skip
    waits = sorted((taken - opened).total_seconds() / 60 for _o, opened, taken in rows if taken and opened)
    return {
        "taken": len(waits),
        "median": round(median(waits), 1) if waits else None,
        "p90": round(waits[int(0.9 * (len(waits) - 1))], 1) if waits else None,
    }
