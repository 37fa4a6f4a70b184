from django.urls import path

app_name = "cancilleria"
urlpatterns = []
