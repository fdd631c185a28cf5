"""Settings of the site that come from the territory's data, not mkdocs.yml.

A territory never edits the template's configuration: its name, the site's
address and description are read from ``territoire.yml``, and the view
(``views.py``: the template's site, the territory's, or the preview) gives
the navigation and the banner.
"""

from __future__ import annotations

from markupsafe import escape

from . import views

DEFAULT_NAME = "Plan numérique territorial"


def site_name(territory: dict) -> str:
    name = territory.get("nom")
    return f"{DEFAULT_NAME} — {name}" if name else DEFAULT_NAME


PREVIEW_BANNER = ("Aperçu pour l'équipe du plan : cette version montre l'aide, les "
                  "avertissements et ce qui manque ; le site publié ne les montre pas.")


def banner(loaded, territory: dict, view=views.TEMPLATE) -> str:
    """What every page says first: the preview, then what the public site says."""
    public = _public_banner(loaded, territory)
    if view.is_preview:
        return f"{PREVIEW_BANNER} {public}".strip()
    return public


def _public_banner(loaded, territory: dict) -> str:
    if loaded.is_example or territory.get("fictif"):
        return ("Exemple fictif : ce territoire et ses données sont inventés pour "
                "montrer un plan complet.")
    # « publié » (adoption not known) or « inconnu »: no banner says it is not adopted.
    if territory and territory.get("statut") == "brouillon":
        return "Projet de plan : ce document n'est pas encore adopté."
    return ""


def report_years(loaded) -> list:
    """The years that get a « Rapport annuel » page (none while the data has errors)."""
    from ..plan.index import PlanIndex
    from ..plan.yearly import report_years as years_of

    if loaded.errors:
        return []
    return years_of(PlanIndex(loaded.data))


def apply(config, loaded, view=views.TEMPLATE) -> None:
    """Set the site's name, address, description, banner and navigation from
    the data and the view."""
    config["extra"]["pnt_vue"] = view.name
    years = report_years(loaded)
    config["extra"]["pnt_rapports"] = years
    config["nav"] = views.nav_for(view, config["nav"], years)
    # Material's templates print these without escaping: escape them here.
    territory = loaded.data.get("territoire") or {}
    if not isinstance(territory, dict):  # the preview of a file with errors
        territory = {}
    config["site_name"] = escape(site_name(territory))
    if territory.get("site_url"):
        config["site_url"] = escape(territory["site_url"].rstrip("/") + "/")
    if territory.get("description"):
        config["site_description"] = escape(territory["description"])
    config["extra"]["pnt_bandeau"] = escape(banner(loaded, territory, view))
    config["extra"]["pnt_editeur"] = editor_settings(config, territory)


def editor_settings(config, territory: dict) -> dict:
    """What the browser editor's files need (``cms/admin.py``): the GitHub
    repository, the territory's name, the site's address."""
    from ..cms import admin
    from ..engine import project_root

    root = project_root(config)
    return {"depot": admin.repository(root), "titre": territory.get("nom") or DEFAULT_NAME,
            "adresse": territory.get("site_url") or ""}
