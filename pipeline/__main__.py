"""`python -m pipeline` is the `wiretally` command."""

from pipeline.cli import main

main()
