"""Speed benchmarks that print figures (run as modules; they are not tests)."""
