"""The system's errors on files, in French: what happened and what to do.

One table for reading (a data file, a workbook) and one for writing (the
plan's files, the site, a PDF), so that no message ever shows the system's
English text (« Permission denied », « Is a directory »).
"""

from __future__ import annotations

import errno

PROTECTED = ("fichier protégé en écriture",
             "retirer la protection du fichier (Windows : Propriétés, décocher « Lecture "
             "seule ») ou le fermer s'il est ouvert dans un autre programme")
FULL = ("disque plein", "libérer de l'espace sur le disque")
A_FOLDER = ("un dossier porte ce nom", "renommer ou déplacer ce dossier")
IN_THE_WAY = ("un fichier porte le nom d'un des dossiers du chemin",
              "renommer ou déplacer ce fichier")
DISK = ("erreur de lecture ou d'écriture du disque",
        "vérifier le disque, ou travailler dans une copie du dossier sur un autre disque")
BUSY = ("fichier ouvert dans un autre programme", "fermer ce programme")
UNKNOWN_REMEDY = "vérifier le fichier et son dossier"

# Writing: by errno, (cause, what to do).
WRITING = {
    errno.ENOSPC: FULL,
    errno.EDQUOT: ("quota d'espace disque dépassé", "libérer de l'espace sur le disque"),
    errno.EACCES: PROTECTED,
    errno.EPERM: PROTECTED,
    errno.EROFS: ("disque en lecture seule", "travailler dans une copie du dossier sur "
                  "un disque où l'on peut écrire"),
    errno.EISDIR: A_FOLDER,
    errno.ENOTDIR: IN_THE_WAY,
    errno.EEXIST: IN_THE_WAY,
    errno.ENOENT: ("dossier introuvable", "vérifier le chemin du dossier"),
    errno.ENAMETOOLONG: ("nom de fichier trop long", "travailler dans un dossier au "
                         "chemin plus court"),
    errno.EBUSY: BUSY,
    errno.ETXTBSY: BUSY,
    errno.EIO: DISK,
}

# Reading: by errno, (cause, what to do).
READING = {
    errno.EACCES: ("lecture refusée par les droits d'accès du fichier",
                   "donner le droit de lecture sur ce fichier (Windows : Propriétés › "
                   "Sécurité), ou le recopier"),
    errno.EPERM: ("lecture refusée par les droits d'accès du fichier",
                  "donner le droit de lecture sur ce fichier (Windows : Propriétés › "
                  "Sécurité), ou le recopier"),
    errno.EISDIR: ("c'est un dossier, pas un fichier",
                   "renommer ce dossier ; le fichier de l'étape doit être un fichier"),
    errno.ENOENT: ("fichier introuvable", "vérifier son nom et son dossier"),
    errno.ELOOP: ("lien qui renvoie à lui-même", "remplacer ce lien par le fichier "
                  "lui-même"),
    errno.ENAMETOOLONG: ("nom de fichier trop long", "travailler dans un dossier au "
                         "chemin plus court"),
    errno.EBUSY: BUSY,
    errno.EIO: DISK,
}


def _unknown(error: OSError) -> tuple:
    code = errno.errorcode.get(error.errno or 0)
    return (f"erreur du système ({code})" if code else "erreur du système",
            UNKNOWN_REMEDY)


def writing_cause(error: OSError) -> tuple:
    """(French cause, what to do) of an error while writing a file."""
    return WRITING.get(error.errno) or _unknown(error)


def reading_cause(error: OSError) -> tuple:
    """(French cause, what to do) of an error while reading a file."""
    return READING.get(error.errno) or _unknown(error)
