"""The timed side of Tidtam: the meeting calendar, reminders, summaries, the year end."""
