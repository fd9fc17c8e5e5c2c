"""Layer 2, the aggregate: the six figures and the mergeable partial keyed by dimensions."""
