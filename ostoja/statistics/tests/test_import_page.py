"""The import page: upload, background import with progress, the report of refusals, bad files refused
next to the file field with nothing stored, the same file again adding nothing, resuming, audit."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.statistics import htcds, imports
from ostoja.statistics.ctdc import COLUMNS
from ostoja.statistics.models import HistoricalCase, ImportRun, ImportStatus, ImportUpload

pytestmark = pytest.mark.django_db

SLICE = Path(__file__).parent / "data" / "ctdc_slice.csv"
URL = "/statistics/imports/"


def _row(**values) -> str:
    row = dict.fromkeys(COLUMNS, "")
    row.update(yearOfRegistration="2019", Datasource="Hotline", gender="Female", citizenship="UA")
    row.update(values)
    return ",".join(row[c] for c in COLUMNS)


def _csv(*lines: str, encoding="utf-8") -> bytes:
    return "\n".join(lines).encode(encoding)


def _post(client, data: bytes, source="ctdc", name="file.csv", token="t" * 32, **more):
    upload = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(URL, {"source": source, "file": upload, "token": token, **more})


def test_the_url_is_the_page():
    assert reverse("statistics:imports") == URL


def test_only_supervisors_import(client_for):
    assert client_for(Role.CASE_MANAGER).get(URL).status_code == 403
    page = client_for(Role.SUPERVISOR).get(URL)
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.content.decode()


def test_a_file_is_imported_in_the_background_and_its_page_shows_the_report(client_for, cast):
    client = client_for(Role.SUPERVISOR)
    response = _post(client, SLICE.read_bytes(), name="ctdc_slice.csv")
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "statistics:import_run", args=[run.pk]
    )
    assert (run.status, run.imported, run.refused, run.started_by) == (
        ImportStatus.COMPLETE,
        1008,
        0,
        cast[Role.SUPERVISOR],
    )
    assert HistoricalCase.objects.count() == 1008
    assert not ImportUpload.objects.exists()  # the file is not kept once imported
    page = client.get(response["Location"]).content.decode()
    assert '<progress max="100" value="100"' in page and "X-Ostoja-Poll" not in page
    assert "Nie odrzucono żadnego wiersza" in page
    events = AuditEvent.objects.filter(object_type="statistics_import").order_by("pk")
    assert [(e.action, e.actor_id, e.details["rows"]) for e in events] == [
        ("create", cast[Role.SUPERVISOR].pk, 1008),
        ("create", cast[Role.SUPERVISOR].pk, 1008),
    ]
    assert events[0].details["file"] == "ctdc_slice.csv" and events[1].details["imported"] == 1008
    listing = client.get(URL).content.decode()
    assert "ctdc_slice.csv" in listing and reverse("statistics:import_run", args=[run.pk]) in listing


def test_the_same_file_again_adds_nothing(client_for):
    client = client_for(Role.SUPERVISOR)
    _post(client, SLICE.read_bytes(), token="a" * 32)
    again = _post(client, SLICE.read_bytes(), name="renamed.csv", token="b" * 32)
    run = ImportRun.objects.get()
    assert again["Location"] == reverse("statistics:import_run", args=[run.pk])
    assert HistoricalCase.objects.count() == 1008
    page = client.get(again["Location"]).content.decode()
    assert "nic nie dodano" in page


def test_refused_rows_are_reported_by_number_and_reason(client_for):
    client = client_for(Role.SUPERVISOR)
    _post(client, _csv(",".join(COLUMNS), _row(), _row(gender="Robot"), _row(), _row(isForcedLabour="yes")))
    run = ImportRun.objects.get()
    assert (run.imported, run.refused) == (2, 2)
    page = client.get(reverse("statistics:import_run", args=[run.pk])).content.decode()
    assert '<th scope="row" class="num">2</th><td>gender</td>' in page
    assert '<th scope="row" class="num">4</th><td>isForcedLabour</td>' in page
    assert "„Robot”" in page or "“Robot”" in page


def test_an_htcds_file_keeps_no_name_and_shows_none(client_for):
    client = client_for(Role.SUPERVISOR)
    lines = [",".join(htcds.FIELDS)]
    record = dict.fromkeys(htcds.FIELDS, "")
    record.update(
        prs_FirstName="Maria", prs_SecondName="Ivanova", prs_Birthdate="1992-04-17", prs_Gender="Feminine"
    )
    lines.append(",".join(record[f] for f in htcds.FIELDS))
    lines.append(",".join({**record, "prs_Birthdate": "17/04/1992"}[f] for f in htcds.FIELDS))
    response = _post(client, _csv(*lines), source="htcds", year="2024")
    run = ImportRun.objects.get()
    assert (run.source, run.imported, run.refused) == ("htcds", 1, 1)
    assert HistoricalCase.objects.get().year == 2024
    page = client.get(response["Location"]).content.decode()
    assert "prs_Birthdate" in page
    for personal in ("Maria", "Ivanova", "1992"):
        assert personal not in page


def test_empty_lines_at_the_end_of_a_file_are_no_rows():
    data = _csv(",".join(COLUMNS), _row(), _row(gender="Male"), "", "", "")
    assert imports.check(data, "ctdc") == 2


@pytest.mark.parametrize("source", ["htcds", "ctdc"])
def test_a_file_without_its_header_is_refused_without_repeating_its_first_row(client_for, source):
    """Its first row is taken for the header: the refusal counts the columns it does not know, and names
    none of them (in an HTCDS file they are a person's name and date of birth)."""
    client = client_for(Role.SUPERVISOR)
    record = dict.fromkeys(htcds.FIELDS, "")
    record.update(prs_FirstName="Maria", prs_SecondName="Ivanova", prs_Birthdate="1992-04-17")
    row = ",".join(record[f] for f in htcds.FIELDS)
    response = _post(client, _csv(row, row), source=source)
    assert response.status_code == 400
    error = " ".join(response.context["form"].errors["file"])
    assert "nieznane kolumny:" in error
    for personal in ("Maria", "Ivanova", "1992"):
        assert personal not in error
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_csv(",".join(COLUMNS[:-1]) + ",recruiterRelationX", _row()), "brak: recruiterRelationUnknown"),
        (
            _csv(",".join(COLUMNS), _row(), _row(meansOfControlConcatenated="Groźby"), encoding="cp1250"),
            "nie jest w kodowaniu UTF-8 (wiersz 3)",
        ),
        (_csv(",".join(COLUMNS), _row(), _row(meansOfControlConcatenated='"Threats')), "(wiersz 2)"),
        (_csv(",".join(COLUMNS), _row(), _row(), _row()[:40]), "(wiersz 3) ma 22 pól zamiast 63"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "XLSX"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "nie jest tekstem"),
        (b"", "Plik jest pusty"),
        (_csv(";".join(COLUMNS), _row().replace(",", ";")), "średnikami"),
        (_csv(",".join(COLUMNS)), "nie ma w nim wierszy"),
    ],
    ids=[
        "header",
        "encoding",
        "cut in quotes",
        "truncated",
        "xlsx",
        "binary",
        "empty",
        "semicolons",
        "no rows",
    ],
)
def test_a_bad_file_is_refused_next_to_the_field_and_nothing_is_stored(client_for, data, message):
    response = _post(client_for(Role.SUPERVISOR), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["file"] and message in errors["file"][0], errors
    assert 'id="id_file_error"' in response.content.decode()
    assert not ImportRun.objects.exists() and not HistoricalCase.objects.exists()
    assert not ImportUpload.objects.exists()


def test_a_year_is_for_htcds_files_only(client_for):
    response = _post(client_for(Role.SUPERVISOR), _csv(",".join(COLUMNS), _row()), year="2020")
    assert response.status_code == 400 and list(response.context["form"].errors) == ["year"]
    assert not ImportRun.objects.exists()


def test_an_interrupted_import_resumes_when_the_file_is_uploaded_again(client_for, monkeypatch):
    real = HistoricalCase.objects.bulk_create
    calls = []

    def failing(objs, **kwargs):
        calls.append(len(objs))
        if len(calls) == 2:
            raise RuntimeError("the worker went down")
        return real(objs, **kwargs)

    monkeypatch.setattr(HistoricalCase.objects, "bulk_create", failing)
    with pytest.raises(RuntimeError):
        imports.import_data(SLICE.read_bytes(), source="ctdc", file_name="slice.csv", batch=400)
    assert HistoricalCase.objects.count() == 400
    monkeypatch.setattr(HistoricalCase.objects, "bulk_create", real)
    client = client_for(Role.SUPERVISOR)
    response = _post(client, SLICE.read_bytes())
    run = ImportRun.objects.get()
    assert response["Location"] == reverse("statistics:import_run", args=[run.pk])
    assert run.status == ImportStatus.COMPLETE and run.imported == 1008
    assert sorted(HistoricalCase.objects.values_list("row", flat=True)) == list(range(1, 1009))


def test_a_worker_error_stops_the_run_with_a_message_and_drops_the_file(client_for, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "import_data", broken)
    client = client_for(Role.SUPERVISOR)
    response = _post(client, _csv(",".join(COLUMNS), _row()))
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED and not ImportUpload.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "prześlij ten sam plik ponownie" in page and "X-Ostoja-Poll" not in page


def test_a_second_worker_on_the_same_rows_leaves_the_run_to_the_first(client_for, monkeypatch):
    from django.db import IntegrityError

    def clash(*args, **kwargs):
        raise IntegrityError("stats_historical_row")

    monkeypatch.setattr(imports, "import_data", clash)
    _post(client_for(Role.SUPERVISOR), _csv(",".join(COLUMNS), _row()))
    assert ImportRun.objects.get().status == ImportStatus.QUEUED


def test_a_running_import_is_polled_without_counting_as_activity(client_for, cast):
    run = ImportRun.objects.create(
        source="ctdc", file_sha256="1" * 64, file_name="big.csv", rows_total=200, next_row=51,
        status=ImportStatus.RUNNING, started_by=cast[Role.SUPERVISOR],
    )  # fmt: skip
    page = client_for(Role.SUPERVISOR).get(reverse("statistics:import_run", args=[run.pk])).content.decode()
    assert '<progress max="100" value="25"' in page and "50 z 200 wierszy (25 %)" in page
    assert 'hx-trigger="every 2s"' in page and "X-Ostoja-Poll" in page and 'role="status"' in page


def test_the_pages_ask_few_queries(client_for, cast, django_assert_max_num_queries):
    client = client_for(Role.SUPERVISOR)
    for i in range(25):
        ImportRun.objects.create(
            source="ctdc", file_sha256=f"{i:064d}", file_name=f"f{i}.csv", status=ImportStatus.COMPLETE,
            started_by=cast[Role.SUPERVISOR], refusals=[{"row": 1, "column": "gender", "reason": "x"}] * 300,
            refused=300, refusal_counts={"gender": 300},
        )  # fmt: skip
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200
    run = ImportRun.objects.order_by("pk").first()
    with django_assert_max_num_queries(10):
        assert client.get(reverse("statistics:import_run", args=[run.pk])).status_code == 200


def test_a_file_over_the_limit_is_sent_to_the_command(client_for, monkeypatch):
    from ostoja.statistics import import_forms

    monkeypatch.setattr(import_forms, "MAX_BYTES", 100)
    response = _post(client_for(Role.SUPERVISOR), _csv(",".join(COLUMNS), _row()))
    assert response.status_code == 400
    assert (
        "większy niż 20 MB: zaimportuj go poleceniem ostoja import-ctdc"
        in response.context["form"].errors["file"][0]
    )
    assert not ImportRun.objects.exists()
