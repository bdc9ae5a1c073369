from django.urls import path

from ostoja.statistics import import_views, review_views, views

app_name = "statistics"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("questionnaire/", views.questionnaire, name="questionnaire"),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:pk>/", views.report, name="report"),
    path("reports/<int:pk>/<str:kind>/", views.report_download, name="report_download"),
    path("categories/", views.categories, name="categories"),
    path("categories/<int:pk>/", views.category_edit, name="category_edit"),
    path("exports/", views.exports, name="exports"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
    path("cases/<int:case_pk>/questionnaire/", review_views.case_questionnaire, name="case_questionnaire"),
    path("imports/", import_views.imports_page, name="imports"),
    path("imports/<int:pk>/", import_views.import_run, name="import_run"),
]
