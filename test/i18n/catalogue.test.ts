import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
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

describe('the server speaks the citizen’s language', () => {
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
