"""Layer 6, the command line: the only code that prints and reads the clock."""
