"""What the app does with the personal data it holds: how long a meeting is kept, and a
person's rights to see and erase what is held about them (`retention`). Finding personal
data in text is `livinglab.text.personal`: pure text work that the field types use too."""
