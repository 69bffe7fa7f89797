"""Write a :class:`~letters.document.Document` as a DOCX package, fast and byte-reproducibly."""

# Nothing here uses the python-docx API at render time.  ``word/document.xml`` and
# ``docProps/core.xml`` are generated as strings for each letter; the ``第X页 共Y页`` footer
# once per page count; every other part of the package (content types, relationships, a lean
# ``styles.xml``, settings, the font table) is static, built once per process and cached.  The
# parts are zipped in a fixed order with a fixed timestamp and fixed attributes, so the same
# document always yields the same bytes.
#
# The writer lays the letter out as it writes it (``layout``): column widths that keep short
# phrases whole, the page count the footer shows until the pages are laid out, and whether the
# signature block needs a page of its own (（以下无正文） / （本页无正文，为《…》之签署页）).
#
# The modules are layers; each imports only the ones below it:
#
#   package   the zip, content types, relationships, core properties and write_docx
#   body      word/document.xml: paragraphs, headings, lists, the signature block and page
#   tables    column widths and bordered tables
#   inline    runs: escaping, glued codes, text widths, breaks, alignment
#   layout    estimated text widths, line counts and page breaks
#   xmlchars  UTF-8 encoding that refuses what XML 1.0 forbids (used by package)
#   styles    page setup, typography and the static styles, settings, font table and footer

from __future__ import annotations

from .package import write_docx
from .styles import TEXT_W

__all__ = ["TEXT_W", "write_docx"]
