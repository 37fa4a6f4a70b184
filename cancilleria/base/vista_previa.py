"""Staff preview of items the public cannot see yet: the public template with a banner."""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers


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
