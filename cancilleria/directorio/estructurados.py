"""schema.org data (JSON-LD) for the directory: organisations and people."""


def organizacion(org, url):
    datos = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": org.nombre,
        "url": url,
    }
    if org.sigla:
        datos["alternateName"] = org.sigla
    if org.sitio_web:
        datos["sameAs"] = [org.sitio_web]
    if org.padre_id:
        datos["parentOrganization"] = {"@type": "Organization", "name": org.padre.nombre}
    return datos


def persona(persona, url, cargos=()):
    datos = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": persona.nombre,
        "url": url,
    }
    if persona.tratamiento:
        datos["honorificPrefix"] = persona.tratamiento
    vigentes = [c for c in cargos if c.hasta is None]
    if vigentes:
        datos["jobTitle"] = vigentes[0].titulo
        datos["worksFor"] = {"@type": "Organization", "name": vigentes[0].organizacion.nombre}
    return datos
