from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectorioConfig(AppConfig):
    name = "cancilleria.directorio"
    # The label predates the split of the project into floors: tables, migrations,
    # permissions and history all carry it, so it stays.
    label = "cancilleria"
    verbose_name = _("Directorio")

    def ready(self):
        # Names, posts and places show on every public page: writes renew the cache.
        from cancilleria.base.cache import vigilar_app

        vigilar_app(self)
