from django.urls import include, path, re_path

from ostoja.accounts.access import public
from ostoja.hotline.api import api, json_errors, not_found
from ostoja.hotline.views import contacts, interventions, meetings, roster

app_name = "hotline"


def _api_urls():
    """The API's own patterns, opened past the staff sign-in: each operation checks its bearer token.

    Every answer is JSON: the routes' bodiless errors (405) are rewritten, and any other path is a
    JSON 404 rather than the staff site's HTML page.
    """
    patterns, app, _namespace = api.urls
    patterns = [*patterns, re_path(r"^.*$", not_found, name="not_found")]
    for pattern in patterns:
        if hasattr(pattern, "callback"):
            pattern.callback = public(json_errors(pattern.callback))
    return patterns, app


urlpatterns = [
    path("", contacts.home, name="home"),
    path("contacts/", contacts.contact_list, name="contacts"),
    path("contacts/new/", contacts.contact_new, name="contact_new"),
    path("contacts/find-person/", contacts.person_lookup, name="person_lookup"),
    path("contacts/<int:pk>/", contacts.contact_detail, name="contact"),
    path("contacts/<int:pk>/link/", contacts.contact_link, name="contact_link"),
    path("contacts/<int:pk>/translation/", contacts.translation_ask, name="translation_ask"),
    path("translations/<int:pk>/", contacts.translation_done, name="translation_done"),
    path("contacts/<int:pk>/intervention/", interventions.intervention_open, name="intervention_open"),
    path("triage/", contacts.triage_list, name="triage"),
    path("calls/<int:pk>/dismiss/", contacts.call_dismiss, name="call_dismiss"),
    path("board/", interventions.board, name="board"),
    path("board/rows/", interventions.board_rows, name="board_rows"),
    path("interventions/<int:pk>/", interventions.intervention_detail, name="intervention"),
    path("interventions/<int:pk>/take/", interventions.take, name="take"),
    path("interventions/<int:pk>/actions/", interventions.intervention_action, name="intervention_action"),
    path("interventions/<int:pk>/close/", interventions.intervention_close, name="intervention_close"),
    path("interventions/<int:pk>/person/", interventions.intervention_register, name="intervention_register"),
    path("roster/", roster.roster_page, name="roster"),
    path("roster/shifts/new/", roster.shift_new, name="shift_new"),
    path("roster/shifts/<int:pk>/delete/", roster.shift_delete, name="shift_delete"),
    path("roster/shifts/<int:pk>/swap/", roster.swap_offer, name="swap_offer"),
    path("roster/swaps/<int:pk>/", roster.swap_decide, name="swap_decide"),
    path("calendar/", roster.feed_settings, name="feed"),
    path("calendar/<str:secret>.ics", roster.feed_ics, name="feed_ics"),
    path("meetings/", meetings.my_meetings, name="meetings"),
    path("cases/<int:case_pk>/meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("api/v1/", include(_api_urls(), namespace="api")),
]
