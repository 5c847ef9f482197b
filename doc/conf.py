# Sphinx configuration for the tcp-encap manual (doc/tcp-encap.rst), in the layout of ns-3's
# module documentation. Build: bash scripts/build-doc.sh [OUTDIR] (warnings are errors).
project = "tcp-encap"
author = "tcp-encap authors"
copyright = "2026, tcp-encap authors"

root_doc = "tcp-encap"
master_doc = root_doc  # Sphinx before 4.0
source_suffix = {".rst": "restructuredtext"}
# The Markdown documents in doc/ are linked from the manual by path, not built by Sphinx.
exclude_patterns = ["_build", "**/*.md"]
highlight_language = "none"
html_theme = "alabaster"
html_title = "tcp-encap: TCP encapsulation of IKEv2 and ESP for ns-3"
