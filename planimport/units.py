"""The responsible units of a measure, one by one: separated by a slash, a comma, "and",
a space before a unit word or a new line, a main unit marked (docs/PLAN-IMPORT.md)."""

from __future__ import annotations

import re

from messages_th import plan_vocab as vocab

_NUMBERING = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[-–•*▪●○◦➢➤])\s*")
_AND = vocab.UNIT_AND
_SPACE = re.compile(r"\s+")


def split_units(text: str) -> list[str]:
    """Each unit once, the main unit first, in the order written otherwise."""
    main: list[str] = []
    others: list[str] = []
    for part, is_main in _labelled_parts(text):
        for unit in _split(part):
            (main if is_main else others).append(unit)
    return list(dict.fromkeys(main + others))


def _labelled_parts(text: str) -> list[tuple[str, bool]]:
    """Text after a main label is the main unit's; a mark in brackets (main or joint) marks the one
    before it as joint (a mark after a name belongs to that name)."""
    parts: list[tuple[str, bool]] = []
    rest = text
    while rest:
        mark = None
        for pattern, is_main in ((vocab.UNIT_MAIN, True), (vocab.UNIT_JOINT, False)):
            found = pattern.search(rest)
            if found and (mark is None or found.start() < mark[0].start()):
                mark = (found, is_main)
        if mark is None:
            parts.append((rest, False))
            break
        found, is_main = mark
        before = rest[: found.start()]
        if found[0].startswith("("):  # "<unit> (main)": the name before the mark
            parts.append((before, is_main))
        else:  # "main: <unit>": the name after the label, up to the next mark
            if before.strip():
                parts.append((before, False))
            following = rest[found.end() :]
            next_mark = min(
                (
                    m.start()
                    for p in (vocab.UNIT_MAIN, vocab.UNIT_JOINT)
                    if (m := p.search(following))
                ),
                default=len(following),
            )
            parts.append((following[:next_mark], is_main))
            rest = following[next_mark:]
            continue
        rest = rest[found.end() :]
    return parts


def _split(text: str) -> list[str]:
    units = []
    for piece in _pieces(text):
        for name in _split_joined(piece):
            name = _NUMBERING.sub("", name).strip(" .,:;-")
            name = _SPACE.sub(" ", name)
            if name:
                units.append(name)
    return units


def _pieces(text: str) -> list[str]:
    """Split at the separators; a bare unit word ("every division/bureau") stays with the
    one before."""
    pieces: list[str] = []
    for piece in vocab.UNIT_SEPARATORS.split(text):
        if pieces and vocab.UNIT_WORD_ALONE.match(piece.strip()):
            pieces[-1] = f"{pieces[-1]}/{piece.strip()}"
        else:
            pieces.append(piece)
    return pieces


def _split_joined(text: str) -> list[str]:
    """Split where a unit's name begins (after "and" or a space), not inside a name that
    has "and" in it."""
    pieces = [text]
    for splitter in (_AND, _SPACE):
        split: list[str] = []
        for piece in pieces:
            words = splitter.split(piece.strip())
            current = words[0] if words else ""
            for word in words[1:]:
                if word.startswith(vocab.UNIT_STARTS) and _is_unit(current):
                    split.append(current)
                    current = word
                else:
                    current += (f" {vocab.AND_WORD}" if splitter is _AND else " ") + word
            split.append(current)
        pieces = split
    return [
        p.replace(f" {vocab.AND_WORD}", vocab.AND_WORD)
        if vocab.AND_WORD in p and not p.startswith(vocab.AND_WORD)
        else p
        for p in pieces
    ]


def _is_unit(text: str) -> bool:
    return text.strip().startswith(vocab.UNIT_STARTS)
