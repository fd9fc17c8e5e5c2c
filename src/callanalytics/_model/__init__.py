"""Layer 1, the model: calls, managers, cards, periods, tariffs and their values (R1–R5)."""
