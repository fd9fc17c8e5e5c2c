"""Layer 6, the sources: amoCRM payloads, records, files and the sample account (the edge)."""
