"""The doctor-visit report: what goes in it (content) and how it is put on paper (render)."""
