"""Event coder throughput and peak memory, from raw text to coded events, against spaCy alone.

Each measurement runs in a fresh child process so that its peak resident memory
(``ru_maxrss``) is its own; with 2 workers the largest worker's peak is reported beside the
main process's. Corpora: the 67 non-empty sentences of PETRARCH's GigaWord sample (AFP news;
skipped when ../shared/data is absent), the briefs of ``demo/news`` and the 50 whole Voice of
America articles of ``../shared/data/news-voa`` (skipped when absent; their rate in documents/s is
articles per second), each replicated to
at least 2,000 sentences in a JSON-lines file under benchmarks/.work so that the timing is
stable. Sentences are counted once, outside the timed runs, with the pipeline's own sentence
splitter. Loading (imports, model, dictionaries) is timed separately and is not in the rates.
Jobs during which other processes used the CPU (read from /proc/stat) are marked as disturbed.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from pathlib import Path

from benchmarks.data import (
    demo_records,
    gigaword_records,
    gigaword_sample,
    replicated_jsonl,
    run_child,
    voa_articles,
    voa_records,
)

#: Each corpus is replicated to at least this many sentences.
TARGET_SENTENCES = 2_000
#: The issue's goal, parsing included.
GOAL_PER_CORE = 300

COUNT = """
import json, sys
import spacy
from blocwatch.coder.pipeline import load_pipeline
nlp = load_pipeline()
with open(sys.argv[1], encoding="utf-8") as fh:
    texts = [json.loads(line)["text"] for line in fh]
print(json.dumps({"documents": len(texts), "sentences": sum(len(list(doc.sents)) for doc in nlp.pipe(texts)),
                  "spacy": spacy.__version__, "model": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}"}))
"""

# CPU seconds of the process and of its (finished) children, and both peaks, for every job.
# total_cpu is the whole child's, from interpreter start to the end of the job.
_USAGE = """
import resource
def cpu():
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF,
                                                                         resource.RUSAGE_CHILDREN)))
def peaks():
    return {"total_cpu": cpu(), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}
"""

# spaCy alone on the same texts, one process; PARSE is how the texts are parsed.
_SPACY = _USAGE + """
import json, sys, time
t = time.perf_counter()
from blocwatch.coder.pipeline import load_pipeline
nlp = load_pipeline()
load = time.perf_counter() - t
c, t = cpu(), time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as fh:
    texts = [json.loads(line)["text"] for line in fh]
documents = sum(1 for _ in PARSE)
seconds = time.perf_counter() - t
print(json.dumps({"documents": documents, "events": None, "load": load, "seconds": seconds, "cpu": cpu() - c,
                  **peaks()}))
"""

# Baseline: spaCy's own batched nlp.pipe. Reference: one nlp(text) call per document, as the coder parses.
SPACY_PIPE = _SPACY.replace("PARSE", "nlp.pipe(texts)")
SPACY_CALL = _SPACY.replace("PARSE", "map(nlp, texts)")

CODER = _USAGE + """
import json, sys, time
t = time.perf_counter()
from blocwatch.coder import Coder
from blocwatch.documents import Document, read_documents
coder = Coder.load()
load = time.perf_counter() - t
c, t = cpu(), time.perf_counter()
documents = list(read_documents([sys.argv[1]]))
assert all(isinstance(d, Document) for d in documents), [d for d in documents if not isinstance(d, Document)][:3]
events = sum(len(found) for _, found in coder.code_many(documents, workers=int(sys.argv[2])))
seconds = time.perf_counter() - t
print(json.dumps({"documents": len(documents), "events": events, "load": load, "seconds": seconds, "cpu": cpu() - c,
                  **peaks()}))
"""

#: Job label -> (child script, workers).
JOBS = {
    "baseline: spaCy nlp.pipe (parse only)": (SPACY_PIPE, 1),
    "reference: spaCy nlp(text) per document": (SPACY_CALL, 1),
    "blocwatch coder, 1 worker": (CODER, 1),
    "blocwatch coder, 2 workers": (CODER, 2),
}
BASELINE = "baseline: spaCy nlp.pipe (parse only)"


@dataclass
class Measure:
    sentences: int
    documents: int
    workers: int
    events: int | None
    load: float
    seconds: float
    cpu: float
    peak_mb: float
    worker_peak_mb: float
    other_cpu: float | None = None

    @property
    def rate(self) -> float:
        return self.sentences / self.seconds

    @property
    def per_core(self) -> float:
        return self.rate / self.workers

    @property
    def disturbed(self) -> bool:
        """Other processes used more than a tenth of this job's time in CPU during one of its runs."""
        return self.other_cpu is not None and self.other_cpu > 0.1 * self.seconds

    @property
    def memory(self) -> str:
        if self.workers == 1:
            return f"{self.peak_mb:,.0f} MB"
        return f"{self.peak_mb:,.0f} MB main + {self.workers} workers ≤ {self.worker_peak_mb:,.0f} MB each"


def _median(runs: list[dict], sentences: int, workers: int) -> Measure:
    assert len({(r["documents"], r["events"]) for r in runs}) == 1, runs  # every run codes the same
    other = [r["other_cpu"] for r in runs]
    return Measure(sentences, runs[0]["documents"], workers, runs[0]["events"],
                   statistics.median(r["load"] for r in runs), statistics.median(r["seconds"] for r in runs),
                   statistics.median(r["cpu"] for r in runs), max(r["peak_mb"] for r in runs),
                   max(r["worker_peak_mb"] for r in runs), None if None in other else max(other))


def corpora() -> tuple[dict[str, list[dict[str, str]]], list[str]]:
    """The corpora to code (name -> JSON-lines records) and the reasons for any that are skipped."""
    found, skipped = {}, []
    sample = gigaword_sample()
    if sample.is_file():
        found["GigaWord sample"] = gigaword_records(sample)
    else:
        skipped.append(f"GigaWord sample skipped: {sample} not found (set BLOCWATCH_SHARED_DATA)")
    found["demo corpus"] = demo_records()
    voa = voa_articles()
    if voa.is_file():
        found["VOA articles"] = voa_records(voa)
    else:
        skipped.append(f"VOA articles skipped: {voa} not found (set BLOCWATCH_SHARED_DATA)")
    return found, skipped


def measure(data: Path, sentences: int, repeat: int) -> dict[str, Measure]:
    """Every job on ``data``, ``repeat`` rounds, the jobs interleaved within each round."""
    runs: dict[str, list[dict]] = {job: [] for job in JOBS}
    for _ in range(repeat):
        for job, (code, workers) in JOBS.items():
            runs[job].append(run_child(code, str(data), str(workers)))
    results = {job: _median(runs[job], sentences, JOBS[job][1]) for job in JOBS}
    coded = {m.events for m in results.values() if m.events is not None}
    assert len(coded) == 1, f"1 and 2 workers coded different numbers of events: {coded}"
    return results


def run(repeat: int = 3) -> list[str]:
    """Run the coder benchmarks; return Markdown lines for docs/benchmarks.md."""
    found, skipped = corpora()
    for reason in skipped:
        print(reason, flush=True)
    lines = ["| data | job | sentences | load s | seconds | CPU s | sentences/s | documents/s | per core | "
             f"vs nlp.pipe | ≥ {GOAL_PER_CORE}/s per core | peak memory |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---|"]
    disturbed: list[str] = []
    for name, records in found.items():
        slug = "coder-" + name.split()[0].lower()
        one = run_child(COUNT, str(replicated_jsonl(slug, records, 1)))
        copies = math.ceil(TARGET_SENTENCES / one["sentences"])
        data = replicated_jsonl(slug, records, copies)
        sentences = one["sentences"] * copies  # the copies are identical texts
        label = f"{name} ({one['documents']} documents, {one['sentences']} sentences) x {copies}"
        print(f"{label}: {one['documents'] * copies:,} documents, {sentences:,} sentences in {data.name}; "
              f"spaCy {one['spacy']}, {one['model']}", flush=True)
        results = measure(data, sentences, repeat)
        base = results[BASELINE]
        for job, m in results.items():
            goal = ("yes" if m.per_core >= GOAL_PER_CORE else "no") if m.events is not None else ""
            if m.disturbed:
                disturbed.append(f"{label}, {job} (up to {m.other_cpu:.1f} CPU s in a run)")
            docs_rate = one["documents"] * copies / m.seconds
            lines.append(f"| {label} | {job} | {m.sentences:,} | {m.load:.2f} | {m.seconds:.2f} | {m.cpu:.2f} | "
                         f"{m.rate:,.0f} | {docs_rate:,.1f} | {m.per_core:,.0f} | {m.rate / base.rate:.2f}x | {goal} | "
                         f"{m.memory} |")
            events = f"{m.events:>6,} events" if m.events is not None else " " * 13
            print(f"  {job:42s} {m.sentences:>6,} sentences {events}  load {m.load:5.2f} s  {m.seconds:6.2f} s "
                  f"(CPU {m.cpu:6.2f} s) {m.rate:>7,.0f} sentences/s {docs_rate:>7,.1f} documents/s "
                  f"{m.per_core:>6,.0f} per core "
                  f"{m.rate / base.rate:5.2f}x nlp.pipe  peak {m.memory}"
                  + (f"  [disturbed: other processes used up to {m.other_cpu:.1f} CPU s during a run]"
                     if m.disturbed else "")
                  + (f"  goal {GOAL_PER_CORE}/s per core: {'met' if goal == 'yes' else 'NOT met'}" if goal else ""),
                  flush=True)
    if skipped:
        lines += [""] + skipped
    if disturbed:
        lines += ["", "Disturbed: other processes used the CPU during these jobs, whose figures are therefore "
                  "too low: " + "; ".join(disturbed) + "."]
    return lines
