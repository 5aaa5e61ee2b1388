"""One module per chapter: what that chapter computes and draws, built on the engines and the core."""
