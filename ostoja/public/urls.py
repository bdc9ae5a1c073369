from django.urls import path, register_converter

from ostoja.public import languages
from ostoja.public.views import report, site, staff

app_name = "public"


class LanguageConverter:
    """Only the public languages: the prefix can never swallow a staff address."""

    regex = "|".join(languages.CODES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        if value not in languages.BY_CODE:
            raise ValueError(value)
        return value


register_converter(LanguageConverter, "publiclang")

urlpatterns = [
    path("favicon.ico", site.favicon, name="favicon"),
    path("languages/", site.language_choice, name="languages"),
    path("kitchen/", site.neutral, name="neutral"),
    path("library/<int:pk>/", site.document, name="document"),
    path("<publiclang:lang>/", site.home, name="home"),
    path("<publiclang:lang>/help/", site.help_page, name="help"),
    path("<publiclang:lang>/rights/", site.rights, name="rights"),
    path("<publiclang:lang>/contact/", site.contact, name="contact"),
    path("<publiclang:lang>/react/", site.react, name="react"),
    path("<publiclang:lang>/report/", report.report, name="report"),
    path("<publiclang:lang>/report/sent/", report.report_sent, name="report_sent"),
    path("<publiclang:lang>/abroad/", site.abroad, name="abroad"),
    path("<publiclang:lang>/downloads/", site.downloads, name="downloads"),
    path("<publiclang:lang>/downloads/leaflet.pdf", site.leaflet_pdf, name="leaflet"),
    path("<publiclang:lang>/safety/", site.safety, name="safety"),
    path("public-admin/", staff.admin_home, name="admin_home"),
    path("public-admin/texts/<publiclang:lang>/<slug:key>/", staff.admin_text_edit, name="admin_text_edit"),
    path("public-admin/contact/", staff.admin_contact, name="admin_contact"),
    path("public-admin/partners/<int:pk>/", staff.admin_partner, name="admin_partner"),
    path("public-admin/library/", staff.admin_library, name="admin_library"),
    path("public-admin/library/<int:pk>/delete/", staff.admin_library_delete, name="admin_library_delete"),
]
