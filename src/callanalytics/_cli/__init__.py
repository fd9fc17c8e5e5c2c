"""Layer 7, the command line: the only code that prints and reads the clock."""
