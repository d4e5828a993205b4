"""What a lexicon pattern can start with, read from the pattern itself: the checker of
each entry's `starts` (test_lexicon.py).

A small reader of the regular expressions the lexicon uses (groups, lookarounds,
alternatives, classes, escapes, repeats) walks every way a match can begin, up to the
end of its first word. Where it cannot tell how the word goes on (a \\w, a negated
class, a repeat), what it has read becomes a stem ("agradec*"). A construct it does not
know raises ValueError, so a new kind of pattern is noticed rather than misread.
"""

from __future__ import annotations

import re
from typing import Any

from allies.tone.lexicon import fold_word

# A state: (the first word so far, whether unknown letters may follow, whether it ended).
_State = tuple[str, bool, bool]
_Node = tuple[Any, ...]


class Unanchored(Exception):
    """A match can begin with something other than a word."""


class _Reader:
    def __init__(self, source: str) -> None:
        self.s, self.i = source, 0

    def peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""

    def alternation(self) -> _Node:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        return ("alt", branches)

    def sequence(self) -> _Node:
        items: list[_Node] = []
        while self.peek() not in ("", "|", ")"):
            items.append(self.quantified(self.atom()))
        return ("seq", items)

    def quantified(self, node: _Node) -> _Node:
        c = self.peek()
        if c in ("?", "*", "+"):
            self.i += 1
            low, high = {"?": (0, 1), "*": (0, None), "+": (1, None)}[c]
        elif c == "{" and (m := re.compile(r"\{(\d*)(,?)(\d*)\}").match(self.s, self.i)):
            self.i = m.end()
            low = int(m.group(1) or 0)
            high = int(m.group(3)) if m.group(3) else (None if m.group(2) else low)
        else:
            return node
        if self.peek() in ("?", "+"):  # lazy or possessive: the same words
            self.i += 1
        return ("rep", node, low, high)

    def atom(self) -> _Node:
        c = self.s[self.i]
        self.i += 1
        if c == "(":
            zero = False
            if self.peek() == "?":
                kind = self.s[self.i : self.i + 3]
                if kind.startswith(("?:",)):
                    self.i += 2
                elif kind in ("?<!", "?<="):
                    self.i += 3
                    zero = True
                elif kind.startswith(("?!", "?=")):
                    self.i += 2
                    zero = True
                else:
                    raise ValueError(f"unknown group {kind!r}")
            node = self.alternation()
            if self.peek() != ")":
                raise ValueError(f"unbalanced parentheses: {self.s!r}")
            self.i += 1
            return ("zero",) if zero else node
        if c in "^$":
            return ("zero",)
        if c == ".":
            return ("any",)
        if c == "[":
            return self.char_class()
        if c == "\\":
            return self.escape(self.s[self.i - 1 : self.i + 1], in_class=False)
        return ("chars", frozenset(c))

    def escape(self, text: str, in_class: bool) -> _Node:
        self.i += 1
        e = text[1]
        if e in "bBAZ" and not in_class:
            return ("zero",)
        if e in "sW":
            return ("chars", frozenset(" "))  # not a word character
        if e in "wSdD":
            return ("any",)
        return ("chars", frozenset({"n": "\n", "t": "\t"}.get(e, e)))

    def char_class(self) -> _Node:
        negated = self.peek() == "^"
        self.i += negated
        chars: set[str] = set()
        unknown = negated
        first = True
        while first or self.peek() != "]":
            first = False
            c = self.s[self.i]
            if c == "\\":
                node = self.escape(self.s[self.i : self.i + 2], in_class=True)
                self.i += 1
                if node[0] == "any":
                    unknown = True
                else:
                    chars |= node[1]
                continue
            self.i += 1
            if self.peek() == "-" and self.s[self.i + 1] != "]":
                self.i += 2  # a range
                unknown = True
            chars.add(c)
        self.i += 1
        return ("any",) if unknown else ("chars", frozenset(chars))


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _char(state: _State, c: str) -> _State:
    word, stem, done = state
    if done:
        return state
    if _is_word(c):
        return (word + fold_word(c), stem, False)
    if not word:
        raise Unanchored
    return (word, stem, True)


def _unknown(state: _State) -> _State:
    word, _stem, done = state
    if done:
        return state
    if not word:
        raise Unanchored
    return (word, True, True)


def _walk(node: _Node, states: set[_State]) -> set[_State]:
    done = {st for st in states if st[2]}
    open_ = states - done
    if not open_:
        return states
    kind = node[0]
    if kind == "zero":
        return states
    if kind == "chars":
        return done | {_char(st, c) for st in open_ for c in node[1]}
    if kind == "any":
        return done | {_unknown(st) for st in open_}
    if kind == "seq":
        for item in node[1]:
            open_ = _walk(item, open_)
        return done | open_
    if kind == "alt":
        return done | set().union(*(_walk(branch, open_) for branch in node[1]))
    _rep, sub, low, high = node
    once = _walk(sub, open_)
    result = once if low >= 1 else open_ | once
    if high != 1 and _walk(sub, once) != once:
        result = {_unknown(st) for st in result}  # more rounds could go further
    return done | result


def derived_starts(pattern: str) -> set[str]:
    """The words (a stem ending in "*") a match of `pattern` can begin with."""
    reader = _Reader(pattern)
    tree = reader.alternation()
    if reader.i != len(pattern):
        raise ValueError(f"unread: {pattern[reader.i :]!r}")
    ends = _walk(tree, {("", False, False)})
    if any(not word for word, _stem, _done in ends):
        raise Unanchored
    stems = {word for word, stem, _done in ends if stem}
    words = {word for word, stem, _done in ends if not stem and not word.startswith(tuple(stems))}
    return words | {f"{stem}*" for stem in stems}
