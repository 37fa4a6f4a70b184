from django.urls import path

app_name = "eventos"
urlpatterns = []
