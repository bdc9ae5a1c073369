"""Demo content for the public site beyond what its migrations seed: a sample library document.

The texts and (example) contact details come from the public app's data migration, the partners shown
from the partner directory's seed.
"""

from __future__ import annotations

from django.template import engines

from ostoja.public import leaflet
from ostoja.public.models import LibraryDocument
from ostoja.public.services import library_document_add

SAMPLE_TITLE = "Przykładowy dokument (demo): jak korzystać z biblioteki"

_SAMPLE_HTML = """<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><style>
html { font-family: "Noto Sans", sans-serif; font-size: 11pt; } h1 { font-size: 18pt; }
</style></head><body>
<h1>Przykładowy dokument</h1>
<p>To jest fikcyjny dokument demonstracyjny. W prawdziwej instalacji pracownicy centrum umieszczają
tu materiały, na przykład podręcznik o wzmacnianiu systemu opieki nad dziećmi pozbawionymi opieki
rodzicielskiej, zwłaszcza dziećmi ofiarami handlu ludźmi (przygotowany pod patronatem Komisji
Europejskiej).</p>
<p>Każdy plik jest sprawdzany: musi być zwykłym plikiem PDF, bez skryptów i osadzonych plików.</p>
</body></html>"""


def ensure_demo_public() -> list[str]:
    if LibraryDocument.objects.filter(title=SAMPLE_TITLE).exists():
        return ["Public site: sample library document already present"]
    from weasyprint import HTML

    html = engines["django"].from_string(_SAMPLE_HTML).render({})
    data = HTML(string=html, url_fetcher=leaflet.refusing_fetcher()).write_pdf()
    library_document_add(
        request=None,
        data=data,
        title=SAMPLE_TITLE,
        language="pl",
        description="Fikcyjny dokument demonstracyjny.",
    )
    return [
        "Public site: sample library document added (pl)",
        "Public site: http://127.0.0.1:8000/languages/",
    ]
