"""Coded events: who did what to whom, when, in which mode, and the evidence for it."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from blocwatch.taxonomy import load_taxonomy

__all__ = ["Actor", "CodedEvent"]


@dataclass(frozen=True)
class Actor:
    """An actor as coded: CAMEO code, state (ISO alpha-3), sector, and the words it came from."""

    code: str
    country: str | None
    sector: str | None
    text: str


@dataclass
class CodedEvent:
    """One event coded from text, with the fields of the ``events`` table.

    ``to_row()`` gives the row (schema field names) that ``blocwatch code --format jsonl``
    prints and ``blocwatch ingest text`` stores.
    """

    doc_id: str
    sentence: int
    trigger: int  # character offset of the word that triggered the event, in the document
    source: Actor
    target: Actor | None
    cameo: str
    mode: str
    date: date | None
    date_precision: str | None
    date_text: str
    evidence_text: str
    evidence_start: int
    evidence_end: int
    rule: str
    url: str | None = None
    published: date | None = None
    confidence: float | None = None

    @property
    def event_id(self) -> str:
        key = "|".join([self.doc_id, str(self.sentence), str(self.trigger), self.source.code,
                        self.target.code if self.target else "", self.cameo])
        return "text:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]

    def to_row(self) -> dict[str, Any]:
        """The event as a row of the ``events`` schema (plus nothing else)."""
        code = load_taxonomy().cameo.get(self.cameo)
        return {
            "event_id": self.event_id,
            "date": self.date,
            "date_precision": self.date_precision,
            "source": self.source.code,
            "source_name": self.source.text,
            "source_country": self.source.country,
            "source_sector": self.source.sector,
            "target": self.target.code if self.target else None,
            "target_name": self.target.text if self.target else None,
            "target_country": self.target.country if self.target else None,
            "target_sector": self.target.sector if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo[:2],
            "quad_class": code.quad_class if code else None,
            "goldstein": code.goldstein if code else None,
            "plover": code.plover if code else None,
            "plover_mode": code.plover_mode if code else None,
            "mode": self.mode,
            "origin": "text",
            "origin_id": f"{self.doc_id}#{self.sentence}:{self.trigger}",
            "doc_id": self.doc_id,
            "url": self.url,
            "reported_at": datetime.combine(self.published, datetime.min.time()) if self.published else None,
            "evidence_text": self.evidence_text,
            "evidence_sentence": self.sentence,
            "evidence_start": self.evidence_start,
            "evidence_end": self.evidence_end,
            "evidence_rule": self.rule,
            "confidence": self.confidence,
        }

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
