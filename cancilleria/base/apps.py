from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    """The shared publishing base: building blocks, template tags, old slugs and preview links."""

    name = "cancilleria.base"
    label = "base"
    verbose_name = _("Base de publicación")

    def ready(self):
        # Django's table of languages lacks Quechua and Aymara; its language tags and
        # template filters (language_name_local…) read this dictionary.
        from django.conf.locale import LANG_INFO

        from .idiomas import INFORMACION_DE_IDIOMAS

        for codigo, informacion in INFORMACION_DE_IDIOMAS.items():
            LANG_INFO.setdefault(codigo, informacion)

        # Search: lookups, SQLite functions and the receivers of every searchable model.
        from django.apps import apps
        from django.db import connections
        from django.db.backends.signals import connection_created
        from django.db.models import CharField, TextField

        from .busqueda import admin, senales, sqlite
        from .busqueda.modelo import Buscable

        CharField.register_lookup(admin.SinAcentos)
        TextField.register_lookup(admin.SinAcentos)

        def registrar(sender, connection, **kwargs):
            if connection.vendor == "sqlite":
                admin.registrar_funcion_sqlite(connection)
                sqlite.registrar_funciones(connection)

        connection_created.connect(registrar, weak=False, dispatch_uid="cancilleria_busqueda")
        for conexion in connections.all(initialized_only=True):
            if conexion.connection is not None:
                registrar(None, conexion)
        for modelo in apps.get_models():
            if issubclass(modelo, Buscable):
                senales.conectar(modelo)

        # The public cache: receivers for writes (apps opt in with vigilar_app) and a new
        # generation after migrate (a schema or data migration changes pages too).
        from django.db.models.signals import post_migrate

        from .cache import escrituras, invalidar

        escrituras.conectar()
        # Sent once per app: listening to ours alone renews once per migrate.
        post_migrate.connect(
            lambda **kwargs: invalidar(),
            sender=self,
            weak=False,
            dispatch_uid="cache_publico_migrar",
        )
