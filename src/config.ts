import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_KNOWLEDGE_LIMITS } from './knowledge/loader.js';
import { parseAddressList, parseTrustProxy, type TrustProxy } from './lib/proxy.js';

/**
 * Every setting comes from the environment, is validated here once at start-up,
 * and has a default that works offline with no configuration at all.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const num = (min: number, max: number) => z.coerce.number().min(min).max(max);
const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const envSchema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  KNOWLEDGE_DIR: z.string().min(1).default('knowledge'),
  DATA_DIR: z.string().min(1).default('data'),
  /** PostgreSQL (postgres://user:password@host:5432/db) instead of SQLite in DATA_DIR: for several instances. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PROMPTS_DIR: z.string().min(1).default('prompts'),
  /** Language catalogues (`<code>.json`: the widget's strings and the server's replies). */
  LOCALES_DIR: z.string().min(1).default('locales'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),

  OPENAI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  OPENAI_API_KEY: optionalString,
  CHAT_MODEL: z.string().min(1).default('gpt-4o-mini'),
  EMBEDDING_MODEL: optionalString,
  /** One deadline per turn for every model call (condense + answer, retries included). */
  LLM_TIMEOUT_MS: int(1000, 300_000).default(30_000),
  /** No token from the model for this long → the extractive answer. */
  LLM_IDLE_MS: int(200, 300_000).default(10_000),
  /** A model answer longer than this is abandoned for the extractive one. */
  LLM_MAX_ANSWER_CHARS: int(200, 100_000).default(4000),

  /** Comma-separated origins allowed to open the websocket; empty = same origin only; * = any. */
  ALLOWED_ORIGINS: z.string().default(''),

  MAX_QUESTION_CHARS: int(10, 10_000).default(1000),
  MAX_FRAME_BYTES: int(1024, 1_048_576).default(16_384),
  /** Frames a single websocket may send per RATE_WINDOW_MS before it gets `rate_limited`. */
  RATE_LIMIT_FRAMES: int(1, 10_000).default(20),
  RATE_WINDOW_MS: int(100, 600_000).default(10_000),
  /** Requests per minute per IP to /api/ask and /api/search. */
  HTTP_RATE_LIMIT: int(1, 100_000).default(60),
  HISTORY_TURNS: int(0, 50).default(6),
  /** Guide shown when a citizen asks where their own dossier is (the bot cannot see it). */
  DOSSIER_GUIDE_DOC_ID: z.string().regex(/^[a-z0-9-]+$/).default('tra-cuu-ho-so'),

  // Overrides of the retrieval knobs in config/tuning.yaml (unset = the file's value; see src/tuning.ts).
  RETRIEVAL_TOP_K: int(1, 200).optional(),
  RETRIEVAL_MAX_SOURCES: int(1, 10).optional(),
  FUSION: z.enum(['weighted', 'rrf']).optional(),
  FUSION_ALPHA: num(0, 1).optional(),
  GROUNDED_MIN_COVERAGE: num(0, 1).optional(),
  GROUNDED_STRONG_SCORE: num(0, 10).optional(),
  GROUNDED_STRONG_MIN_COVERAGE: num(0, 1).optional(),
  /** Size of the local embedder's vectors; `auto` picks it from the number of chunks (see local-embedder.ts). */
  EMBEDDING_DIMENSIONS: z.union([z.literal('auto'), int(64, 8192)]).default('auto'),
  /** A knowledge file larger than this is rejected (reported on /admin) without being read. */
  KNOWLEDGE_MAX_FILE_BYTES: int(1024, 1024 * 1024 * 1024).default(DEFAULT_KNOWLEDGE_LIMITS.maxFileBytes),
  /** Files beyond this total size of the knowledge folder are rejected the same way. */
  KNOWLEDGE_MAX_TOTAL_BYTES: int(1024, 64 * 1024 * 1024 * 1024).default(DEFAULT_KNOWLEDGE_LIMITS.maxTotalBytes),
  /** Build the index in a worker thread, so answers keep flowing during a rebuild. */
  INDEX_WORKER: z.enum(['on', 'off']).default('on'),

  // Staff desk, admin console, retention
  /** JSON array of accounts `[{"username","name","role":"staff"|"admin","passwordHash"}]` (see `npm run hash-password`). */
  STAFF_ACCOUNTS: optionalString,
  /** Or a JSON/YAML file with the same array. Without any account the staff and admin pages are off. */
  ACCOUNTS_FILE: optionalString,
  /** When a person can take a chat, e.g. `Mon-Fri 07:30-11:30,13:30-17:00`; `always` for 24/7. */
  OFFICE_HOURS: z.string().default('Mon-Fri 07:30-11:30,13:30-17:00'),
  TIMEZONE: z.string().default('Asia/Ho_Chi_Minh'),
  /** A waiting request nobody takes within this time is ended and the citizen offered a call back. */
  HANDOFF_WAIT_SECONDS: int(1, 86_400).default(300),
  /** Shown to citizens when no person is available. */
  SUPPORT_HOTLINE: z.string().regex(/^[0-9 .+]{3,20}$/).default('18001096'),
  RETENTION_DAYS: int(1, 3650).default(180),
  STALE_AFTER_DAYS: int(1, 3650).default(180),
  STAFF_SESSION_HOURS: int(1, 168).default(12),

  // Feedback queue and published figures
  /** Days the desk has to answer a góp ý / phản ánh (the due date of a new item; admins can change it per item). */
  FEEDBACK_DUE_DAYS: int(1, 365).default(7),
  /** Requests per minute per IP address to POST /api/feedback-requests and GET /api/public/feedback/:code. */
  FEEDBACK_RATE_LIMIT: int(1, 10_000).default(10),
  /** A published rate needs at least this many answers, ratings or items (else "chưa đủ số liệu"). */
  STATS_MIN_N: int(1, 100_000).default(30),
  // Proxies, limits and overload (README "Deployment behind a proxy" and "Limits")
  /** Unset = no proxy: X-Forwarded-* headers are ignored. A hop count (`1`) or proxy addresses/CIDRs (`10.0.0.5,172.16.0.0/12`). */
  TRUST_PROXY: z.string().default('').transform((v, ctx) => refineWith(ctx, () => parseTrustProxy(v))),
  /** Requests per minute per address to any route without its own limit (pages, scripts, 404s, the websocket upgrade). */
  RATE_LIMIT_DEFAULT: int(1, 1_000_000).default(300),
  /** Login attempts per minute per address. */
  LOGIN_RATE_LIMIT: int(1, 10_000).default(10),
  /** Failed logins for one user name (from any address) before it is locked; each further failure doubles the lock. */
  LOGIN_MAX_FAILURES: int(1, 100).default(5),
  LOGIN_LOCK_SECONDS: int(1, 86_400).default(60),
  LOGIN_LOCK_MAX_SECONDS: int(1, 86_400).default(900),
  /** Requests per minute per address to /api/public/stats. */
  STATS_RATE_LIMIT: int(1, 100_000).default(30),
  /** Over this event-loop delay (ms) or heap (MB) requests get 503 at once; 0 = no check. */
  MAX_EVENT_LOOP_DELAY_MS: int(0, 60_000).default(1000),
  MAX_HEAP_MB: int(0, 1_000_000).default(0),
  /** Open TCP connections in all, and from one address (a trusted proxy is not capped). */
  MAX_CONNECTIONS: int(1, 1_000_000).default(900),
  MAX_CONNECTIONS_PER_ADDRESS: int(1, 1_000_000).default(64),
  /** Open citizen websockets in all, and from one client address. */
  MAX_SOCKETS: int(1, 1_000_000).default(800),
  MAX_SOCKETS_PER_ADDRESS: int(1, 1_000_000).default(40),
  /** A citizen socket with no ask (or other action; pings do not count) for this long is closed. */
  IDLE_SOCKET_SECONDS: int(5, 86_400).default(900),
  /** Time to receive a whole request, and its headers. */
  REQUEST_TIMEOUT_MS: int(1000, 600_000).default(15_000),
  HEADERS_TIMEOUT_MS: int(1000, 600_000).default(10_000),
  /** Largest request body accepted by any route. */
  BODY_LIMIT_BYTES: int(1024, 10_485_760).default(16_384),
  /** `/metrics` needs `Authorization: Bearer <METRICS_TOKEN>` or a request from METRICS_ALLOW (addresses/CIDRs); neither set = closed. */
  METRICS_TOKEN: z.string().min(16).optional(),
  METRICS_ALLOW: z.string().default('').transform((v, ctx) => refineWith(ctx, () => parseAddressList(v))),
});

/** ALLOWED_ORIGINS as exact origins (`scheme://host[:port]`, as browsers send them), or `*`. */
function parseOrigins(raw: string): string[] {
  const list = raw.split(',').map((o) => o.trim()).filter(Boolean);
  for (const o of list) {
    let origin: string | undefined;
    try {
      origin = o === '*' ? o : new URL(o).origin;
    } catch {
      origin = undefined;
    }
    if (origin !== o.replace(/\/$/, '').toLowerCase()) {
      throw new ConfigError(`Invalid ALLOWED_ORIGINS: "${o}" is not an origin like https://dichvucong.sonla.gov.vn (scheme and host, no path)`);
    }
  }
  return list.map((o) => (o === '*' ? o : new URL(o).origin));
}

/** Runs a parser that throws a readable Error, as a zod issue. */
function refineWith<T>(ctx: z.RefinementCtx, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
}

export type Config = Readonly<
  z.infer<typeof envSchema> & {
    TRUST_PROXY: TrustProxy;
    allowedOrigins: readonly string[];
    llmEnabled: boolean;
    remoteEmbeddings: boolean;
  }
>;

export class ConfigError extends Error {}

/** Parses the environment; a bad value throws one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  // ALLOWED_ORIGINS may legitimately be empty.
  if (env.ALLOWED_ORIGINS !== undefined) relevant.ALLOWED_ORIGINS = env.ALLOWED_ORIGINS;
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid ${name}: ${issue.message} (got ${JSON.stringify(env[name])})`);
  }
  const c = parsed.data;
  if (c.HEADERS_TIMEOUT_MS > c.REQUEST_TIMEOUT_MS) {
    throw new ConfigError(`Invalid HEADERS_TIMEOUT_MS: must not exceed REQUEST_TIMEOUT_MS (${c.REQUEST_TIMEOUT_MS})`);
  }
  return Object.freeze({
    ...c,
    KNOWLEDGE_DIR: path.resolve(c.KNOWLEDGE_DIR),
    DATA_DIR: path.resolve(c.DATA_DIR),
    PROMPTS_DIR: path.resolve(c.PROMPTS_DIR),
    LOCALES_DIR: path.resolve(c.LOCALES_DIR),
    allowedOrigins: parseOrigins(c.ALLOWED_ORIGINS),
    llmEnabled: Boolean(c.OPENAI_BASE_URL || c.OPENAI_API_KEY),
    remoteEmbeddings: Boolean(c.EMBEDDING_MODEL && (c.OPENAI_BASE_URL || c.OPENAI_API_KEY)),
  });
}
