"""The ten steps of the démarche as a path, each with its status."""

from __future__ import annotations

from ..plan import french
from ..plan.progress import STEP_DONE, STEP_STARTED, summary
from .figure import ChartContext, cell, figure, svg_frame, table
from .geometry import SMALL, coord, narrow, width, wrap

PER_ROW = 6
ROW_HEIGHT = 128
STATE_SYMBOLS = {STEP_DONE: ("coche", "ok"), STEP_STARTED: ("demi", "attente")}


def _node(position: int, progress) -> dict:
    per_row = _per_row()
    node_w = width() / per_row
    line, column = divmod(position, per_row)
    x = coord(node_w / 2 + column * node_w)
    y = coord(26 + line * ROW_HEIGHT)
    symbol, look = STATE_SYMBOLS.get(progress.status, ("vide", "neutre"))
    label_lines = wrap(progress.step.numbered_title, node_w - 10, SMALL, 3)
    status_line = progress.word + (f" ({progress.filled}/{len(progress.expected)})"
                                     if progress.status == STEP_STARTED else "")
    return {"x": x, "y": y, "symbol": symbol, "look": look,
            "lines": [{"text": t, "y": coord(y + 34 + k * 14)}
                      for k, t in enumerate(label_lines)],
            "status": {"text": status_line,
                       "y": coord(y + 34 + len(label_lines) * 14 + 2)}}


def _per_row() -> int:
    """Steps on a line: half as many in the narrow variant."""
    return PER_ROW // 2 if narrow() else PER_ROW


def _path(nodes: list) -> list:
    path = []
    for a, b in zip(nodes, nodes[1:]):
        if a["y"] == b["y"]:
            path.append(f"M {coord(a['x'] + 18)} {a['y']} H {coord(b['x'] - 18)}")
        else:  # down to the next line, around the labels
            turn = coord(a["y"] + ROW_HEIGHT - 30)
            path.append(f"M {coord(a['x'] + 18)} {a['y']} H {coord(width() - 6)} V {turn} "
                        f"H {coord(6)} V {b['y']} H {coord(b['x'] - 18)}")
    return path


def steps_path(ctx: ChartContext) -> dict:
    title = "Le parcours des dix étapes"
    progress = ctx.progress
    totals = summary(progress)
    todo = totals["total"] - totals["done"] - totals["started"]
    text = (f"Sur {totals['total']} étapes : {totals['done']} "
            f"{french.agree(totals['done'], 'terminée', 'terminées')}, "
            f"{totals['started']} en cours et {todo} à faire.")
    territory = next(p for p in progress if p.step.number == 0)
    text += f" Le territoire : {territory.word}."
    nodes = [_node(position, p) for position, p in enumerate(progress)]
    rows_count = -(-len(progress) // _per_row())
    svg = svg_frame("graphique-avancement", 1, 1, title, text,
                    rows_count * ROW_HEIGHT + 4)
    svg.update({"nodes": nodes, "path": _path(nodes)})
    data = table("Avancement des étapes de la démarche", ["Étape", "État",
                                                          "Grilles remplies"],
                 [[cell(p.step.label,
                        href=ctx.linker.to_step(p.step.number)),
                   cell(p.word), cell(f"{p.filled} sur {len(p.expected)}", True)]
                  for p in progress])
    return figure("avancement", "chart/steps.html", title, text, [svg], data)
