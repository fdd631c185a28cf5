"""The plan's charts: inline SVG computed at build time from the loaded data.

Each chart is a function of a ``ChartContext`` that returns a complete view
(title, text alternative, SVGs, notes, data table), laid out by a template
of ``templates/chart/``. ``CHARTS`` is the registry: the ``graphique``
macro, the README and the accessibility tests all read it, so a new chart
is one function here (in the module of its subject) and one template.

Geometry is in ``geometry.py``, the shared skeleton in ``figure.py``;
statuses and the reference date come from ``plan/followup.py``.
"""

from __future__ import annotations

from .budget import costs, funding
from .figure import ChartContext
from .geometry import narrow_layout
from .indicators import (all_indicators, indicators_overview, one_indicator,
                         status_phrase as indicators_phrase, states as indicator_states)
from .projects import projects, states as project_states, status_phrase, timeline
from .situation import conditions, connectivity
from .steps import steps_path

# macro name -> chart
CHARTS = {
    "conditions": conditions,
    "connectivite": connectivity,
    "echeancier": timeline,
    "projets": projects,
    "couts": costs,
    "financement": funding,
    "bilan_indicateurs": indicators_overview,
    "indicateurs": all_indicators,
    "avancement": steps_path,
}
ONE_INDICATOR = "indicateur"  # graphique("indicateur", "I-01")


def build(name: str, ctx: ChartContext, ident=None) -> dict:
    """The view of the chart ``name`` (``indicateur`` takes an indicator's id)."""
    if name == ONE_INDICATOR:
        if ident is None:
            raise KeyError("graphique « indicateur » : préciser l'identifiant, "
                           "p. ex. graphique(\"indicateur\", \"I-01\")")
        return one_indicator(ctx, ident)  # already narrow (indicator.SMALL_WIDTH)
    builder = CHARTS.get(name)
    if builder is None:
        known = ", ".join(list(CHARTS) + [ONE_INDICATOR])
        raise KeyError(f"graphique inconnu « {name} » ; graphiques existants : {known}")
    view = builder(ctx)
    if view.get("svgs"):  # and its narrow variant, for phones (templates/chart/figure.html)
        with narrow_layout():
            view["narrow"] = builder(ctx)["svgs"]
    return view


def render_chart(view: dict) -> str:
    """The chart as Markdown for a page."""
    from ..pages.render import as_markdown

    return as_markdown(chart_html(view))


def chart_html(view: dict) -> str:
    """The chart's HTML, typeset."""
    from ..pages.render import render_html

    return render_html(view["template"], g=view)


def follow_up_phrases(ctx: ChartContext) -> dict:
    """The charts' own summaries of the projects and the indicators, for the
    « Suivi du plan » page."""
    return {"projects": status_phrase(project_states(ctx)),
            "indicators": indicators_phrase(indicator_states(ctx))}
