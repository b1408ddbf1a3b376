"""The subcommands of `livinglab`, one module per area, imported only when one runs.

Each command is a module-level click object (testable with click's CliRunner, given a
`launch.Config` as its obj). Its help is declared as an English message and read in the
run's language (`common.LabCommand`); the options several commands share are declared
once in `common`. The help of the top-level commands lives in
`livinglab.commands.group.COMMANDS`, so `livinglab --help` lists them all without
importing any of these modules.
"""
