"""Readers for PETRARCH/TABARI dictionary files: actors, agents and verb patterns.

These formats are the lingua franca of open event data: the Phoenix dictionaries, the
PETRARCH-2 verb dictionary and the dictionaries that come with PETRARCH's validation suites
are all written in them. blocwatch converts the Phoenix and PETRARCH-2 files into its own
data files once (``tools/build_coder_data.py``), and reads other dictionaries, such as the
fictional actors of the validation suites, directly with these functions.

Formats, in brief:

- **Actors**: a name line (``NORTH_KOREA_  [PRK]``: words joined by ``_``, a trailing ``_``
  meaning "this exact word"), synonym lines (``+DPRK_``) and code lines
  (``[RUSGOV 991231-080507]``, ``[RUSGOV >080508]``, ``[RUSELI <990809]``) giving codes with
  the period they hold. Dates are ``YYMMDD`` (70-99 are 1900s) or ``YYYYMMDD``.
- **Agents**: ``NAME {PLURAL FORMS} [~GOV]``: a sector code that is appended to a country
  code (``~GOV``) or, rarely, prefixed (``IGO~``); ``!MACRO! = A, B`` lines define
  substitutions used in names.
- **Verbs**: synonym sets (``&WEAPON`` followed by ``+`` lines) and verb blocks
  (``--- ATTACK [190] ---``) listing verb forms and patterns such as
  ``- * &WEAPON (TO +) [072]`` (``*`` the verb, ``+`` the target, ``(PREP ...)`` a
  prepositional phrase, ``{A B}`` words in sequence, ``[a:b]`` a code and its reciprocal).

Examples
--------
>>> entries = read_actors(["KIM_JONG_UN_", "+MARSHAL_KIM_JONG_UN", "\\t[PRKGOV >111217]"])
>>> entries[0].names, entries[0].codes[0].code, entries[0].codes[0].start
(('kim jong un', 'marshal kim jong un'), 'PRKGOV', datetime.date(2011, 12, 17))
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from blocwatch.actors import ActorEntry, AgentEntry, CodeSpan

__all__ = [
    "VerbBlock",
    "VerbDictionary",
    "VerbPattern",
    "parse_dictionary_date",
    "read_actors",
    "read_agents",
    "read_verbs",
]


def _lines(source: str | Path | Iterable[str]) -> list[str]:
    """Lines of a dictionary given as a Path, as its text, or as lines; XML comments removed."""
    if isinstance(source, Path):
        lines = source.read_text(encoding="utf-8", errors="replace").splitlines()
    elif isinstance(source, str):
        lines = source.splitlines()
    else:
        lines = list(source)
    out, in_comment = [], False
    for line in lines:
        if in_comment:  # XML-style comment blocks in the validation dictionaries
            if "-->" in line:
                in_comment = False
                line = line.split("-->", 1)[1]
            else:
                continue
        while "<!--" in line:
            before, _, after = line.partition("<!--")
            if "-->" in after:
                line = before + after.split("-->", 1)[1]
            else:
                line, in_comment = before, True
        out.append(line)
    return out


def parse_dictionary_date(text: str) -> date | None:
    """``"080507"`` -> 2008-05-07, ``"19950101"`` -> 1995-01-01; malformed -> None.

    Examples
    --------
    >>> parse_dictionary_date("991231"), parse_dictionary_date("20070101"), parse_dictionary_date("2004017")
    (datetime.date(1999, 12, 31), datetime.date(2007, 1, 1), None)
    """
    text = text.strip()
    try:
        if len(text) == 6:
            yy, mm, dd = int(text[:2]), int(text[2:4]), int(text[4:])
            return date(1900 + yy if yy >= 70 else 2000 + yy, mm, dd)
        if len(text) == 8:
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None
    return None


_CODE = re.compile(r"\[([^\]]*)\]")


def _code_span(inner: str) -> CodeSpan | None:
    parts = inner.split()
    if not parts:
        return None
    code = parts[0].strip()
    if len(parts) == 1:
        return CodeSpan(code)
    when = "".join(parts[1:])
    if when.startswith(">"):
        return CodeSpan(code, start=parse_dictionary_date(when[1:]))
    if when.startswith("<"):
        return CodeSpan(code, end=parse_dictionary_date(when[1:]))
    if "-" in when:
        a, _, b = when.partition("-")
        return CodeSpan(code, start=parse_dictionary_date(a), end=parse_dictionary_date(b))
    return CodeSpan(code)


def _name(raw: str) -> str:
    """``"NORTH_KOREA_"`` -> ``"north korea"``."""
    text = raw.strip().strip("+").replace("_", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def read_actors(source: str | Path | Iterable[str]) -> list[ActorEntry]:
    """Read a PETRARCH actor dictionary (a path, its text, or its lines)."""
    entries: list[ActorEntry] = []
    current: ActorEntry | None = None
    for raw in _lines(source):
        line, _, comment = raw.partition("#")
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("["):
            if current is not None:
                current.codes.extend(s for s in map(_code_span, _CODE.findall(stripped)) if s)
            continue
        codes = [s for s in map(_code_span, _CODE.findall(stripped)) if s]
        name = _name(_CODE.sub("", stripped))
        if stripped.startswith("+"):
            if current is not None and name:
                current.names = (*current.names, name)
                current.codes.extend(codes)
            continue
        if not name:
            continue
        current = ActorEntry(names=(name,), codes=codes, comment=comment.strip())
        entries.append(current)
    return [e for e in entries if e.codes]


def read_agents(source: str | Path | Iterable[str]) -> list[AgentEntry]:
    """Read a PETRARCH agents dictionary."""
    macros: dict[str, list[str]] = {}
    out: list[AgentEntry] = []
    for raw in _lines(source):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(line)
        if not codes:
            continue
        code = codes[-1].strip()
        body = _CODE.sub("", line)
        forms = re.findall(r"\{([^}]*)\}", body)
        body = re.sub(r"\{[^}]*\}", "", body).strip()
        names = [body] + [f for group in forms for f in group.split()]
        expanded: list[str] = []
        for n in names:
            macro = next((k for k in macros if k in n), None)
            if macro:
                expanded.extend(n.replace(macro, "_" + v if not n.startswith(macro) else v) for v in macros[macro])
            else:
                expanded.append(n)
        prefix = code.endswith("~")
        code = code.strip("~")
        names_t = tuple(dict.fromkeys(x for x in map(_name, expanded) if x))
        if names_t and code:
            out.append(AgentEntry(names_t, code, prefix))
    return out


@dataclass(frozen=True)
class VerbPattern:
    """One pattern of a verb block, in the dictionary's own notation (upper case removed)."""

    verbs: tuple[str, ...]
    text: str
    code: str | None
    reverse: str | None
    block: str


@dataclass
class VerbBlock:
    """A verb block: its verbs (with their own codes where given) and its patterns."""

    name: str
    code: str | None
    verbs: dict[str, str | None] = field(default_factory=dict)
    patterns: list[VerbPattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    """Synonym sets and verb blocks of a PETRARCH verb dictionary."""

    synsets: dict[str, list[str]]
    blocks: list[VerbBlock]


def _event_code(inner: str) -> tuple[str | None, str | None]:
    """``"042:043"`` -> ("042", "043"); ``"---"`` -> (None, None)."""
    first, _, second = inner.strip().partition(":")
    norm = [c if re.fullmatch(r"\d{2,4}", c or "") else None for c in (first.strip(), second.strip())]
    return norm[0], norm[1]


def read_verbs(source: str | Path | Iterable[str]) -> VerbDictionary:
    """Read a PETRARCH verb dictionary."""
    synsets: dict[str, list[str]] = {}
    blocks: list[VerbBlock] = []
    current_set: str | None = None
    block: VerbBlock | None = None
    for raw in _lines(source):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        s = line.strip()
        header = re.match(r"^---\s*(.+?)\s*\[([^\]]*)\]\s*---", s)
        if header:
            code, _ = _event_code(header.group(2))
            block = VerbBlock(name=_name(header.group(1)), code=code)
            blocks.append(block)
            current_set = None
            continue
        if s.startswith("&") and block is None:
            current_set = s[1:].split()[0].rstrip("_").lower()
            synsets[current_set] = []
            continue
        if current_set is not None and block is None:
            if s.startswith("+"):
                synsets[current_set].append(_name(s))
            continue
        if block is None:
            continue
        if s.startswith("-"):
            codes = _CODE.findall(s)
            if not codes:
                continue
            code, reverse = _event_code(codes[-1])
            text = _CODE.sub("", s[1:]).strip()
            block.patterns.append(VerbPattern(tuple(block.verbs), text, code, reverse, block.name))
            continue
        # a verb line: WORD {FORMS} [code]  or  +MULTI_WORD {FORMS}
        codes = _CODE.findall(s)
        code = _event_code(codes[-1])[0] if codes else None
        body = re.sub(r"\{[^}]*\}", "", _CODE.sub("", s)).strip()
        verb = _name(body)
        if verb:
            block.verbs[verb] = code if codes else block.code
    return VerbDictionary(synsets, blocks)
