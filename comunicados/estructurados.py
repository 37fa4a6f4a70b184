"""schema.org NewsArticle data (JSON-LD) for a release page."""

from django.utils.html import strip_tags

from cancilleria.base.estructurados import ministerio, recortar


def _organizacion(organizacion):
    datos = {"@type": "Organization", "name": organizacion.nombre}
    if organizacion.sigla:
        datos["alternateName"] = organizacion.sigla
    if organizacion.sitio_web:
        datos["url"] = organizacion.sitio_web
    if organizacion.pais:
        datos["address"] = {"@type": "PostalAddress", "addressCountry": organizacion.pais.code}
    return datos


def _autores(comunicado):
    """Return the ministry, or the ministry and the co-signatories in their order."""
    cofirmantes = [c.organizacion for c in comunicado.cofirmantes.all()]
    if not cofirmantes:
        return ministerio()
    return [ministerio(), *(_organizacion(o) for o in cofirmantes)]


def comunicado(comunicado, url, *, url_imagen=None, idioma="es", url_logo=None):
    datos = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": recortar(comunicado.titulo),
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": idioma,
        "datePublished": comunicado.fecha_publicacion.isoformat(),
        "dateModified": comunicado.actualizado.isoformat(),
        "author": _autores(comunicado),
        "publisher": ministerio(url_logo),
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
