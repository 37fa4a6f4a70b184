from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Suscripcion


class SuscripcionForm(forms.Form):
    correo = forms.EmailField(
        label=_("Su correo electrónico"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frecuencia = forms.ChoiceField(
        label=_("¿Cuándo quiere recibirlas?"),
        choices=Suscripcion.Frecuencia.choices,
        initial=Suscripcion.Frecuencia.INMEDIATA,
        widget=forms.RadioSelect,
    )
