"""Developer tools that check the engine against others' data (never shipped, never copied)."""
