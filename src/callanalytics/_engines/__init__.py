"""Layer 4, the engines: the routing spec run over data frames and on Dask, above the rules."""
