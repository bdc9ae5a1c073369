from django.urls import path

from ostoja.cases.views import cases, erasure, persons

app_name = "cases"

urlpatterns = [
    path("people/search/", persons.person_search, name="person_search"),
    path("people/audit-search/", persons.audit_person_search, name="audit_person_search"),
    path("people/new/", persons.person_register, name="person_register"),
    path("people/<int:pk>/", persons.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", persons.person_edit, name="person_edit"),
    path("people/<int:pk>/protocol/", persons.protocol_edit, name="protocol_edit"),
    path("people/<int:pk>/channels/new/", persons.channel_add, name="channel_add"),
    path("people/<int:pk>/photo/", persons.photo, name="photo"),
    path("people/<int:pk>/photo/upload/", persons.photo_upload, name="photo_upload"),
    path("people/<int:pk>/documents/new/", persons.document_add, name="document_add"),
    path("people/<int:pk>/merge/", persons.person_merge, name="person_merge"),
    path("people/<int:pk>/erase/", erasure.person_erase, name="person_erase"),
    path("people/<int:person_pk>/cases/new/", cases.case_open, name="case_open"),
    path("cases/", cases.case_list, name="case_list"),
    path("cases/workload/", cases.workload, name="workload"),
    path("cases/<int:pk>/", cases.case_detail, name="case_detail"),
    path("cases/<int:pk>/edit/", cases.case_edit, name="case_edit"),
    path("cases/<int:pk>/close/", cases.case_close, name="case_close"),
    path("cases/<int:pk>/reopen/", cases.case_reopen, name="case_reopen"),
    path("cases/<int:pk>/notes/", cases.note_add, name="note_add"),
    path("cases/<int:pk>/break-glass/", cases.break_glass, name="break_glass"),
    path("cases/<int:pk>/break-glass/end/", cases.break_glass_end, name="break_glass_end"),
]
