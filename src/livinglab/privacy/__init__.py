"""Personal data in confidential client work: finding it in text, masking and
pseudonymising it, the names a group knows (`scanner`); how long a meeting is kept and a
person's rights to see and erase what is held about them (`retention`)."""
