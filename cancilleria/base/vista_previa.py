"""Previews of items the public cannot see yet: the public template with a banner.

Staff see any item at `…/<slug>/vista-previa/`; anyone with a shared link (signed,
expiring, revocable: `EnlaceVistaPrevia`) sees one item at `/vista-previa/<token>/`.
Neither is cached (the page cache skips `vista-previa` paths) nor indexed.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .detalle import respuesta_gone
from .models import EnlaceVistaPrevia


class VistaPreviaMixin:
    """Turn a public detail view into its staff-only preview.

    Anyone who is not active staff with the view permission gets the same 404 as for a
    missing item; the answer is never cached and never indexed.
    """

    def dispatch(self, request, *args, **kwargs):
        opciones = self.model._meta
        usuario = request.user
        if not (
            usuario.is_active
            and usuario.is_staff
            and usuario.has_perm(f"{opciones.app_label}.view_{opciones.model_name}")
        ):
            raise Http404
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_base_queryset(self):
        return self.model._default_manager.all()

    def get_template_names(self):
        opciones = self.model._meta
        return [f"{opciones.app_label}/{opciones.model_name}_vista_previa.html"]

    def get_context_data(self, **kwargs):
        # The public view builds structured data that needs a date; a draft has none yet.
        sin_fecha = self.object.fecha_publicacion is None
        if sin_fecha:
            self.object.fecha_publicacion = timezone.now()
        context = super().get_context_data(**kwargs)
        if sin_fecha:
            self.object.fecha_publicacion = None
        # Not for search engines: no structured data in a preview.
        context.pop("datos_estructurados", None)
        opciones = self.model._meta
        context["vista_previa"] = {
            "estado": self.object.estado_visible[1],
            "url_edicion": reverse(
                f"admin:{opciones.app_label}_{opciones.model_name}_change", args=[self.object.pk]
            ),
        }
        return context


# -- shared preview links (/vista-previa/<token>/) ---------------------------------

# Model -> view that renders it from a link; each app registers its own (floors: base
# does not import them).
_VISTAS_COMPARTIDAS = {}


def registrar_vista_compartida(modelo, vista):
    """Say which view shows `modelo` through a shared preview link."""
    _VISTAS_COMPARTIDAS[modelo] = vista.as_view()


class VistaPreviaCompartidaMixin(VistaPreviaMixin):
    """Turn a public detail view into the page a shared preview link opens, for anyone."""

    def dispatch(self, request, *args, **kwargs):
        # The link is the permission: no staff check (VistaPreviaMixin's), same headers.
        response = super(VistaPreviaMixin, self).dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["vista_previa"] = {
            "estado": self.object.estado_visible[1],
            "expira": self.kwargs["enlace"].expira,
            "compartida": True,
        }
        return context


def _gone(request, mensaje):
    response = respuesta_gone(
        request, titulo=_("Este enlace de vista previa ya no funciona"), mensaje=mensaje
    )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def vista_previa_compartida(request, token):
    """Show the item behind a signed preview link; 410 once revoked or expired."""
    clave = EnlaceVistaPrevia.clave_de(token)
    enlace = EnlaceVistaPrevia.objects.filter(clave=clave).first() if clave else None
    if enlace is None:
        raise Http404
    if enlace.revocado_en is not None:
        return _gone(
            request, _("Quien lo compartió lo revocó. Pida un enlace nuevo si lo necesita.")
        )
    if enlace.expira <= timezone.now():
        return _gone(
            request,
            _("Venció el %(fecha)s. Pida un enlace nuevo a quien se lo compartió.")
            % {"fecha": date_format(timezone.localtime(enlace.expira), "DATETIME_FORMAT")},
        )
    modelo = ContentType.objects.get_for_id(enlace.content_type_id).model_class()
    vista = _VISTAS_COMPARTIDAS.get(modelo)
    if vista is None:
        raise Http404
    return vista(request, pk=enlace.object_id, enlace=enlace)
