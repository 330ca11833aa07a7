import type { KnowledgeSnapshot } from '../retrieval/snapshot.js';

const DAY_MS = 86_400_000;

/** The documents with their age (flagged when older than `staleAfterDays`), expired facts, load errors and the index. */
export function documentsReport(snapshot: KnowledgeSnapshot, staleAfterDays: number, now: number) {
  return {
    documents: snapshot.docs
      .map((d) => {
        const ageDays = Math.floor((now - Date.parse(d.verified)) / DAY_MS);
        const expiredFacts = Object.entries(d.facts ?? {})
          .filter(([, f]) => f?.valid_until && Date.parse(f.valid_until) + DAY_MS <= now)
          .map(([kind, f]) => ({ kind, validUntil: f!.valid_until! }));
        return { id: d.id, title: d.title, kind: d.kind, file: d.file, verified: d.verified, ageDays, stale: ageDays > staleAfterDays, expiredFacts };
      })
      .sort((a, b) => b.ageDays - a.ageDays),
    errors: snapshot.errors,
    index: { key: snapshot.key, builtAt: snapshot.builtAt, documents: snapshot.docs.length },
    staleAfterDays,
  };
}
