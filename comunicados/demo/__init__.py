"""Demo content for the `cargar_demo` command: the real seed release and synthetic data."""
