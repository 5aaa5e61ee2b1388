"""Page helpers of the book: glue, claims, stored results, figure labels and plotting."""
