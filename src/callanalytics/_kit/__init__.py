"""Layer 0, the kit: validation, generated code and text readers; no domain knowledge."""
