"""A fake provider exercising every hook of agent-ads, for the core's tests."""
