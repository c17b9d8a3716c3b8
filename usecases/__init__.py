"""The use cases: each thing Tidtam does, in one place, whoever asks for it.

The LINE listeners (`handlers/`), the timed jobs (`scheduler/`), the command line and the
web console all call these functions; none of them holds a rule of its own. The
conventions (docs/ARCHITECTURE.md, "Use cases"):

- A use case is a function named for what it does: `submit_report(session, actor, …,
  now)`. It takes a session, the `Actor` (who is doing it), plain values and the time (a
  value from the clock, never read here), and returns a plain frozen dataclass, or one of
  a few such results when it can end in more than one way (`Saved | NoPlan | …`).
- It works in the caller's session and never commits: the caller is the unit of work.
  The inbox worker commits an event's changes together with its "done" mark; a job's or
  a command's `with db.session()` commits when the block ends. On an error nothing the
  use case did stays.
- It writes its own audit rows and outbox messages, in that session. What it has to say
  to its actor it returns; what it has to tell anyone else goes through the outbox, in
  words built by `messages_th/`.
- It renders nothing and knows nothing of LINE's events, reply tokens or SDK: the caller
  turns input into values and the result into a reply (`messages_th/` renders it).
- Refusals the caller must explain are results (`NoPlan`); asking as someone who may not
  (a citizen reporting) is a programming error of the caller and raises `NotAllowed`.
"""
