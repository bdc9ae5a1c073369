"""The form of the import page: which kind of file, the file, and (for HTCDS) the year of its cases."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ostoja.statistics import imports
from ostoja.statistics.ctdc import FIRST_YEAR
from ostoja.web.once import OnceField

MAX_BYTES = 20 * 1024 * 1024  # the web server's limit on a request (README: client_max_body_size)
SOURCES = [
    ("ctdc", _("CTDC k-anonymised dataset (63 columns)")),
    ("htcds", _("HTCDS 2.0 records (the fields of Ostoja's HTCDS export)")),
]


def _years() -> list[tuple[str, str]]:
    this = timezone.localdate().year
    return [("", _("Not known")), *((str(y), str(y)) for y in range(this, FIRST_YEAR - 1, -1))]


class ImportForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Kind of file"), choices=SOURCES, widget=forms.RadioSelect, initial="ctdc"
    )
    file = forms.FileField(
        label=_("CSV file"), allow_empty_file=True,
        help_text=_("CSV UTF-8 with a header, fields separated by commas, at most 20 MB (a larger file is "
                    "imported with the command ostoja import-ctdc or import-htcds). The same file imported "
                    "twice adds nothing."),
    )  # fmt: skip
    year = forms.TypedChoiceField(
        label=_("Year the cases were registered (HTCDS only)"), coerce=int, empty_value=None,
        choices=_years, required=False,
        help_text=_("HTCDS records carry no year: without one they count only under “everything on record”."),
    )  # fmt: skip
    token = OnceField()

    content: bytes = b""  # the file, once checked
    rows: int = 0

    def clean(self):
        cleaned = super().clean()
        source, upload = cleaned.get("source"), cleaned.get("file")
        if source == "ctdc" and cleaned.get("year"):
            self.add_error("year", _("CTDC rows carry their own year: leave this empty."))
        if not source or upload is None:
            return cleaned
        if upload.size > MAX_BYTES:
            self.add_error(
                "file",
                _(
                    "The file is larger than 20 MB: import it with the command ostoja import-ctdc or import-htcds."
                ),
            )
            return cleaned
        data = upload.read()
        try:
            self.rows = imports.check(data, source)
        except imports.ImportRefused as refused:
            self.add_error("file", str(refused))
            return cleaned
        self.content = data
        return cleaned
