"""schema.org NewsArticle data (JSON-LD) for a release page."""

from django.utils.html import strip_tags


def comunicado(comunicado, url, *, url_imagen=None, idioma="es"):
    datos = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": comunicado.titulo[:110],
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": idioma,
        "datePublished": comunicado.fecha_publicacion.isoformat(),
        "dateModified": comunicado.actualizado.isoformat(),
        "author": {"@type": "Organization", "name": "Ministerio de Relaciones Exteriores del Perú"},
        "publisher": {
            "@type": "Organization",
            "name": "Ministerio de Relaciones Exteriores del Perú",
        },
        "articleSection": comunicado.get_tipo_display(),
        "keywords": [tema.nombre for tema in comunicado.temas.all()],
    }
    descripcion = comunicado.resumen or comunicado.bajada
    if descripcion:
        datos["description"] = strip_tags(descripcion)
    if comunicado.lugar:
        datos["dateline"] = comunicado.lugar
    if url_imagen:
        datos["image"] = [url_imagen]
    if comunicado.evento_publico:
        datos["about"] = {"@type": "Event", "name": comunicado.evento_publico.nombre}
    return datos
