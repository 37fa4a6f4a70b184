from django.urls import path

app_name = "comunicados"
urlpatterns = []
