"""The press office's roles in the admin, through the same POSTs a browser sends."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from cancilleria.base.models import Estado
from comunicados.models import Comunicado
from tests.consultas import presupuesto_constante
from tests.factories import ComunicadoFactory, TemaFactory
from tests.formularios import datos_de_formulario
from tests.usuarios import ADMINISTRADOR, EDITOR, PERSONAL, REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db

LISTA = "/admin/comunicados/comunicado/"
ALTA = LISTA + "add/"
PUEDEN_EDITAR = {REDACTOR, EDITOR, ADMINISTRADOR}
PUEDEN_PUBLICAR = {EDITOR, ADMINISTRADOR}


def url_edicion(comunicado):
    return f"{LISTA}{comunicado.pk}/change/"


def formulario(client, url):
    """Return what the browser would post from the form at `url` (any role that can see it)."""
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    return datos_de_formulario(respuesta.content, "comunicado_form")


def con_fecha(datos, fecha):
    local = timezone.localtime(fecha)
    datos["fecha_publicacion_0"] = [local.strftime("%Y-%m-%d")]
    datos["fecha_publicacion_1"] = [local.strftime("%H:%M:%S")]
    return datos


def instantanea(comunicado):
    comunicado.refresh_from_db()
    return (comunicado.estado, comunicado.fecha_publicacion, comunicado.titulo_es)


@pytest.fixture
def borrador():
    return ComunicadoFactory(
        estado=Estado.BORRADOR, fecha_publicacion=None, titulo_es="Borrador original"
    )


@pytest.fixture
def publicado():
    return ComunicadoFactory(titulo_es="Publicado original")


def entrar(client, rol):
    usuario = crear_usuario(rol)
    client.force_login(usuario)
    return usuario


# -- view ---------------------------------------------------------------------------


@pytest.mark.parametrize("rol", [REDACTOR, EDITOR, PERSONAL, ADMINISTRADOR])
def test_todos_los_roles_ven_la_lista_y_la_ficha(client, rol, publicado):
    """Every role can open the change list and the change form (read-only for some)."""
    entrar(client, rol)
    assert client.get(LISTA).status_code == 200
    assert client.get(url_edicion(publicado)).status_code == 200


def test_un_usuario_sin_rol_no_ve_nada(client, publicado):
    """Staff without a role get 403 on the release list."""
    client.force_login(User.objects.create_user("nadie", is_staff=True))
    assert client.get(LISTA).status_code == 403


# -- create -------------------------------------------------------------------------


@pytest.mark.parametrize("rol", [REDACTOR, EDITOR, PERSONAL, ADMINISTRADOR])
def test_crear(client, rol):
    """Writers, editors and admins create drafts; read-only staff get 403 and nothing is made."""
    entrar(client, rol)
    if rol not in PUEDEN_EDITAR:
        assert client.get(ALTA).status_code == 403
        assert client.post(ALTA, {"titulo_es": "Nuevo", "slug": "nuevo"}).status_code == 403
        assert not Comunicado.objects.exists()
        return
    datos = formulario(client, ALTA)
    datos.update(titulo_es=["Nuevo comunicado"], slug=["nuevo-comunicado"])
    respuesta = client.post(ALTA, datos)
    assert respuesta.status_code == 302, respuesta.context and respuesta.context["errors"]
    creado = Comunicado.objects.get(slug="nuevo-comunicado")
    assert creado.estado == Estado.BORRADOR
    assert creado.creado_por.groups.get().name == rol


def test_crear_no_publica_aunque_se_envie_el_estado(client):
    """An editor's new release starts as a draft even if the POST says 'publicado'."""
    entrar(client, EDITOR)
    datos = formulario(client, ALTA)
    datos.update(titulo_es=["Nuevo"], slug=["nuevo"], estado=["publicado"])
    assert client.post(ALTA, datos).status_code == 302
    assert Comunicado.objects.get(slug="nuevo").estado == Estado.BORRADOR


# -- edit ---------------------------------------------------------------------------


@pytest.mark.parametrize("rol", [REDACTOR, EDITOR, PERSONAL, ADMINISTRADOR])
def test_editar_un_borrador(client, rol, borrador):
    """Everyone but read-only staff can edit a draft."""
    entrar(client, rol)
    url = url_edicion(borrador)
    datos = formulario(client, url)
    datos["titulo_es"] = ["Título corregido"]
    respuesta = client.post(url, datos)
    borrador.refresh_from_db()
    if rol in PUEDEN_EDITAR:
        assert respuesta.status_code == 302
        assert borrador.titulo_es == "Título corregido"
    else:
        assert respuesta.status_code == 403
        assert borrador.titulo_es == "Borrador original"


@pytest.mark.parametrize("rol", [REDACTOR, EDITOR, PERSONAL, ADMINISTRADOR])
def test_editar_lo_publicado(client, rol, publicado):
    """Only editors and admins change a published release; a writer gets 403."""
    entrar(client, rol)
    url = url_edicion(publicado)
    datos = formulario(client, url)
    datos["titulo_es"] = ["Cambiado sin revisión"]
    antes = instantanea(publicado)
    respuesta = client.post(url, datos)
    if rol in PUEDEN_PUBLICAR:
        assert respuesta.status_code == 302
        assert instantanea(publicado)[2] == "Cambiado sin revisión"
    else:
        assert respuesta.status_code == 403
        assert instantanea(publicado) == antes


def test_el_redactor_no_ve_campos_de_publicacion_editables(client, borrador):
    """For a writer, state and publication date are read-only (not in the form)."""
    entrar(client, REDACTOR)
    datos = formulario(client, url_edicion(borrador))
    assert "estado" not in datos
    assert "fecha_publicacion_0" not in datos


@pytest.mark.parametrize(
    "campos",
    [
        {"estado": ["publicado"]},
        {"fecha_publicacion_0": ["2020-01-01"], "fecha_publicacion_1": ["10:00:00"]},
    ],
)
def test_post_manipulado_con_campos_de_publicacion_da_403(client, borrador, campos):
    """A writer's crafted POST with estado or fecha_publicacion is refused; nothing changes."""
    entrar(client, REDACTOR)
    url = url_edicion(borrador)
    datos = formulario(client, url)
    datos.update(campos, titulo_es=["Colado"])
    antes = instantanea(borrador)
    assert client.post(url, datos).status_code == 403
    assert instantanea(borrador) == antes


# -- submit, publish, schedule, withdraw (change-form buttons) ------------------------


@pytest.mark.parametrize("rol", [REDACTOR, EDITOR, PERSONAL, ADMINISTRADOR])
def test_enviar_a_revision(client, rol, borrador):
    """The 'Enviar a revisión' button moves a draft to review for all who can edit."""
    entrar(client, rol)
    url = url_edicion(borrador)
    datos = formulario(client, url)
    datos["_enviar_a_revision"] = ["1"]
    antes = instantanea(borrador)
    respuesta = client.post(url, datos)
    if rol in PUEDEN_EDITAR:
        assert respuesta.status_code == 302
        assert instantanea(borrador)[0] == Estado.EN_REVISION
    else:
        assert respuesta.status_code == 403
        assert instantanea(borrador) == antes


@pytest.mark.parametrize("rol", [REDACTOR, EDITOR, PERSONAL, ADMINISTRADOR])
def test_publicar_ahora(client, rol, borrador):
    """'Publicar ahora' works for editors and admins; for others 403 and the edit is undone."""
    entrar(client, rol)
    url = url_edicion(borrador)
    datos = formulario(client, url)
    datos.update(titulo_es=["Cambio junto a la publicación"], _publicar_ahora=["1"])
    antes = instantanea(borrador)
    respuesta = client.post(url, datos)
    if rol in PUEDEN_PUBLICAR:
        assert respuesta.status_code == 302
        borrador.refresh_from_db()
        assert borrador.es_publico
        assert borrador.titulo_es == "Cambio junto a la publicación"
    else:
        assert respuesta.status_code == 403
        assert instantanea(borrador) == antes


@pytest.mark.parametrize("rol", [REDACTOR, EDITOR, PERSONAL, ADMINISTRADOR])
def test_programar(client, rol, borrador):
    """'Programar' with a future date schedules for editors; others get 403."""
    entrar(client, rol)
    url = url_edicion(borrador)
    datos = con_fecha(formulario(client, url), timezone.now() + timedelta(days=2))
    datos["_programar"] = ["1"]
    antes = instantanea(borrador)
    respuesta = client.post(url, datos)
    if rol in PUEDEN_PUBLICAR:
        assert respuesta.status_code == 302
        borrador.refresh_from_db()
        assert borrador.esta_programado
        assert not Comunicado.objects.publicados().filter(pk=borrador.pk).exists()
    else:
        assert respuesta.status_code == 403
        assert instantanea(borrador) == antes


def test_programar_sin_fecha_futura_da_error_y_conserva_lo_escrito(client, borrador):
    """Scheduling with a past date shows a form error and keeps the typed text."""
    entrar(client, EDITOR)
    url = url_edicion(borrador)
    datos = con_fecha(formulario(client, url), timezone.now() - timedelta(days=1))
    datos.update(titulo_es=["Texto que no se pierde"], _programar=["1"])
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 200
    assert "fecha y hora futuras" in respuesta.content.decode()
    assert "Texto que no se pierde" in respuesta.content.decode()
    assert instantanea(borrador)[0] == Estado.BORRADOR


def test_quitar_la_fecha_a_lo_publicado_da_error(client, publicado):
    """An editor who blanks the date of a published release gets a form error, not a 500."""
    entrar(client, EDITOR)
    url = url_edicion(publicado)
    datos = formulario(client, url)
    datos.update(fecha_publicacion_0=[""], fecha_publicacion_1=[""])
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 200
    assert "Retirar" in respuesta.content.decode()
    assert instantanea(publicado)[1] is not None


@pytest.mark.parametrize("rol", [REDACTOR, EDITOR, PERSONAL, ADMINISTRADOR])
def test_retirar(client, rol, publicado):
    """'Retirar' leads editors to the reason form and withdraws; others get 403."""
    entrar(client, rol)
    url = url_edicion(publicado)
    datos = formulario(client, url)
    datos["_retirar"] = ["1"]
    antes = instantanea(publicado)
    respuesta = client.post(url, datos)
    if rol in PUEDEN_PUBLICAR:
        url_retiro = f"{LISTA}{publicado.pk}/retirar/"
        assert respuesta.status_code == 302
        assert respuesta["Location"] == url_retiro
        assert instantanea(publicado)[0] == Estado.PUBLICADO
        respuesta = client.post(url_retiro, {"motivo_es": "Cifras corregidas."})
        assert respuesta.status_code == 302
        assert instantanea(publicado)[0] == Estado.RETIRADO
        assert publicado.motivo_retiro_es == "Cifras corregidas."
    else:
        assert respuesta.status_code == 403
        assert instantanea(publicado) == antes
        retiro = client.post(f"{LISTA}{publicado.pk}/retirar/", {"motivo_es": "x"})
        assert retiro.status_code == 403
        assert instantanea(publicado) == antes


def test_los_botones_dependen_del_rol(client, borrador):
    """A writer sees 'Enviar a revisión' only; an editor also sees publish and schedule."""
    entrar(client, REDACTOR)
    html = client.get(url_edicion(borrador)).content.decode()
    assert 'name="_enviar_a_revision"' in html
    assert 'name="_publicar_ahora"' not in html
    client.force_login(crear_usuario(EDITOR))
    html = client.get(url_edicion(borrador)).content.decode()
    assert 'name="_publicar_ahora"' in html
    assert 'name="_programar"' in html
    assert "America/Lima" in html


# -- delete ---------------------------------------------------------------------------


@pytest.mark.parametrize("rol", [REDACTOR, EDITOR, PERSONAL, ADMINISTRADOR])
def test_borrar(client, rol, borrador):
    """Only the Administrador role deletes; the others withdraw instead (403)."""
    entrar(client, rol)
    url = f"{LISTA}{borrador.pk}/delete/"
    respuesta = client.post(url, {"post": "yes"})
    if rol == ADMINISTRADOR:
        assert respuesta.status_code == 302
        assert not Comunicado.objects.filter(pk=borrador.pk).exists()
    else:
        assert respuesta.status_code == 403
        assert Comunicado.objects.filter(pk=borrador.pk).exists()


# -- bulk actions ---------------------------------------------------------------------


def accion(client, nombre, *objetos):
    return client.post(LISTA, {"action": nombre, "_selected_action": [str(o.pk) for o in objetos]})


@pytest.mark.parametrize("rol", [REDACTOR, EDITOR, PERSONAL, ADMINISTRADOR])
def test_publicar_en_bloque(client, rol, borrador):
    """Bulk publishing is offered to editors only; a crafted bulk POST from others is 403."""
    entrar(client, rol)
    formulario_acciones = client.get(LISTA).context["action_form"]
    acciones = formulario_acciones.fields["action"].choices if formulario_acciones else []
    nombres = {valor for valor, _etiqueta in acciones}
    respuesta = accion(client, "publicar_seleccionados", borrador)
    borrador.refresh_from_db()
    if rol in PUEDEN_PUBLICAR:
        assert {"publicar_seleccionados", "retirar_seleccionados"} <= nombres
        assert respuesta.status_code == 302
        assert borrador.es_publico
    else:
        assert "publicar_seleccionados" not in nombres
        assert respuesta.status_code == 403
        assert borrador.estado == Estado.BORRADOR


@pytest.mark.parametrize("rol", [REDACTOR, EDITOR, PERSONAL, ADMINISTRADOR])
def test_retirar_en_bloque(client, rol, publicado):
    """Bulk withdrawing is for editors only, and asks for the public reason first."""
    entrar(client, rol)
    respuesta = accion(client, "retirar_seleccionados", publicado)
    publicado.refresh_from_db()
    assert publicado.estado == Estado.PUBLICADO
    if rol in PUEDEN_PUBLICAR:
        assert respuesta.status_code == 200
        assert "Motivo público" in respuesta.content.decode()
        datos = {
            "action": "retirar_seleccionados",
            "_selected_action": [str(publicado.pk)],
            "confirmar_retiro": "1",
        }
        sin_motivo = client.post(LISTA, datos)
        assert sin_motivo.status_code == 200
        assert "Este campo es obligatorio" in sin_motivo.content.decode()
        client.post(LISTA, {**datos, "motivo_es": "Duplicado."})
        publicado.refresh_from_db()
        assert publicado.estado == Estado.RETIRADO
        assert publicado.motivo_retiro_es == "Duplicado."
    else:
        assert respuesta.status_code == 403


def test_enviar_a_revision_en_bloque(client, borrador):
    """A writer can submit several drafts at once."""
    entrar(client, REDACTOR)
    otro = ComunicadoFactory(estado=Estado.BORRADOR, fecha_publicacion=None)
    assert accion(client, "enviar_seleccionados_a_revision", borrador, otro).status_code == 302
    assert set(Comunicado.objects.values_list("estado", flat=True)) == {Estado.EN_REVISION}


# -- change list ----------------------------------------------------------------------


def test_la_lista_distingue_programados_y_muestra_idiomas(client):
    """The change list says 'Programado' for a future publication and which languages are done."""
    ComunicadoFactory(
        titulo_es="Futuro",
        fecha_publicacion=timezone.now() + timedelta(days=1),
        resumen_es="r",
        cuerpo_es="<p>c</p>",
    )
    entrar(client, EDITOR)
    html = client.get(LISTA).content.decode()
    assert "estado--programado" in html
    assert "idioma--completo" in html
    assert "idioma--incompleto" in html


def test_filtro_de_estado_programado_con_recuentos(client):
    """The state filter tells scheduled from public and shows facet counts."""
    programado = ComunicadoFactory(fecha_publicacion=timezone.now() + timedelta(days=1))
    ComunicadoFactory()
    entrar(client, EDITOR)
    respuesta = client.get(LISTA, {"estado": "programado"})
    assert list(respuesta.context["cl"].result_list) == [programado]
    assert "(1)" in respuesta.content.decode()


def test_la_busqueda_encuentra_por_titulo_en_ingles(client):
    """Search covers the English title."""
    buscado = ComunicadoFactory(titulo_en="Trafficking seminar")
    ComunicadoFactory(titulo_en="Other")
    entrar(client, EDITOR)
    respuesta = client.get(LISTA, {"q": "trafficking"})
    assert list(respuesta.context["cl"].result_list) == [buscado]


@pytest.mark.parametrize(("filtro", "cuantos"), [("estado=nada", 1), ("tipo=nada", 0)])
def test_filtros_invalidos_no_dan_500(client, filtro, cuantos):
    """An unknown state is ignored (the whole list); an unknown type lists nothing."""
    ComunicadoFactory()
    entrar(client, EDITOR)
    respuesta = client.get(f"{LISTA}?{filtro}")
    assert respuesta.status_code == 200
    assert len(respuesta.context["cl"].result_list) == cuantos


def test_filtro_malformado_redirige_con_aviso(client):
    """A malformed date is Django admin's redirect to the unfiltered list with ?e=1."""
    entrar(client, EDITOR)
    respuesta = client.get(f"{LISTA}?fecha_publicacion__gte=mal")
    assert respuesta.status_code == 302
    assert respuesta["Location"].endswith("?e=1")


def _lista_con(n):
    Comunicado.objects.all().delete()
    temas = [TemaFactory() for _ in range(2)]
    for _ in range(n):
        ComunicadoFactory().temas.set(temas)
    return LISTA


def test_la_lista_no_crece_en_consultas_con_las_filas(client):
    """The change list runs the same number of queries with 3 rows as with 30."""
    entrar(client, EDITOR)
    presupuesto_constante(client, _lista_con)


# -- parts of a release, in their own admin -------------------------------------------


@pytest.mark.parametrize(("rol", "puede"), [(REDACTOR, False), (EDITOR, True)])
def test_las_cifras_de_lo_publicado_siguen_a_su_comunicado(client, rol, puede, publicado):
    """A writer cannot change a published release's figure through the figures admin."""
    from tests.factories import CifraFactory

    cifra = CifraFactory(comunicado=publicado, descripcion="original")
    entrar(client, rol)
    url = f"/admin/comunicados/cifra/{cifra.pk}/change/"
    respuesta = client.get(url)
    datos = datos_de_formulario(respuesta.content, "cifra_form")
    datos["descripcion_es"] = ["cambiada"]
    respuesta = client.post(url, datos)
    cifra.refresh_from_db()
    if puede:
        assert respuesta.status_code == 302
        assert cifra.descripcion_es == "cambiada"
    else:
        assert respuesta.status_code == 403
        assert cifra.descripcion_es == "original"
        assert (
            client.post(f"/admin/comunicados/cifra/{cifra.pk}/delete/", {"post": "yes"}).status_code
            == 403
        )
