"""The toolkit's pages, one module per feature: the front page (`index`), writing a
message (`compose`), the message templates (`templates`), the question bank and the
questions picked for a meeting (`questions`), and the strategy guide (`guide`)."""
