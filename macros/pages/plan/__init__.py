"""The plan's pages for citizens, each one a complete view computed here and
laid out by a template of ``templates/plan/``: the plan's home, the needs,
the projects, the indicators, the traceability matrix, the follow-up."""
