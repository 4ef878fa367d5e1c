"""agent-ads provider for Meta's Marketing API (Graph API), read-only."""
