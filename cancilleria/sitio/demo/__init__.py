"""Demo content for the `cargar_demo` command: the real seed release and synthetic data.

The content is data (datos/*.toml); the modules read it, plan it and write it.
"""
