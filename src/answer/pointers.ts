import type { DocumentHit, RetrievalResult } from '../retrieval/hybrid.js';
import type { KnowledgeSnapshot } from '../retrieval/snapshot.js';
import type { Question } from '../text/question.js';
import { foldedTokens } from '../text/vietnamese.js';
import type { NameHit } from './procedure-names.js';

/**
 * A line in which one guide sends the reader to another for what the line names:
 * "Quên mật khẩu, đổi điện thoại, …: xem hướng dẫn "Sự cố tài khoản VNeID"".
 */
export interface Pointer {
  to: string;
  /** Folded words of what is sent there: the line before "xem hướng dẫn"… */
  said: ReadonlySet<string>;
  /** …and those with the other guide's title. */
  words: ReadonlySet<string>;
}

const POINTER = /xem hướng dẫn\s*["“«]([^"”»]+)["”»]/iu;
const cache = new WeakMap<KnowledgeSnapshot, ReadonlyMap<string, readonly Pointer[]>>();

/** Each document's pointers to other documents, found once per snapshot. */
export function pointersOf(snapshot: KnowledgeSnapshot, docId: string): readonly Pointer[] {
  let all = cache.get(snapshot);
  if (!all) cache.set(snapshot, (all = findPointers(snapshot)));
  return all.get(docId) ?? [];
}

function findPointers(snapshot: KnowledgeSnapshot): Map<string, Pointer[]> {
  const titles = snapshot.docs.map((d) => ({ doc: d, folded: ` ${foldedTokens(d.title).join(' ')} ` }));
  // A pointer names a guide by its title or the title's head ("Sự cố tài khoản VNeID" for "Sự cố tài khoản VNeID: quên mật khẩu, …").
  const byTitle = (name: string) => {
    const folded = ` ${foldedTokens(name).join(' ')} `;
    return (titles.find((t) => t.folded === folded) ?? titles.find((t) => t.folded.startsWith(folded)))?.doc;
  };
  const found = new Map<string, Pointer[]>();
  for (const doc of snapshot.docs) {
    for (const section of doc.sections) {
      for (const line of section.text.split(/\n|(?<=[.!?])\s+/u)) {
        const m = POINTER.exec(line);
        if (!m) continue;
        const target = byTitle(m[1]);
        const said = foldedTokens(line.slice(0, m.index));
        // "Xem hướng dẫn …" on its own names nothing that is sent there.
        if (!target || target.id === doc.id || said.length === 0) continue;
        const list = found.get(doc.id) ?? found.set(doc.id, []).get(doc.id)!;
        list.push({ to: target.id, said: new Set(said), words: new Set([...said, ...foldedTokens(target.title)]) });
      }
    }
  }
  return found;
}

/** How far down retrieval's ranking the guide pointed to may be. */
const POINTED_RANKS = 3;
/** The IDF-weighted share of the question's topic words the pointer must hold. */
const POINTER_MIN_SHARE = 0.6;
/** …of which the pointer's line itself must hold this share. */
const POINTER_MIN_SAID = 0.25;

function shareHeld(snapshot: KnowledgeSnapshot, q: Question, words: readonly string[], held: ReadonlySet<string>, idf: (w: string) => number): number {
  const viaSynonym = snapshot.synonyms.coveredTokens(q, held);
  return words.reduce((s, w) => s + (held.has(w) || viaSynonym.has(w) ? idf(w) : 0), 0);
}

/**
 * The guide that retrieval's first document itself sends the reader to for what is asked: the login guide
 * mentions a forgotten VNeID password once and says "Quên mật khẩu …: xem hướng dẫn "Sự cố tài khoản VNeID"",
 * so "quen passcode vneid thi lam sao" belongs to that guide. Only when the question does not name the first
 * document, the pointer's line and the other guide's title hold most of the question's topic words, and
 * retrieval ranks that guide near the top.
 */
export function pointedTo(snapshot: KnowledgeSnapshot, q: Question, retrieval: RetrievalResult, hits: readonly NameHit[]): DocumentHit | undefined {
  const top = retrieval.documents[0];
  if (!top || hits.some((h) => h.docIds.has(top.docId))) return undefined;
  const pointers = pointersOf(snapshot, top.docId);
  if (pointers.length === 0) return undefined;
  const words = [...new Set(q.topic)].filter((w) => snapshot.bm25.has(w));
  const idf = (w: string) => snapshot.bm25.idf(w);
  const total = words.reduce((s, w) => s + idf(w), 0);
  if (total === 0) return undefined;
  let best: { hit: DocumentHit; share: number } | undefined;
  for (const p of pointers) {
    const hit = retrieval.documents.slice(1, POINTED_RANKS).find((d) => d.docId === p.to);
    if (!hit) continue;
    const share = shareHeld(snapshot, q, words, p.words, idf) / total;
    // The line itself must say some of it: a guide's title alone ("Tài khoản định danh điện tử VNeID" after "Nếu chưa có, bà con xem …") sends nothing asked.
    const said = shareHeld(snapshot, q, words, p.said, idf) / total;
    if (share >= POINTER_MIN_SHARE && said >= POINTER_MIN_SAID && share > (best?.share ?? 0)) best = { hit, share };
  }
  return best?.hit;
}
