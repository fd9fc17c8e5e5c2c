"""Layer 3, the rules: matching, filters and the routing spec of one call (R6–R11, R18–R22)."""
