import type { KnowledgeDoc } from '../../src/knowledge/schema.js';
import { plainFolded } from '../../src/text/vietnamese.js';

/*
 * Where a knowledge document may take its citizen-facing source (`official_url`) from, and what its facts must
 * share with its body (issue 10). The rules, each testable on a made-up document:
 *
 * - A procedure's `official_url` is the procedure's own page on a gov.vn host: on the national portal
 *   (dichvucong.gov.vn and its subdomains) a page that names one procedure (/thu-tuc-hanh-chinh/<id> or
 *   ?ma_thu_tuc=<code>), on the police portal a page with ?matt=<id>, elsewhere on gov.vn any page but the home page.
 * - A public body that is not on gov.vn may be the source of its own procedures on its own site (listed below,
 *   each with the reason).
 * - chinhphu.vn is the Government's own portal (vanban.chinhphu.vn: legal texts; congbao.chinhphu.vn: the
 *   official gazette). It publishes the legal text that sets a procedure out, not procedure pages. A legal text
 *   there may stand as `official_url` only when the document gives no procedure code (a code means a portal page
 *   exists and must be used) and a staff note in the file (a `# … official_url …` line in the front matter or an
 *   HTML comment) says why no procedure page is used.
 * - Pages of gov.vn are one procedure's each: two procedure documents never share one (a page of another
 *   procedure used as a stand-in), unless the borrowing document tells the citizen in its body that no official
 *   page of its own was found and whose page it cites instead. A legal text may serve several documents.
 * - A procedure document has fee, where, online, and time or deadline facts; every number of a fact, the fee
 *   amount and every valid_until date are also said in the body, which is what the answerer quotes.
 */

export const GOV_VN = /(^|\.)gov\.vn$/;
export const GOVERNMENT_PORTAL = /(^|\.)chinhphu\.vn$/;
const NATIONAL_PORTAL = /(^|\.)dichvucong\.gov\.vn$/;
const POLICE_PORTAL = 'dichvucong.bocongan.gov.vn';

/** Public bodies outside gov.vn that publish their own procedures, by host. */
export const OWN_SITES_OUTSIDE_GOV_VN: ReadonlyMap<string, string> = new Map([
  ['vbsp.org.vn', 'Ngân hàng Chính sách xã hội: its lending procedures are its own, published on its site'],
]);

export type SourceDoc = Pick<KnowledgeDoc, 'official_url' | 'procedure_code' | 'sections'> & { raw?: string };

export function isHomePage(u: URL): boolean {
  return (u.pathname === '/' || u.pathname === '') && u.search === '';
}

/** A staff note about the source: a front-matter comment line or an HTML comment that names official_url. */
export function hasSourceNote(raw: string): boolean {
  return /^\s*#[^\n]*official_url/m.test(raw) || /<!--(?:(?!-->)[\s\S])*official_url(?:(?!-->)[\s\S])*-->/.test(raw);
}

/** Why this procedure document's official_url is not acceptable, or null. */
export function officialUrlProblem(d: SourceDoc): string | null {
  const u = new URL(d.official_url);
  const host = u.hostname.toLowerCase();
  if (u.protocol !== 'https:') return 'not https';
  if (isHomePage(u)) return 'a home page';
  if (GOVERNMENT_PORTAL.test(host)) {
    if (d.procedure_code) return `a legal text although the procedure has a code (${d.procedure_code}): use its procedure page`;
    if (!hasSourceNote(d.raw ?? '')) return 'a legal text with no staff note (a "# … official_url …" line) saying why no procedure page is used';
    return null;
  }
  if (OWN_SITES_OUTSIDE_GOV_VN.has(host)) return null;
  if (!GOV_VN.test(host)) return `host ${host} is not gov.vn`;
  if (NATIONAL_PORTAL.test(host) && host !== POLICE_PORTAL) {
    const code = u.searchParams.get('ma_thu_tuc');
    if (!/^\/thu-tuc-hanh-chinh\/[\w-]+$/.test(u.pathname) && !code) return 'a national-portal page that names no procedure';
    if (code && /^\d\.\d{6}$/.test(code) && d.procedure_code && code !== d.procedure_code) return `page of procedure ${code}, document says ${d.procedure_code}`;
  }
  if (host === POLICE_PORTAL && !u.searchParams.get('matt')) return 'a police-portal page that names no procedure';
  return null;
}

/** Procedure pages (not legal texts) that more than one document uses, with the documents. */
export function sharedProcedurePages(docs: ReadonlyArray<Pick<KnowledgeDoc, 'id' | 'official_url' | 'sections'>>): string[][] {
  const byUrl = new Map<string, string[]>();
  for (const d of docs) {
    if (GOVERNMENT_PORTAL.test(new URL(d.official_url).hostname)) continue;
    if (SAYS_PAGE_IS_BORROWED.test(plainFolded(body(d)))) continue;
    byUrl.set(d.official_url, [...(byUrl.get(d.official_url) ?? []), d.id]);
  }
  return [...byUrl.values()].filter((ids) => ids.length > 1);
}

/** The body says no page of its own was found and names the page it cites instead. */
const SAYS_PAGE_IS_BORROWED = /chua tim duoc trang chinh thuc.{0,200}trang dan nguon/;

function body(d: Pick<KnowledgeDoc, 'sections'>): string {
  return d.sections.map((s) => `${s.heading}\n${s.text}`).join('\n');
}

function dayMonthYear(iso: string): RegExp {
  const [y, m, d] = iso.split('-').map(Number);
  return new RegExp(`(^|\\D)0?${d}/0?${m}/${y}(\\D|$)`);
}

/** Facts missing, and facts the body does not also say, for a procedure document. */
export function factProblems(d: Pick<KnowledgeDoc, 'facts' | 'sections'>): string[] {
  const problems: string[] = [];
  const facts = d.facts ?? {};
  for (const k of ['fee', 'where', 'online'] as const) if (!facts[k]) problems.push(`no ${k} fact`);
  if (!facts.time && !facts.deadline) problems.push('no time or deadline fact');
  const text = body(d);
  for (const [kind, fact] of Object.entries(facts)) {
    if (!fact) continue;
    for (const n of fact.text.match(/\d+(?:[.,/]\d+)*/g) ?? []) if (!text.includes(n)) problems.push(`${kind}: "${n}" is not in the body`);
    if (fact.valid_until && !dayMonthYear(fact.valid_until).test(text)) problems.push(`${kind}: valid until ${fact.valid_until}, a date the body does not say`);
  }
  const amount = facts.fee?.amount;
  if (amount === 0 && !/mien phi|khong mat|khong thu|khong (dat|co) khoan (le )?phi|khong phai (nop|tra|dong)|0 dong|duoc mien|mien (le phi|hoc phi)/.test(plainFolded(text))) {
    problems.push('fee 0, but the body never says it is free');
  }
  if (amount !== undefined && amount > 0 && !text.includes(amount.toLocaleString('de-DE'))) problems.push(`fee ${amount.toLocaleString('de-DE')} đồng is not in the body`);
  return problems;
}
