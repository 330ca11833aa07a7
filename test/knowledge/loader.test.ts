import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge, parseDocument } from '../../src/knowledge/loader.js';
import { chunkDocument } from '../../src/knowledge/chunker.js';
import { tempKnowledge } from '../helpers/fixtures.js';

const GOOD = `---
id: vi-du
title: Ví dụ
kind: huong-dan
agency: UBND cấp xã
online: toan-trinh
official_url: https://dichvucong.gov.vn
verified: 2026-11-20
questions: [a b c, d e f, g h i, j k l, m n o, p q r]
tags: [vi-du]
---
# Ví dụ

Lời dẫn.

## Các bước

1. Bước một.
`;

describe('knowledge loader', () => {
  it('loads valid documents with their sections, synonyms and suggestions', async () => {
    const { knowledgeDir } = tempKnowledge();
    const k = await loadKnowledge(knowledgeDir);
    expect(k.errors).toEqual([]);
    expect(k.docs.map((d) => d.id).sort()).toEqual(['dang-ky-khai-sinh', 'the-can-cuoc', 'tra-cuu-ho-so', 'vneid-su-co']);
    const ks = k.docs.find((d) => d.id === 'dang-ky-khai-sinh')!;
    expect(ks.sections.map((s) => s.heading)).toEqual(['', 'Ai cần làm', 'Giấy tờ cần chuẩn bị', 'Các bước làm trực tuyến', 'Thời hạn và lệ phí', 'Nộp ở đâu, ai hỗ trợ', 'Căn cứ pháp lý']);
    expect(k.synonyms).toHaveLength(2);
    expect(k.suggestions).toHaveLength(2);
    expect(k.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports each bad file with file, field and reason, and still loads the rest', async () => {
    const { knowledgeDir } = tempKnowledge();
    const write = (name: string, text: string) => writeFileSync(path.join(knowledgeDir, 'huong-dan', name), text);
    write('khong-front-matter.md', '# Chỉ có tiêu đề\n');
    write('yaml-hong.md', GOOD.replace('title: Ví dụ', 'title: [chưa đóng').replace('id: vi-du', 'id: yaml-hong'));
    write('http-url.md', GOOD.replace('id: vi-du', 'id: http-url').replace('https://dichvucong.gov.vn', 'http://dichvucong.gov.vn'));
    write('thieu-nguon.md', GOOD.replace('id: vi-du', 'id: thieu-nguon').replace(/official_url:.*\n/, ''));
    write('sai-ten.md', GOOD);
    write('it-cau-hoi.md', GOOD.replace('id: vi-du', 'id: it-cau-hoi').replace('questions: [a b c, d e f, g h i, j k l, m n o, p q r]', 'questions: [a b c]'));
    write('vi-du.md', GOOD);
    writeFileSync(path.join(knowledgeDir, 'thu-tuc', 'vi-du.md'), GOOD);

    const k = await loadKnowledge(knowledgeDir);
    const byFile = Object.fromEntries(k.errors.map((e) => [e.file, e]));
    expect(byFile['huong-dan/khong-front-matter.md'].field).toBe('front matter');
    expect(byFile['huong-dan/yaml-hong.md'].reason).toMatch(/^YAML/);
    expect(byFile['huong-dan/http-url.md']).toMatchObject({ field: 'official_url', reason: expect.stringMatching(/https/) });
    expect(byFile['huong-dan/thieu-nguon.md'].field).toBe('official_url');
    expect(byFile['huong-dan/sai-ten.md']).toMatchObject({ field: 'id', reason: expect.stringMatching(/file name/) });
    expect(byFile['huong-dan/it-cau-hoi.md'].field).toBe('questions');
    expect(byFile['thu-tuc/vi-du.md']).toMatchObject({ field: 'id', reason: expect.stringMatching(/duplicate/) });
    expect(k.docs.map((d) => d.id)).toContain('vi-du');
    expect(k.docs).toHaveLength(5);
  });

  it('reports a broken synonyms file without losing the documents', async () => {
    const { knowledgeDir } = tempKnowledge();
    writeFileSync(path.join(knowledgeDir, '_synonyms.yaml'), 'groups: [[chỉ một]]');
    const k = await loadKnowledge(knowledgeDir);
    expect(k.errors).toEqual([expect.objectContaining({ file: '_synonyms.yaml' })]);
    expect(k.docs).toHaveLength(4);
  });

  it('chunks by heading; every chunk knows its document and section path', async () => {
    const parsed = parseDocument('huong-dan/vi-du.md', GOOD);
    if (!('doc' in parsed)) throw new Error(parsed.error.reason);
    const chunks = await chunkDocument(parsed.doc);
    expect(chunks[0]).toMatchObject({ profile: true, docId: 'vi-du' });
    const steps = chunks.find((c) => c.section === 'Các bước')!;
    expect(steps.sectionPath).toEqual(['Ví dụ', 'Các bước']);
    expect(steps.text).toContain('Bước một');
  });

  it('splits a very long section with the recursive splitter', async () => {
    const long = GOOD.replace('1. Bước một.', Array.from({ length: 80 }, (_, i) => `${i + 1}. Đây là một bước khá dài để thử chia đoạn.`).join('\n'));
    const parsed = parseDocument('huong-dan/vi-du.md', long);
    if (!('doc' in parsed)) throw new Error(parsed.error.reason);
    const parts = (await chunkDocument(parsed.doc)).filter((c) => c.section === 'Các bước');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.text.length).toBeLessThan(1200);
  });

  it('drops HTML comments (notes for staff) from the text citizens are answered with, but not the text around them', () => {
    const withNote = GOOD.replace('1. Bước một.', '1. Bước một. <!-- chưa xác minh: mức phí 2026 -->\n<!--\nghi chú\nnhiều dòng -->\n2. Bước hai.');
    const parsed = parseDocument('huong-dan/vi-du.md', withNote);
    if (!('doc' in parsed)) throw new Error(parsed.error.reason);
    const text = parsed.doc.sections.map((s) => s.text).join('\n');
    expect(text).not.toMatch(/chưa xác minh|ghi chú|<!--|-->/);
    expect(text).toContain('1. Bước một.');
    expect(text).toContain('2. Bước hai.');
  });

  it('takes a quoted procedure code and explains an unquoted one (YAML would read it as a number)', () => {
    const quoted = parseDocument('huong-dan/vi-du.md', GOOD.replace('verified:', 'procedure_code: "1.001190"\nverified:'));
    expect('doc' in quoted && quoted.doc.procedure_code).toBe('1.001190');
    const bare = parseDocument('huong-dan/vi-du.md', GOOD.replace('verified:', 'procedure_code: 1.001190\nverified:'));
    expect('error' in bare && bare.error).toMatchObject({ field: 'procedure_code', reason: expect.stringMatching(/quoted/) });
  });
});
