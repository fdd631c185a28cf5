"""Reading a territory's data: YAML files in (``yamlread``), typed rows and
French problems out (``validate``, ``problems``), once per build (``loader``)."""
