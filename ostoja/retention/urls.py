from django.urls import path

from ostoja.retention import views

app_name = "retention"

urlpatterns = [
    path("", views.review_list, name="review_list"),
    path("<int:pk>/", views.review_item, name="review_item"),
    path("people/<int:person_pk>/copy/", views.copies, name="copies"),
    path("copies/<int:pk>/download/", views.copy_download, name="copy_download"),
]
