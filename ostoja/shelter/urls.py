from django.urls import path

from ostoja.shelter import views

app_name = "shelter"

urlpatterns = [
    path("cases/<int:case_pk>/", views.placements, name="placements"),
    path("cases/<int:case_pk>/new/", views.placement_new, name="placement_new"),
    path("stays/<int:pk>/", views.placement_edit, name="placement_edit"),
    path("stays/<int:pk>/address/", views.reveal, name="reveal"),
    path("tonight/", views.occupancy, name="occupancy"),
    path("places/", views.places, name="places"),
    path("places/new/", views.place_edit, name="place_new"),
    path("places/<int:pk>/", views.place_edit, name="place_edit"),
]
