"""The fictional example history (`livinglab demo`): a team's meetings, written from the
story in `content` by `history` through the same code a real meeting uses."""
