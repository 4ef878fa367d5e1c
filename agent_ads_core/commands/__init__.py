"""The core's own commands; providers reuse the provider-scoped ones under their name."""
