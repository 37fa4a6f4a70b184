"""Keep `relacionados` right: receivers derived from each model's configuration.

For every relation path of a searchable model (e.g. "temas",
"colaboraciones__organizacion"), the rows to refresh are found from the first step
(an m2m link, or a row pointing at the item) and from the last (a renamed entry).
"""

from django.db.models import ManyToManyField, ManyToManyRel
from django.db.models.signals import m2m_changed, post_delete, post_save

from .modelo import actualizar_relacionados


def _modelo_final(modelo, ruta):
    for paso in ruta.split("__"):
        modelo = modelo._meta.get_field(paso).related_model
    return modelo


def _al_cambiar_enlaces(modelo, nombre):
    marca = f"_busqueda_{modelo._meta.label_lower}_{nombre}"

    def receptor(instance, action, reverse, pk_set, **kwargs):
        if action == "pre_clear" and reverse:
            # After the clear the links are gone: remember whom they pointed at.
            vinculados = modelo._base_manager.filter(**{nombre: instance})
            setattr(instance, marca, list(vinculados.values_list("pk", flat=True)))
        elif action in ("post_add", "post_remove", "post_clear"):
            if not reverse:
                pks = [instance.pk]
            else:
                pks = getattr(instance, marca, []) if action == "post_clear" else pk_set
            actualizar_relacionados(modelo, pks or [])

    return receptor


def _al_cambiar_parte(modelo, campo):
    def receptor(instance, raw=False, **kwargs):
        # A row pointing at the item (a speaker, a collaboration) changed or went away.
        if not raw and getattr(instance, campo):
            actualizar_relacionados(modelo, [getattr(instance, campo)])

    return receptor


def _al_renombrar(modelo, ruta):
    def receptor(instance, created, raw=False, **kwargs):
        # A new entry has no links yet; fixtures (raw) are loaded as they are.
        if not created and not raw:
            pks = modelo._base_manager.filter(**{ruta: instance}).values_list("pk", flat=True)
            actualizar_relacionados(modelo, pks.distinct())

    return receptor


def conectar(modelo):
    """Connect the receivers of one searchable model (called from BaseConfig.ready)."""
    etiqueta = modelo._meta.label_lower
    for ruta in modelo.configuracion_busqueda.relacionados:
        nombre = ruta.split("__")[0]
        campo = modelo._meta.get_field(nombre)
        uid = f"busqueda_{etiqueta}_{ruta}"
        if isinstance(campo, ManyToManyField | ManyToManyRel):
            through = getattr(campo, "through", None) or campo.remote_field.through
            receptor = _al_cambiar_enlaces(modelo, nombre)
            m2m_changed.connect(receptor, sender=through, weak=False, dispatch_uid=uid)
        else:
            receptor = _al_cambiar_parte(modelo, campo.field.attname)
            for i, senal in enumerate((post_save, post_delete)):
                senal.connect(
                    receptor, sender=campo.related_model, weak=False, dispatch_uid=f"{uid}_{i}"
                )
        final = _modelo_final(modelo, ruta)
        post_save.connect(
            _al_renombrar(modelo, ruta), sender=final, weak=False, dispatch_uid=f"{uid}_nombre"
        )
