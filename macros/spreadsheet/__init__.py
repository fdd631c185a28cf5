"""The plan's grids as a workbook, and back: the layout of the sheets
(``layout``, no openpyxl), the export (``export``), the import (``checks``,
``sheets``, ``cells``, ``importing``) and the round-trip YAML writer that
keeps an author's comments and style (``yamlmerge``)."""
