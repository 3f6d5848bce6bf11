"""An independent reader of the built site: it reads the rendered pages as a reader sees them and
judges their words against the numbers shown beside them (see tests/README.md).

It imports nothing of ``generator.site`` and knows none of the generator's wording tables: its
phrase parser, the editor's bands, the grammar patterns and the class meanings are written here,
from the editor's contract, and the only inputs it reads besides the pages are the city's own
input files (names and articles of the quarters, each edition's thresholds, windows and Fokus rule).
"""
