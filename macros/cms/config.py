"""The browser editor's configuration (``admin/config.yml``), from the catalog.

Every step file and ``territoire.yml`` is one entry of a file collection;
each grid is a field of its file (a list of rows, or one record); each
column is a field of the grid, with its label, its help, whether it is
required, and its kind's widget (``Kind.cms_field``): a select for a choice,
a relation for a reference, a list for a sub-list. Nothing here is written
by hand, so the forms can never drift from the validation; the validator
remains the final word on what an author saves, in the pull request that
every save opens (``publish_mode: editorial_workflow``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from ..plan import french
from ..plan.catalog import GRIDS, STEPS, step_of
from ..plan.model import RECORD
from ..reading.loader import DATA_DIR

COLLECTION = "plan"  # the one file collection: the plan's data files
# « inconnu », in any capitalisation (JavaScript patterns take no inline flag).
UNKNOWN_PATTERN = "[Ii][Nn][Cc][Oo][Nn][Nn][Uu][Ee]?"


@dataclass(frozen=True)
class Backend:
    """Where the CMS reads and saves: ``owner/name`` of the GitHub repository,
    on its default branch (the CMS asks GitHub which one it is)."""

    repo: str


def _sentence(*parts: str) -> str:
    return french.typeset(" ".join(part.strip() for part in parts if part and part.strip()))


class _Context:
    """What a kind needs to describe nested fields (``Kind.cms_field``)."""

    @staticmethod
    def fields(columns) -> list:
        return [column_field(column) for column in columns]

    @staticmethod
    def summary(columns, shown=()) -> str:
        """The label of a collapsed row: ``shown``, or its first two fields."""
        shown = [key for key in shown if key] or [
            c.key for c in columns if not c.is_list and not c.note][:2]
        return " — ".join("{{fields.%s}}" % key for key in shown)

    @staticmethod
    def relation(column, multiple: bool) -> dict:
        """A pick among the rows of the target grid, in the target's file."""
        target = GRIDS[column.target]
        ids = f"{target.key}.*.{target.id_key}"
        shown = [ids] + ([f"{target.key}.*.{target.label_key}"] if target.label_key else [])
        field = {"widget": "relation", "collection": COLLECTION,
                 "file": step_of(target).slug, "value_field": ids,
                 "display_fields": shown, "search_fields": shown,
                 "hint": f"Une ligne de la grille « {target.title} »."}
        if multiple:
            field.update(multiple=True, min=column.min_items)
        return field


def _identifier(column, grid) -> dict:
    """The row's id: its form (« B-01 ») checked as the author types."""
    if column.key != grid.id_key or not grid.id_prefix:
        return {}
    return {"pattern": [grid.id_pattern,
                        f"Un identifiant comme {grid.id_prefix}-01 (lettres, tiret, chiffres)."]}


def _pattern(column) -> dict:
    """The column's form, as the validator reads it: « inconnu » too, where
    the column takes it."""
    if not column.pattern:
        return {}
    pattern = column.pattern
    if column.accepts_unknown:
        pattern = f"^(?:{pattern.removeprefix('^').removesuffix('$')}|{UNKNOWN_PATTERN})$"
    return {"pattern": [pattern, _sentence("À écrire ainsi :", column.help)]}


def column_field(column, grid=None) -> dict:
    options = column.kind.cms_field(column, _Context)
    written = options.pop("hint", "")
    if grid is not None and column.key == grid.identifier:
        written = ""  # a row's id is never « inconnu »: its help says its form
    hint = _sentence(column.help, written)
    field = {"name": column.key, "label": column.label, **options,
             "required": column.required, "hint": hint}
    if grid is not None:
        field.update(_identifier(column, grid))
    field.update(_pattern(column))
    return field


def grid_field(grid) -> dict:
    fields = [column_field(column, grid) for column in grid.columns]
    label = f"{grid.number} {grid.title}" if grid.step else grid.title
    described = {"name": grid.key, "label": label,
                 "hint": _sentence(grid.purpose), "required": grid.required}
    if grid.shape == RECORD:
        return {**described, "widget": "object", "fields": fields}
    return {**described, "widget": "list", "fields": fields, "collapsed": "auto",
            "summary": _Context.summary(grid.columns, (grid.identifier, grid.label_key)),
            "label_singular": "une ligne"}


def step_file(step) -> dict:
    return {"name": step.slug, "label": step.label, "file": f"{DATA_DIR}/{step.filename}",
            "fields": [grid_field(grid) for grid in step.grids]}


COMMIT_MESSAGES = {
    "create": "Plan : créer {{path}} (éditeur du navigateur)",
    "update": "Plan : modifier {{path}} (éditeur du navigateur)",
    "delete": "Plan : supprimer {{path}} (éditeur du navigateur)",
    "uploadMedia": "Plan : téléverser {{path}} (éditeur du navigateur)",
    "deleteMedia": "Plan : supprimer {{path}} (éditeur du navigateur)",
    "openAuthoring": "{{message}}",
}


def cms_config(backend: Backend, title: str, site_url: str = "") -> dict:
    """The whole configuration, as Sveltia CMS reads it."""
    config = {
        "backend": {"name": "github", "repo": backend.repo,
                    # A personal access token (docs/modifier-dans-le-navigateur.md):
                    # GitHub Pages has no server for an OAuth sign-in.
                    "auth_methods": ["token"],
                    "commit_messages": COMMIT_MESSAGES},
        # Each save is a pull request, checked before it reaches main
        # (.github/workflows/verifier-modification.yml).
        "publish_mode": "editorial_workflow",
        "media_folder": DATA_DIR,  # the logo (logo.svg or logo.png) lives there
        "app_title": f"Modifier le plan — {title}",
        "show_preview_links": False,
        "output": {"omit_empty_optional_fields": True},
        "collections": [{
            "name": COLLECTION, "label": "Le plan", "label_singular": "Fichier du plan",
            "description": "Un fichier par étape de la démarche, et celui du territoire.",
            "format": "yml", "files": [step_file(step) for step in STEPS],
        }],
    }
    if site_url:
        config["site_url"] = site_url
    return config


HEADER = ("# Configuration de l'éditeur du plan dans le navigateur (Sveltia CMS).\n"
          "# Produite à chaque construction depuis le catalogue des grilles\n"
          "# (macros/plan/catalog.py) : ne pas la modifier à la main.\n")


# libyaml's writer when PyYAML has it: the same text, five times faster (0.02 s
# instead of 0.1 s at every build, see benchmarks/README.md).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@lru_cache(maxsize=4)
def config_text(backend: Backend, title: str, site_url: str = "") -> str:
    """The file's text. Made from the catalog (code) and these three values
    only: once per process for the same three (30 ms at every rebuild under
    « make apercu » otherwise)."""
    body = yaml.dump(cms_config(backend, title, site_url), Dumper=_DUMPER,
                     allow_unicode=True, sort_keys=False, width=100)
    return HEADER + body
