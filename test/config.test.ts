import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('works offline with no configuration', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.llmEnabled).toBe(false);
    expect(c.remoteEmbeddings).toBe(false);
    expect(c.allowedOrigins).toEqual([]);
    expect(c.FUSION).toBeUndefined(); // the knob's value comes from config/tuning.yaml unless overridden
  });

  it('turns on the LLM with a base URL and the remote embedder only with a model too', () => {
    const c = loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' });
    expect(c.llmEnabled).toBe(true);
    expect(c.remoteEmbeddings).toBe(false);
    expect(loadConfig({ OPENAI_BASE_URL: 'http://x/v1', EMBEDDING_MODEL: 'e5' }).remoteEmbeddings).toBe(true);
  });

  it('names the variable in one line when a value is bad', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/^Invalid PORT: .*"70000"/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/Invalid LOG_LEVEL/);
    expect(() => loadConfig({ OPENAI_BASE_URL: 'not a url' })).toThrow(/Invalid OPENAI_BASE_URL/);
    expect(() => loadConfig({ FUSION_ALPHA: '2' })).toThrow(/Invalid FUSION_ALPHA/);
  });

  it('takes a PostgreSQL URL for DATABASE_URL (either scheme) and refuses another database', () => {
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://dvc:pw@db:5432/dvc' }).DATABASE_URL).toBe('postgres://dvc:pw@db:5432/dvc');
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/dvc' }).DATABASE_URL).toBe('postgresql://db/dvc');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/dvc' })).toThrow(/Invalid DATABASE_URL/);
  });

  it('parses allowed origins', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://dichvucong.sonla.gov.vn, https://a.b' }).allowedOrigins).toEqual([
      'https://dichvucong.sonla.gov.vn',
      'https://a.b',
    ]);
  });
});
