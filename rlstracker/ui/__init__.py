"""The Qt layer: one module per window, panel or dialog; widgets emit domain objects."""
