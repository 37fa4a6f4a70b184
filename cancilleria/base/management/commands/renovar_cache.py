from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from cancilleria.base.cache import invalidar


class Command(BaseCommand):
    help = _(
        "Empieza una nueva generación del cache público: cada página se vuelve a construir "
        "en su próxima visita (tras un despliegue o una escritura sin señales)."
    )

    def handle(self, *args, **opciones):
        invalidar()
        self.stdout.write(_g("Cache público renovado."))
