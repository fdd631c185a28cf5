"""Characters an author cannot see or cannot tell apart, named in French.

A value pasted from Word, a PDF or a web page may carry a zero-width space,
a vertical tab or a Cyrillic « В » that looks like a Latin « B ». The value
is then refused (« « 1 » n'est pas une valeur permise »), and the author sees
nothing wrong. These functions say which character is there and where, so
that the message can be acted on.
"""

from __future__ import annotations

import re
import unicodedata

# The invisible characters met in pasted text, by name.
INVISIBLE = {
    "\u0000": "caractère nul",
    "\u0008": "retour arrière",
    "\u000b": "tabulation verticale",
    "\u000c": "saut de page",
    "\u001b": "caractère d'échappement",
    "\u007f": "caractère de suppression",
    "\u0085": "fin de ligne Unicode",
    "\u00ad": "trait d'union conditionnel",
    "\u200b": "espace de largeur nulle",
    "\u200c": "antiliant sans chasse",
    "\u200d": "liant sans chasse",
    "\u200e": "marque gauche-à-droite",
    "\u200f": "marque droite-à-gauche",
    "\u2028": "séparateur de ligne Unicode",
    "\u2029": "séparateur de paragraphe Unicode",
    "\u2060": "gluon de mots",
    "\ufeff": "indicateur d'ordre des octets",
}
# Characters that reverse the direction of what follows (« Trojan Source »).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Letters of other alphabets that look like Latin ones, and the Latin letter.
LOOK_ALIKES = {
    **dict(zip("АВСЕНІЈКМОРЅТХУаеіјорсѕхуԁԛԜ", "ABCEHIJKMOPSTXYaeijopcsxydqW")),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοινρτυχ", "ABEZHIKMNOPTYXoivptux")),
}
SCRIPTS = {"CYRILLIC": "lettre cyrillique", "GREEK": "lettre grecque",
           "ARMENIAN": "lettre arménienne"}


# Control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) but the
# line break and the tab, direction controls, and the line and paragraph separators:
# one regular expression, so that a long text is checked in one pass.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029"
                      + "".join(sorted(BIDI_CONTROLS)) + "]")


def is_control(character: str) -> bool:
    """A control or direction character, never part of a plan's text (line
    breaks and tabs aside)."""
    return _CONTROL.fullmatch(character) is not None


def has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


def is_invisible(character: str) -> bool:
    return (character in INVISIBLE or character in BIDI_CONTROLS
            or (unicodedata.category(character) in ("Cc", "Cf") and character not in "\n\t"))


def visible(text: str) -> str:
    """``text`` with each invisible character written as its code: « 1[U+200B] »."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(f"[{_code(c)}]" if is_invisible(c) else c for c in text)


def _code(character: str) -> str:
    return f"U+{ord(character):04X}"


def _digit_note(character: str) -> str:
    """A digit of another script (full-width « ５ », Arabic-Indic « ٥ »)."""
    value = unicodedata.digit(character)
    width = unicodedata.east_asian_width(character) == "F"
    kind = "chiffre pleine largeur" if width else "chiffre d'une autre écriture"
    return f"{kind} « {character} » ({_code(character)}), à retaper « {value} » au clavier"


def describe(character: str) -> str:
    """The character in French, and what to do about it; "" for an ordinary one."""
    if character in INVISIBLE:
        return f"{INVISIBLE[character]} ({_code(character)}), invisible, à supprimer"
    if character in BIDI_CONTROLS:
        return (f"caractère qui inverse le sens du texte ({_code(character)}), "
                "invisible, à supprimer")
    if character.isdigit() and not character.isascii():
        return _digit_note(character)
    if character in LOOK_ALIKES:
        script = SCRIPTS.get(unicodedata.name(character, "").split(" ")[0], "lettre")
        return (f"{script} « {character} » ({_code(character)}), qui ressemble à "
                f"« {LOOK_ALIKES[character]} » : la retaper au clavier")
    if unicodedata.category(character) in ("Cc", "Cf", "Co", "Cn", "Cs"):
        return f"caractère invisible ({_code(character)}), à supprimer"
    if unicodedata.category(character) == "Zs" and character not in " \u00a0\u202f":
        return f"espace inhabituelle ({_code(character)}), à remplacer par une espace"
    return ""


def odd_characters(text: str, most: int = 3) -> list:
    """(position from 1, description) of the first ``most`` odd characters."""
    found = []
    for position, character in enumerate(text, start=1):
        if character.isascii() and character.isprintable() or character in "\n\t":
            continue
        description = describe(character)
        if description:
            found.append((position, description))
            if len(found) == most:
                break
    return found


def note(text: str) -> str:
    """« ; la valeur contient : un espace de largeur nulle … (4e caractère) », or ""."""
    found = odd_characters(text)
    if not found:
        return ""
    parts = [f"{description} ({_ordinal(position)} caractère)"
             for position, description in found]
    return " ; la valeur contient : " + " ; ".join(parts)


def _ordinal(position: int) -> str:
    return "1er" if position == 1 else f"{position}e"
