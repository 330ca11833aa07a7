import { describe, expect, it } from 'vitest';
import { createSynonymIndex } from '../../src/knowledge/synonyms.js';
import { normalizeQuestion } from '../../src/text/question.js';

describe('synonym index', () => {
  const index = createSynonymIndex([
    ['căn cước', 'cccd'],
    ['khai sinh', 'giấy khai sinh'],
  ]);

  it('covers the question syllables whose synonym a document has in full, for each document asked about with the same question', () => {
    const q = normalizeQuestion('lam cccd va khai sinh');
    // Asked with the same question object against different documents (the groups it mentions are found once).
    expect([...index.coveredTokens(q, new Set(['can', 'cuoc']))]).toEqual(['cccd']);
    expect([...index.coveredTokens(q, new Set(['khai', 'sinh']))].sort()).toEqual(['khai', 'sinh']);
    expect([...index.coveredTokens(q, new Set(['can']))]).toEqual([]); // half of "căn cước" is not the synonym
    expect([...index.coveredTokens('lam ho chieu', new Set(['can', 'cuoc']))]).toEqual([]); // no group mentioned
  });

  it('expands a question with the other terms of the groups it mentions', () => {
    expect(index.expand('lam cccd')).toBe('can cuoc');
  });

  it('lists the other terms group by group, so retrieval can count each group once', () => {
    expect(index.alternatives('lam cccd va khai sinh')).toEqual([['can cuoc'], ['giay khai sinh']]);
    // the term typed is not its own alternative; a question naming no group has none
    expect(index.alternatives('giay khai sinh')).toEqual([[]]);
    expect(index.alternatives('lam ho chieu')).toEqual([]);
  });

  it('finds a group by any of its terms, wherever the term stands, and lists the groups in file order', () => {
    const groups = createSynonymIndex([
      ['hộ chiếu', 'passport'],
      ['căn cước', 'cccd', 'thẻ căn cước'],
      ['khai sinh', 'giấy khai sinh'],
    ]);
    // Mentioned in the reverse order of the file.
    expect(groups.expand('khai sinh va the can cuoc')).toBe('cccd ; giay khai sinh');
    expect(groups.expand('xin passport')).toBe('ho chieu');
    // The first syllable of a term alone ("ho", "the") mentions no group.
    expect(groups.expand('ho ten tren the')).toBe('');
  });
});
