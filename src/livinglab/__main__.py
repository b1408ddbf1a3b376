"""`python -m livinglab`: the same as the `livinglab` command, for where the script's
folder is not on PATH."""

from .cli import main

if __name__ == "__main__":
    main()
