"""What leaves the machine, on purpose: a bundle of a meeting or a group's memory for
another team (`bundles`), a shareable regional archive served by Datasette (`publish`),
and a safe copy of the whole file (`backup`)."""
