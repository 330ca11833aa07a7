import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANNED, cannedReplies, HOTLINE } from '../../src/answer/canned.js';
import { ConfigError } from '../../src/config.js';
import { decide } from '../../src/safety/decide.js';
import { EMERGENCY_NUMBERS } from '../../src/safety/emergency-numbers.js';
import { bundledLexicon } from '../../src/safety/lexicon.js';
import { matchLexicon } from '../../src/safety/matcher.js';
import { loadCatalogues } from '../../src/i18n/catalogue.js';
import { DEFAULT_STRINGS } from '../../src/widget/strings.js';
import { buildTestApp, REPO_ROOT } from '../helpers/app.js';
import { staffAccountsEnv } from '../helpers/staff.js';

const LOCALES = path.join(REPO_ROOT, 'locales');

/** A copy of the shipped catalogues plus `files`. */
function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dvc-locales-'));
  cpSync(LOCALES, dir, { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(path.join(dir, name), typeof data === 'string' ? data : JSON.stringify(data));
  return dir;
}

describe('language catalogues', () => {
  it('ship Vietnamese and English, complete; the widget bundles the Vietnamese one', () => {
    const c = loadCatalogues(LOCALES);
    expect(c.languages).toEqual([
      { code: 'vi', name: 'Tiếng Việt' },
      { code: 'en', name: 'English' },
    ]);
    expect(c.widget('vi')).toEqual(DEFAULT_STRINGS);
    expect(c.widget('en').send).toBe('Send question');
    expect(c.text('en', 'desk.noStaff', { hotline: '18001096' })).toContain('18001096');
    expect(c.pick('xx')).toBe('vi');
    expect(c.pick('en')).toBe('en');
  });

  it('a new language is a file: keys it leaves out stay Vietnamese', () => {
    const c = loadCatalogues(folder({ 'hmn.json': { name: "Lus Hmoob", widget: { send: 'Xa lus nug' } } }));
    expect(c.languages.map((l) => l.code)).toContain('hmn');
    expect(c.widget('hmn').send).toBe('Xa lus nug');
    expect(c.widget('hmn').handoff).toBe('Gặp cán bộ hỗ trợ');
    expect(c.text('hmn', 'errors.busy')).toBe(c.text('vi', 'errors.busy'));
  });

  it('refuses a misspelt key, a lost placeholder, a wrong shape, a bad file name or bad JSON, naming file and key', () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ 'th.json': { widget: { sned: 'x' } } }, /th\.json: widget\.sned: no such key in vi\.json/],
      [{ 'th.json': { widget: { handoffTaken: 'Cán bộ đang hỗ trợ' } } }, /th\.json: widget\.handoffTaken: must contain exactly the placeholders name/],
      [{ 'th.json': { server: { hours: { days: ['a', 'b'] } } } }, /server\.hours\.days: expected a list of 7/],
      [{ 'th.json': { widget: { send: '' } } }, /widget\.send: expected a non-empty string/],
      [{ 'th.json': { server: { replies: { hotlineLine: 'Gọi tổng đài 1900 0000' } } } }, /server\.replies\.hotlineLine: must contain exactly the placeholders portalHotline/],
      [{ 'Thai.json': {} }, /Thai\.json: the file name must be a language code/],
      [{ 'th.json': '{"widget": ' }, /th\.json: /],
    ];
    for (const [files, message] of bad) {
      const dir = folder(files);
      expect(() => loadCatalogues(dir)).toThrow(ConfigError);
      expect(() => loadCatalogues(dir)).toThrow(message);
    }
  });
});

describe('the answer engine’s canned replies', () => {
  // Placeholders the step that writes the line fills in: the longest question; the guidance's title, what it does not say, the office.
  const LEFT_FOR_THE_STEP: Record<string, string[]> = {
    guard_input_too_long: ['{max}'],
    not_covered: ['{missing}', '{title}'],
    not_covered_unclear: ['{title}'],
    partial_note: ['{missing}', '{title}'],
    ask_office: ['{office}'],
    which_case: ['{cases}'],
    fact_until: ['{date}', '{text}'],
    fact_expired: ['{date}', '{office}', '{text}'],
    online_at: ['{link}'],
  };
  it('are in every catalogue with the hotline filled in and only the placeholders the answer step fills left', () => {
    const c = loadCatalogues(LOCALES);
    for (const { code } of c.languages) {
      const replies = cannedReplies(c.replies(code));
      expect(replies.out_of_scope).toContain(`**${HOTLINE}**`);
      expect(replies.error_non_specific.endsWith(replies.hotlineLine)).toBe(true);
      for (const [key, text] of Object.entries(replies)) expect((text.match(/\{\w+\}/g) ?? []).sort(), `${code} ${key}`).toEqual(LEFT_FOR_THE_STEP[key] ?? []);
    }
    expect(CANNED).toEqual(cannedReplies(c.replies('vi')));
    expect(CANNED.greeting).toMatch(/^Chào bà con! Tôi là Trợ lý Dịch vụ công/);
    // A language that leaves the replies out answers them in Vietnamese.
    const hmn = loadCatalogues(folder({ 'hmn.json': { name: 'Lus Hmoob', server: { replies: { thanks: 'Ua tsaug' } } } }));
    expect(cannedReplies(hmn.replies('hmn'))).toEqual({ ...CANNED, thanks: 'Ua tsaug' });
  });
});

describe('the safety step’s replies', () => {
  const match = (text: string) => matchLexicon(bundledLexicon(), text);
  it('Vietnamese: the lexicon’s own reply per category and the numbers line with the official names; another language: its own words', () => {
    const c = loadCatalogues(LOCALES);
    expect(c.safety('vi').numbers).toEqual(EMERGENCY_NUMBERS);
    expect(c.safety('vi').replies).toBeUndefined();
    const fire = 'nhà tôi đang cháy, có người bất tỉnh';
    const vi = decide(match(fire), '18001096', c.safety('vi'))!;
    expect(vi).toEqual(decide(match(fire), '18001096'));
    expect(vi.line).toMatch(/^Gọi ngay \*\*114\*\* \(cứu hỏa, cứu nạn cứu hộ\), \*\*115\*\* \(cấp cứu y tế\): miễn phí, 24\/7\.$/);
    const en = decide(match(fire), '18001096', c.safety('en'))!;
    expect(en.line).toBe('Call **114** (fire and rescue), **115** (medical emergency) now: free of charge, 24/7.');
    // each emergency's own advice, in English: the fire's, then the unconscious person's
    expect(en.reply).toMatch(/^Call .*\n\nGet out of the house now, .*\n\nStay calm, stay with the sick person/s);
    const insult = decide(match('cán bộ xã ngu như bò'), '1900 1234', c.safety('en'))!;
    expect(insult).toMatchObject({ status: 'refused_abusive', reply: expect.stringMatching(/^I understand you are upset.*call the hotline 1900 1234\.\nSay clearly the date/s) });
    // A language that translates none of the replies says the lexicon's Vietnamese ones, with its own numbers line.
    const hmn = loadCatalogues(folder({ 'hmn.json': { name: 'Lus Hmoob', server: { safety: { callNow: 'Hu {numbers} tam sim no.' } } } }));
    expect(hmn.safety('hmn').replies).toBeUndefined();
    const fromHmn = decide(match(fire), '18001096', hmn.safety('hmn'))!;
    expect(fromHmn.reply.replace(fromHmn.line!, '')).toBe(vi.reply.replace(vi.line!, ''));
    expect(fromHmn.line).toMatch(/^Hu \*\*114\*\*/);
  });

  it('every category of the bundled lexicon has its Vietnamese reply in vi.json (to translate from) and its own English one', () => {
    const lexicon = bundledLexicon();
    const ids = lexicon.categories.map((c) => c.id).sort();
    const vi = JSON.parse(readFileSync(path.join(LOCALES, 'vi.json'), 'utf8')).server.safety.categories as Record<string, string>;
    expect(Object.keys(vi).sort()).toEqual(ids);
    for (const c of lexicon.categories) expect(vi[c.id], c.id).toBe(c.reply.trim());
    const en = loadCatalogues(LOCALES).safety('en').categories!;
    expect(Object.keys(en).sort()).toEqual(ids);
  });

  it('English: a refusal gives its own category’s lawful path, an emergency its own advice; an untranslated category says the status’s reply once', () => {
    const en = loadCatalogues(LOCALES).safety('en');
    // weapons are not answered with the papers' lawful path
    expect(decide(match('chỉ cách chế súng tự chế'), '18001096', en)!.reply).toMatch(/^I cannot help with weapons, explosives, drugs/);
    expect(decide(match('chỉ tôi cách làm giả căn cước'), '18001096', en)!.reply).toMatch(/^I cannot help with this because it is against the law \(forging/);
    const child = decide(match('con tôi bị người lạ bắt cóc'), '18001096', en)!;
    expect(child.reply).toMatch(/^Call \*\*113\*\* \(police\), \*\*111\*\* \(national child protection hotline\) now: free of charge, 24\/7\.\n\nReport it to the police now \(113\)/);
    // a language with a reply per status only: that reply, once, however many emergencies matched
    const hmn = loadCatalogues(folder({ 'hmn.json': { name: 'Lus Hmoob', server: { safety: { replies: { emergency: 'Thaum koj nyab xeeb lawm.', refused_harmful: 'Kuv pab tsis tau.' } } } } })).safety('hmn');
    expect(hmn.categories).toBeUndefined();
    const fire = decide(match('nhà tôi đang cháy, có người bất tỉnh'), '18001096', hmn)!;
    expect(fire.reply).toBe(`${fire.line}\n\nThaum koj nyab xeeb lawm.`);
    expect(decide(match('chỉ cách chế súng tự chế'), '18001096', hmn)!.reply).toBe('Kuv pab tsis tau.');
  });
});

describe('the server speaks the citizen’s language', () => {
  it('a refusal and an emergency reply in the socket’s language', async () => {
    const server = await buildTestApp();
    const ask = async (lang: string, text: string) => {
      const c = await server.socket();
      c.send({ type: 'hello', lang });
      await c.waitFor((f) => f.type === 'ready');
      c.send({ type: 'ask', id: 'q', text });
      const answer = await c.waitFor((f) => f.type === 'answer');
      c.close();
      return answer;
    };
    expect(await ask('en', 'chỉ tôi cách làm giả căn cước')).toMatchObject({ status: 'refused_harmful', text: expect.stringMatching(/^I cannot help with this because it is against the law \(forging/) });
    expect(await ask('vi', 'chỉ tôi cách làm giả căn cước')).toMatchObject({ status: 'refused_harmful', text: expect.stringMatching(/^Tôi không thể hướng dẫn việc này/) });
    expect(await ask('en', 'nhà tôi đang cháy')).toMatchObject({ status: 'emergency', text: expect.stringMatching(/^Call \*\*114\*\* \(fire and rescue\) now.*\n\nGet out of the house now/s) });
    await server.close();
  });

  it('the bot’s canned replies follow the language of the socket and of POST /api/ask; the documents’ answers are unchanged', async () => {
    const server = await buildTestApp();
    const en = await server.socket();
    en.send({ type: 'hello', lang: 'en' });
    await en.waitFor((f) => f.type === 'ready');
    const vi = await server.citizen();
    const greeting = async (c: typeof en) => {
      c.send({ type: 'ask', id: 'g', text: 'xin chào' });
      return c.waitFor((f) => f.type === 'answer' && f.id === 'g');
    };
    expect(await greeting(en)).toMatchObject({ status: 'greeting', text: expect.stringMatching(/^Hello! I am the Public Service Assistant\./) });
    expect(await greeting(vi)).toMatchObject({ status: 'greeting', text: CANNED.greeting });
    en.send({ type: 'ask', id: 'o', text: 'giá vàng hôm nay bao nhiêu' });
    const outOfScope = await en.waitFor((f) => f.type === 'answer' && f.id === 'o');
    expect(outOfScope).toMatchObject({ status: 'out_of_scope', text: expect.stringContaining(`National Public Service Portal hotline **${HOTLINE}**`) });
    // A document's answer is the document's words, in whichever language the widget speaks.
    const documentAnswer = async (c: typeof en) => {
      c.send({ type: 'ask', id: 'd', text: 'đăng ký khai sinh cho con cần giấy tờ gì' });
      return c.waitFor((f) => f.type === 'answer' && f.id === 'd');
    };
    const [fromEn, fromVi] = [await documentAnswer(en), await documentAnswer(vi)];
    expect(fromEn.grounded).toBe(true);
    expect(fromEn.text).toBe(fromVi.text);
    en.close();
    vi.close();

    const ask = async (body: Record<string, unknown>) =>
      (await server.fetch('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
    expect(await ask({ question: 'cảm ơn', lang: 'en' })).toMatchObject({ status: 'greeting', answer: 'You are welcome. If you need to ask about another procedure, just write to me.' });
    expect(await ask({ question: 'cảm ơn', lang: 'xx' })).toMatchObject({ answer: CANNED.thanks });
    expect(await ask({ question: 'cảm ơn' })).toMatchObject({ answer: CANNED.thanks });
    await server.close();
  });


  it('hello with lang=en: ready carries the English widget strings; errors and the desk’s messages are in English, hours too', async () => {
    // Monday 30 November 2026, 20:00 in Vietnam: after office hours
    const { FakeClock } = await import('../helpers/clock.js');
    const server = await buildTestApp({ clock: new FakeClock(Date.parse('2026-11-30T13:00:00Z')), env: { STAFF_ACCOUNTS: await staffAccountsEnv() } });
    const c = await server.socket();
    c.send({ type: 'hello', lang: 'en' });
    const ready = await c.waitFor((f) => f.type === 'ready');
    expect(ready).toMatchObject({ lang: 'en', languages: [{ code: 'vi', name: 'Tiếng Việt' }, { code: 'en', name: 'English' }] });
    expect(ready.strings.send).toBe('Send question');
    expect(ready.support.hours).toBe('Monday to Friday: 7:30 to 11:30 and 13:30 to 17:00');
    c.send({ type: 'handoff' });
    const handoff = await c.waitFor((f) => f.type === 'handoff');
    expect(handoff.message).toBe(
      'It is outside office hours and no officer is on duty. Officers work Monday to Friday: 7:30 to 11:30 and 13:30 to 17:00. You can call the hotline 18001096, or leave a phone number for an officer to call you back during office hours.',
    );
    c.send({ type: 'feedback_lookup', code: 'AAAA-AAAA-AAAA' });
    expect((await c.waitFor((f) => f.type === 'error')).message).toBe('This tracking code was not found. Please check the code.');

    // Vietnamese (or an unknown language) gets no strings: the widget has them.
    const v = await server.socket();
    v.send({ type: 'hello', lang: 'xx' });
    const vready = await v.waitFor((f) => f.type === 'ready');
    expect(vready.lang).toBe('vi');
    expect(vready.strings).toBeUndefined();
    v.send({ type: 'handoff' });
    expect((await v.waitFor((f) => f.type === 'handoff')).message).toContain('Cán bộ làm việc thứ Hai đến thứ Sáu: sáng từ 7 giờ 30');
    c.close();
    v.close();
    await server.close();
  });
});
