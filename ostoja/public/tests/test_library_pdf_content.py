"""Active content in library PDFs: refused by the parsed objects, whatever the bytes look like.

Every crafted file here is built with pikepdf (or assembled object by object where the trick is in
the file structure itself), and each one passed the byte-pattern check this replaced.
"""

from __future__ import annotations

import io

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from pikepdf import Array, Dictionary, Name, String

from ostoja.public import library
from ostoja.public.services import library_document_add

pytestmark = pytest.mark.django_db


def _build(change=None, **save_options) -> bytes:
    """A one-page PDF made by pikepdf, after ``change(pdf)`` has added whatever the test needs."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    if change is not None:
        change(pdf)
    out = io.BytesIO()
    pdf.save(out, **save_options)
    return out.getvalue()


def _refused(data: bytes, code: str = "active") -> None:
    with pytest.raises(ValidationError) as caught:
        library.clean_pdf(data)
    assert caught.value.code == code


def _object_stream_pdf(hidden: bytes, *, filter_name: bytes, encode) -> bytes:
    """Catalog whose /OpenAction is object 4, kept inside an object stream with the given filter.

    Objects in an object stream exist only inside the stream's (here non-Flate) encoded data, so
    nothing of them shows in the file's bytes.
    """
    header = b"%PDF-1.5\n%\xbf\xf7\xa2\xfe\n"
    plain = {
        1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    }
    index = b"4 0 "
    content = encode(index + hidden)
    plain[5] = (
        b"<< /Type /ObjStm /N 1 /First %d /Filter %s /Length %d >>\nstream\n"
        % (len(index), filter_name, len(content))
        + content
        + b"\nendstream"
    )
    out = bytearray(header)
    offsets = {}
    for number in sorted(plain):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + plain[number] + b"\nendobj\n"
    offsets[6] = len(out)
    rows = [(0, 0, 65535)]
    rows += [(1, offsets[n], 0) for n in (1, 2, 3)]
    rows += [(2, 5, 0), (1, offsets[5], 0), (1, offsets[6], 0)]
    table = b"".join(
        kind.to_bytes(1, "big") + a.to_bytes(4, "big") + b.to_bytes(2, "big") for kind, a, b in rows
    )
    out += (
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(table)
        + table
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[6]
    )
    return bytes(out)


def _hex(data: bytes) -> bytes:
    return data.hex().encode() + b">"


def _open_action(action: Dictionary):
    def change(pdf):
        pdf.Root.OpenAction = action

    return change


def _link(action: Dictionary):
    def change(pdf):
        annotation = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([0, 0, 50, 50]), A=action)
        pdf.pages[0].Annots = pdf.make_indirect(Array([pdf.make_indirect(annotation)]))

    return change


# --- The bypasses the byte pattern let through ------------------------------------------------------


def test_escaped_names_are_read_as_what_they_mean():
    # /J#61vaScript is /JavaScript and /J#53 is /JS once parsed.
    escaped = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R "
        b"/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )
    _refused(escaped)


def test_open_action_with_a_uri_is_refused():
    _refused(_build(_open_action(Dictionary(S=Name.URI, URI=String("https://example.org/x")))))


def test_actions_inside_a_non_flate_object_stream_are_refused():
    data = _object_stream_pdf(b"<< /S /Launch /F (cmd.exe) >>", filter_name=b"/ASCIIHexDecode", encode=_hex)
    assert b"Launch" not in data
    _refused(data)
    # The same file with a harmless destination is a good PDF: the structure itself is not the problem.
    good = _object_stream_pdf(b"<< /S /GoTo /D [3 0 R /Fit] >>", filter_name=b"/ASCIIHexDecode", encode=_hex)
    assert library.clean_pdf(good).pages == 1


# --- Every kind of active content -------------------------------------------------------------------


@pytest.mark.parametrize(
    "action",
    [
        Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")),
        Dictionary(S=Name.Launch, F=String("cmd.exe")),
        Dictionary(S=Name.URI, URI=String("https://example.org/")),
        Dictionary(S=Name.SubmitForm, F=String("https://example.org/collect")),
        Dictionary(S=Name.ImportData, F=String("data.fdf")),
        Dictionary(S=Name.GoToR, F=String("other.pdf"), D=Array([0, Name.Fit])),
        Dictionary(S=Name.GoToE, D=Array([0, Name.Fit])),
        Dictionary(S=Name.Named, N=Name.Print),
        Dictionary(S=Name.ResetForm),
        Dictionary(
            S=Name.GoTo, D=Array([0, Name.Fit]), Next=Dictionary(S=Name.URI, URI=String("https://x.org"))
        ),
    ],
    ids=lambda a: str(a.get("/S")),
)
def test_actions_other_than_going_to_a_page_are_refused(action):
    _refused(_build(_link(action)))
    _refused(_build(_open_action(action)))


def test_additional_actions_are_refused():
    def change(pdf):
        pdf.pages[0].AA = Dictionary(O=Dictionary(S=Name.GoTo, D=Array([pdf.pages[0].obj, Name.Fit])))

    _refused(_build(change))


def test_document_level_javascript_is_refused():
    def change(pdf):
        script = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")))
        pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("start"), script])))

    _refused(_build(change))


def test_embedded_files_are_refused():
    def change(pdf):
        pdf.attachments["invoice.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00", mime_type="text/plain")

    _refused(_build(change))


def test_file_attachment_annotations_are_refused():
    def change(pdf):
        spec = pikepdf.AttachedFileSpec(pdf, b"payload", mime_type="text/plain")
        annotation = Dictionary(
            Type=Name.Annot, Subtype=Name.FileAttachment, Rect=Array([0, 0, 20, 20]), FS=spec.obj
        )
        pdf.pages[0].Annots = Array([pdf.make_indirect(annotation)])

    _refused(_build(change))


def test_forms_are_refused():
    def acroform(pdf):
        field = pdf.make_indirect(
            Dictionary(
                Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, T=String("name"), Rect=Array([0, 0, 90, 20])
            )
        )
        pdf.pages[0].Annots = Array([field])
        pdf.Root.AcroForm = Dictionary(Fields=Array([field]))

    def xfa(pdf):
        pdf.Root.AcroForm = Dictionary(Fields=Array([]), XFA=pdf.make_stream(b"<xdp:xdp/>"))

    _refused(_build(acroform))
    _refused(_build(xfa))


def test_active_content_is_found_in_compressed_object_streams():
    data = _build(
        _open_action(Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))),
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
    assert b"JavaScript" not in data
    _refused(data)


def test_password_protected_pdfs_are_refused():
    data = _build(encryption=pikepdf.Encryption(owner="owner", user="user"))
    _refused(data, "encrypted")
    data = _build(encryption=pikepdf.Encryption(owner="owner", user=""))
    _refused(data, "encrypted")


def test_nesting_without_end_is_refused_not_crashed():
    def change(pdf):
        deep = Array([])
        for _ in range(200):
            deep = Array([deep])
        pdf.Root.Deep = deep

    with pytest.raises(ValidationError):
        library.clean_pdf(_build(change))


# --- What a plain document keeps ----------------------------------------------------------------------


def test_internal_links_outlines_open_view_and_tags_are_kept():
    def change(pdf):
        page = pdf.pages[0].obj
        _link(Dictionary(S=Name.GoTo, D=Array([page, Name.Fit])))(pdf)
        pdf.Root.OpenAction = Array([page, Name.XYZ, None, None, 0])
        with pdf.open_outline() as outline:
            outline.root.append(pikepdf.OutlineItem("Start", 0))
        # A tagged PDF: structure elements carry attribute dictionaries under /A.
        pdf.Root.StructTreeRoot = pdf.make_indirect(
            Dictionary(
                Type=Name.StructTreeRoot,
                K=Dictionary(
                    Type=Name.StructElem, S=Name.P, A=Dictionary(O=Name.Layout, Placement=Name.Block)
                ),
            )
        )
        pdf.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name.D)]))

    clean = library.clean_pdf(_build(change))
    assert clean.pages == 1
    with pikepdf.open(io.BytesIO(clean.data)) as stored:
        assert "/OpenAction" in stored.Root
        assert "/Outlines" in stored.Root


def test_what_is_stored_is_the_checked_rewrite_not_the_upload(settings):
    good = _build()
    # Bytes after the end of the file and objects nothing refers to are not carried over.
    upload = good + b"\n99 0 obj << /Note (left behind) >> endobj\n"
    document = library_document_add(request=None, data=upload, title="Handbook", language="en")
    stored = library.path_of(document.stored_name).read_bytes()
    assert b"left behind" not in stored
    assert document.size == len(stored)
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert len(pdf.pages) == document.pages == 1
    # Storing a rewrite changes nothing the next check would object to.
    assert library.clean_pdf(stored).pages == 1


def test_streams_are_copied_not_inflated(monkeypatch):
    import zlib

    def change(pdf):
        bomb = pdf.make_stream(b"")
        bomb.write(zlib.compress(b"\0" * (50 * 1024 * 1024), 9), filter=Name.FlateDecode)
        pdf.Root.Padding = bomb

    data = _build(change)
    assert len(data) < 200_000
    clean = library.clean_pdf(data)
    assert len(clean.data) < 200_000
