from django.urls import path

from ostoja.casefiles import views

app_name = "casefiles"

urlpatterns = [
    path("cases/<int:case_pk>/attachments/", views.attachments, name="attachments"),
    path("cases/<int:case_pk>/attachments/new/", views.attachment_new, name="attachment_new"),
    path("attachments/<int:pk>/download/", views.attachment_download, name="attachment_download"),
    path("cases/<int:case_pk>/documents/", views.documents, name="documents"),
    path("cases/<int:case_pk>/documents/new/", views.document_new, name="document_new"),
    path("documents/<int:pk>/", views.document_edit, name="document_edit"),
    path("cases/<int:case_pk>/summary/", views.case_summary, name="summary"),
]
