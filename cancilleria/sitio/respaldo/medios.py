"""The media half: MEDIA_ROOT packed into a tar with each file's sha256, and unpacked."""

import hashlib
import tarfile

from .comun import ErrorRespaldo


class _LectorConSuma:
    """Hash exactly the bytes tarfile reads, so the manifest describes the archive."""

    def __init__(self, archivo):
        self.archivo = archivo
        self.suma = hashlib.sha256()

    def read(self, tamano=-1):
        datos = self.archivo.read(tamano)
        self.suma.update(datos)
        return datos


def empaquetar_media(raiz, destino):
    archivos = []
    with tarfile.open(destino, "w", format=tarfile.PAX_FORMAT) as tar:
        if not raiz.is_dir():
            return archivos
        for ruta in sorted(p for p in raiz.rglob("*") if p.is_file() and not p.is_symlink()):
            relativa = ruta.relative_to(raiz).as_posix()
            with open(ruta, "rb") as archivo:
                info = tar.gettarinfo(fileobj=archivo, arcname=relativa)
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                lector = _LectorConSuma(archivo)
                tar.addfile(info, lector)
            archivos.append(
                {"ruta": relativa, "tamano": info.size, "sha256": lector.suma.hexdigest()}
            )
    return archivos


def extraer_media(tar_ruta, raiz):
    raiz.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(tar_ruta) as tar:
            # The "data" filter refuses absolute paths, "..", links out of raiz and devices.
            tar.extractall(raiz, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise ErrorRespaldo(f"No se pudo extraer {tar_ruta}: {error}") from None
