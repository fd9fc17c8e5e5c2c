"""Layer 5, the sources: amoCRM payloads, records, files and the sample account (the edge)."""
