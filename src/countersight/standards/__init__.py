"""Binding standards for facial recognition and AI, as versioned data, and assessments of AI
systems against them. See docs/standards/format.md."""
