"""Layer 5, the views: the report and everything a person reads (tables, HTML, graphs, words)."""
