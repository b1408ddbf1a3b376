"""The subcommands of `livinglab`, one module per area, imported only when one runs.

Each builder returns a click command without its help: the help of the top-level
commands lives in `livinglab.commands.group.COMMANDS`, so `livinglab --help` lists them all without
importing any of these modules.
"""
