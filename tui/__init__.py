"""The Textual front end of livinglab. Everything it does is a call into the core."""
