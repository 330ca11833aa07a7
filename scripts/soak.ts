/**
 * `npm run soak [-- --minutes 10 | --seconds 60] [--citizens 20] [--disk inject]`: a long mixed load on loopback
 * against the real server in a child process. Citizens (each from its own 127.0.0.x address) ask,
 * rate, answer surveys, leave call-back numbers and ask for a person; two staff members take the
 * requests, write and close them; on the way the knowledge is edited and re-indexed, the server is
 * SIGKILLed and restarted, and the disk is full for a while (a real full tmpfs when this runs as root
 * and may mount one, else every write of the store made to fail). At the end it opens the database
 * and prints acknowledged rows that are missing (must be 0), staff messages delivered twice (must be
 * 0), errors by kind and the answer p95 per minute; it exits 1 if anything was lost or duplicated.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { hashPassword } from '../src/auth/passwords.js';
import { APP_ROOT } from '../src/lib/paths.js';

// ---- options -------------------------------------------------------------------------------
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
};
const DURATION_MS = (arg('seconds') ?? (arg('minutes') ?? Number(process.env.SOAK_MINUTES ?? 10)) * 60) * 1000;
const CITIZENS = arg('citizens') ?? 20;
/** `--disk inject`: the disk-full window by a store whose writes fail, even where a tmpfs could be mounted. */
const DISK_INJECT = process.argv.includes('--disk') && process.argv[process.argv.indexOf('--disk') + 1] === 'inject';
const QUESTIONS = [
  'đăng ký khai sinh cần giấy tờ gì',
  'làm thẻ căn cước ở đâu',
  'lệ phí cấp hộ chiếu bao nhiêu',
  'dang ky tam tru cho nguoi thue tro',
  'đổi giấy phép lái xe ô tô hết hạn',
  'đăng ký kết hôn mất bao lâu',
  'cấp phiếu lý lịch tư pháp nộp ở đâu',
  'thời tiết sơn la ngày mai',
  'quên mật khẩu vneid phải làm sao',
  'xin chào',
];
const STAFF_PASSWORD = 'soak-mat-khau-can-bo';

// ---- what was acknowledged, seen and failed -------------------------------------------------
const acked = {
  asks: [] as Array<{ sessionId: string; text: string }>,
  ratings: [] as string[],
  surveys: new Map<string, number>(),
  callbacks: [] as Array<{ sessionId: string; phone: string }>,
  staffMessages: [] as Array<{ sessionId: string; text: string }>,
};
const answersSeen = new Set<string>();
const staffReceived = new Map<number, number>(); // staff message id → times a citizen received it
const errors = new Map<string, number>();
const latencies: Array<{ minute: number; ms: number }> = [];
const notes: string[] = [];
const count = (kind: string) => errors.set(kind, (errors.get(kind) ?? 0) + 1);
const started = Date.now();
const elapsed = () => Date.now() - started;
const minuteOf = () => Math.floor(elapsed() / 60_000) + 1;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jitter = (min: number, max: number) => min + Math.random() * (max - min);
let stopping = false;

// ---- the server ----------------------------------------------------------------------------
const work = mkdtempSync(path.join(tmpdir(), 'dvc-soak-'));
const dataDir = path.join(work, 'data');
const knowledgeDir = path.join(work, 'knowledge');
cpSync(path.join(APP_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
const disk = prepareDisk(dataDir);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  KNOWLEDGE_DIR: knowledgeDir,
  LOG_LEVEL: 'warn',
  OFFICE_HOURS: 'always',
  HANDOFF_WAIT_SECONDS: '60',
  STAFF_ACCOUNTS: JSON.stringify([
    { username: 'canbo1', name: 'Cán bộ Một', role: 'staff', passwordHash: await hashPassword(STAFF_PASSWORD) },
    { username: 'canbo2', name: 'Cán bộ Hai', role: 'staff', passwordHash: await hashPassword(STAFF_PASSWORD) },
    { username: 'quantri', name: 'Quản trị', role: 'admin', passwordHash: await hashPassword(STAFF_PASSWORD) },
  ]),
};
let server: ChildProcess = await startServer();

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/soak-server.ts'], { cwd: APP_ROOT, env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  child.stderr!.on('data', (d) => process.env.SOAK_VERBOSE && process.stderr.write(d));
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready`)));
  });
  return child;
}

// ---- citizens ------------------------------------------------------------------------------
async function citizen(n: number): Promise<void> {
  let sessionId: string | undefined;
  let seq = 0;
  const answerIds: string[] = [];
  const phone = `09${String(10_000_000 + n * 7919).slice(-8)}`;
  while (!stopping) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { localAddress: `127.0.0.${10 + n}` });
    const sent = new Map<string, { text: string; at: number }>();
    let ready = false;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', ...(sessionId ? { sessionId } : {}) })));
    ws.on('message', (data) => {
      const f = JSON.parse(data.toString());
      if (f.type === 'ready') {
        sessionId = f.sessionId;
        ready = true;
      } else if (f.type === 'ack') {
        if (f.kind === 'ask' && sent.has(f.ref)) acked.asks.push({ sessionId: sessionId!, text: sent.get(f.ref)!.text });
        if (f.kind === 'feedback') acked.ratings.push(f.ref);
        if (f.kind === 'survey') acked.surveys.set(sessionId!, (acked.surveys.get(sessionId!) ?? 0) + 1);
        if (f.kind === 'callback') acked.callbacks.push({ sessionId: sessionId!, phone });
      } else if (f.type === 'answer') {
        const s = sent.get(f.id);
        if (s) latencies.push({ minute: minuteOf(), ms: Date.now() - s.at });
        answersSeen.add(f.answerId);
        answerIds.push(f.answerId);
      } else if (f.type === 'staff') {
        staffReceived.set(f.id, (staffReceived.get(f.id) ?? 0) + 1);
      } else if (f.type === 'error') {
        count(`citizen error ${f.code}`);
      }
    });
    const closed = new Promise<number>((resolve) => {
      ws.on('close', (code) => resolve(code));
      ws.on('error', () => undefined);
    });
    let open = true;
    void closed.then(() => (open = false));
    while (open && !stopping) {
      await sleep(jitter(1500, 4000));
      if (!open || !ready) continue;
      const roll = Math.random();
      if (roll < 0.7) {
        const id = `q${n}-${++seq}`;
        const text = `${QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)]} (lượt ${n}-${seq})`;
        sent.set(id, { text, at: Date.now() });
        ws.send(JSON.stringify({ type: 'ask', id, text }));
      } else if (roll < 0.8 && answerIds.length) {
        ws.send(JSON.stringify({ type: 'feedback', answerId: answerIds[answerIds.length - 1], rating: Math.random() < 0.8 ? 'up' : 'down' }));
      } else if (roll < 0.85) {
        ws.send(JSON.stringify({ type: 'survey', score: 1 + Math.floor(Math.random() * 5) }));
      } else if (roll < 0.9) {
        ws.send(JSON.stringify({ type: 'callback', phone }));
      } else if (roll < 0.95) {
        ws.send(JSON.stringify({ type: 'handoff', reason: 'muốn hỏi cán bộ' }));
      } else if (Math.random() < 0.3) {
        ws.close(); // the phone goes to sleep; it comes back later
      }
    }
    if (open) ws.close();
    const code = await closed;
    if (!stopping && code !== 1000 && code !== 1005) count(`citizen socket closed ${code}`);
    if (!stopping) await sleep(jitter(500, 3000));
  }
}

// ---- staff ---------------------------------------------------------------------------------
async function http(method: string, route: string, session?: { cookie: string; csrf: string }, body?: unknown): Promise<Response | undefined> {
  try {
    return await fetch(`${base}${route}`, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch {
    count(`${method} ${route.replace(/[0-9a-f-]{36}/, ':id')} unreachable`);
    return undefined;
  }
}

async function login(username: string): Promise<{ cookie: string; csrf: string } | undefined> {
  const res = await http('POST', '/api/staff/login', undefined, { username, password: STAFF_PASSWORD });
  if (!res?.ok) return undefined;
  return { cookie: res.headers.get('set-cookie')!.split(';')[0], csrf: (await res.json()).csrf };
}

async function staffMember(username: string): Promise<void> {
  let session: Awaited<ReturnType<typeof login>>;
  const sentTo = new Map<string, number>();
  while (!stopping) {
    session ??= await login(username);
    if (!session) {
      await sleep(1000);
      continue;
    }
    const res = await http('GET', '/api/staff/handoffs', session);
    if (res?.status === 401) session = undefined;
    if (!res?.ok) {
      if (res) count(`staff GET handoffs ${res.status}`);
      await sleep(1000);
      continue;
    }
    const { waiting, taken } = (await res.json()) as { waiting: Array<{ id: string }>; taken: Array<{ id: string; sessionId: string; takenBy: string }> };
    if (waiting[0] && Math.random() < 0.5) await http('POST', `/api/staff/handoffs/${waiting[0].id}/take`, session);
    for (const h of taken.filter((x) => x.takenBy === username)) {
      const n = sentTo.get(h.id) ?? 0;
      if (n >= 3) {
        const closed = await http('POST', `/api/staff/handoffs/${h.id}/close`, session);
        if (closed && !closed.ok) count(`staff close ${closed.status}`);
        continue;
      }
      const text = `Cán bộ ${username} trả lời lần ${n + 1} (${h.id.slice(0, 8)})`;
      const sent = await http('POST', `/api/staff/handoffs/${h.id}/messages`, session, { text });
      if (sent?.ok) {
        acked.staffMessages.push({ sessionId: h.sessionId, text });
        sentTo.set(h.id, n + 1);
      } else if (sent) count(`staff message ${sent.status}`);
    }
    await sleep(jitter(1000, 2500));
  }
}

// ---- the events: a rebuild, a SIGKILL, a full disk ---------------------------------------------
async function rebuild(): Promise<void> {
  const file = readdirSync(path.join(knowledgeDir, 'thu-tuc')).find((f) => f.endsWith('.md'))!;
  appendFileSync(path.join(knowledgeDir, 'thu-tuc', file), '\n\nGhi chú thêm khi chạy thử tải (soak).\n');
  const admin = await login('quantri');
  const t = Date.now();
  const res = admin && (await http('POST', '/api/admin/reindex', admin));
  notes.push(`rebuild at ${Math.round(elapsed() / 1000)} s: ${res?.status ?? 'no answer'} in ${Date.now() - t} ms`);
}

async function killAndRestart(): Promise<void> {
  const t = Date.now();
  server.kill('SIGKILL');
  await new Promise((r) => server.once('exit', r));
  server = await startServer();
  notes.push(`SIGKILL at ${Math.round((t - started) / 1000)} s, ready again after ${Date.now() - t} ms`);
}

async function diskFullWindow(ms: number): Promise<void> {
  const readyCodes = new Map<string, number>();
  const fill = disk.fill();
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const res = await http('GET', '/ready');
    const key = res ? `${res.status}${res.status === 503 ? ` ${(await res.json()).reason}` : ''}` : 'unreachable';
    readyCodes.set(key, (readyCodes.get(key) ?? 0) + 1);
    await sleep(1000);
  }
  fill.free();
  notes.push(`disk full (${disk.kind}) for ${Math.round(ms / 1000)} s from ${Math.round((end - ms - started) / 1000)} s; /ready answered ${[...readyCodes].map(([k, v]) => `${k} ×${v}`).join(', ')}`);
}

/** DATA_DIR on a small tmpfs when this process may mount one (root), so "full" is a real ENOSPC. */
function prepareDisk(dir: string): { kind: string; fill(): { free(): void } } {
  mkdirSync(dir, { recursive: true });
  const mounted = !DISK_INJECT && process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256m', 'tmpfs', dir]).status === 0;
  if (mounted) {
    return {
      kind: 'a real 256 MB tmpfs filled to the last byte',
      fill() {
        const filler = path.join(dir, 'filler');
        const fd = openSync(filler, 'w');
        const chunk = Buffer.alloc(1024 * 1024);
        try {
          for (;;) writeSync(fd, chunk);
        } catch {
          // ENOSPC: full
        }
        for (const size of [65536, 4096, 512, 1]) {
          try {
            for (;;) writeSync(fd, chunk.subarray(0, size));
          } catch {
            // full at this size too
          }
        }
        closeSync(fd);
        return { free: () => unlinkSync(filler) };
      },
    };
  }
  return {
    kind: 'every store write made to fail (no permission to mount a small disk)',
    fill() {
      server.send({ disk: 'full' });
      return { free: () => server.send({ disk: 'ok' }) };
    },
  };
}

// ---- run ------------------------------------------------------------------------------------
console.log(`Soak: ${Math.round(DURATION_MS / 1000)} s on 127.0.0.1:${port}, ${CITIZENS} citizens, 2 staff, data in ${dataDir}`);
const workers = [...Array.from({ length: CITIZENS }, (_, i) => citizen(i)), staffMember('canbo1'), staffMember('canbo2')];
const events = (async () => {
  await sleep(DURATION_MS * 0.25);
  await rebuild();
  await sleep(DURATION_MS * 0.25);
  await killAndRestart();
  await sleep(Math.max(0, started + DURATION_MS * 0.7 - Date.now()));
  await diskFullWindow(Math.max(10_000, DURATION_MS * 0.1));
})();
await sleep(DURATION_MS);
await events;
stopping = true;
await Promise.all(workers);
await sleep(1000);
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));

// ---- check the database -------------------------------------------------------------------------
const db = new Database(path.join(dataDir, 'dvc.sqlite'), { readonly: true });
const has = (sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) !== undefined;
const lost = {
  asks: acked.asks.filter((a) => !has("SELECT 1 FROM messages WHERE session_id = ? AND role = 'citizen' AND text = ?", a.sessionId, a.text)).length,
  ratings: acked.ratings.filter((id) => !has('SELECT 1 FROM feedback WHERE answer_id = ?', id)).length,
  surveys: [...acked.surveys].reduce((n, [s, k]) => n + Math.max(0, k - (db.prepare('SELECT COUNT(*) AS c FROM surveys WHERE session_id = ?').get(s) as { c: number }).c), 0),
  callbacks: acked.callbacks.filter((c) => !has('SELECT 1 FROM handoffs WHERE session_id = ? AND callback_phone = ?', c.sessionId, c.phone)).length,
  staffMessages: acked.staffMessages.filter((m) => !has("SELECT 1 FROM messages WHERE session_id = ? AND role = 'staff' AND text = ?", m.sessionId, m.text)).length,
  answersShown: [...answersSeen].filter((id) => !has('SELECT 1 FROM answers WHERE id = ?', id)).length,
};
const pending = (db.prepare("SELECT COUNT(*) AS c FROM messages WHERE role = 'staff' AND delivered_at IS NULL").get() as { c: number }).c;
db.close();
const duplicates = [...staffReceived.values()].filter((n) => n > 1).length;
const totalLost = Object.values(lost).reduce((a, b) => a + b, 0);

// ---- report ---------------------------------------------------------------------------------------
const surveysAcked = [...acked.surveys.values()].reduce((a, b) => a + b, 0);
console.log(`\nAcknowledged: ${acked.asks.length} questions, ${acked.ratings.length} ratings, ${surveysAcked} surveys, ${acked.callbacks.length} call-back numbers, ${acked.staffMessages.length} staff messages; ${answersSeen.size} answers shown`);
console.log(`Lost acknowledged rows: ${totalLost} (${Object.entries(lost).map(([k, v]) => `${k} ${v}`).join(', ')})`);
console.log(`Staff messages delivered twice: ${duplicates}; delivered once: ${staffReceived.size}; still waiting for their citizen: ${pending}`);
console.log(`Errors by kind: ${errors.size ? [...errors].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join('; ') : 'none'}`);
console.log('Answer time by minute (ask sent → answer frame):');
for (let m = 1; m <= Math.ceil(DURATION_MS / 60_000); m++) {
  const ms = latencies.filter((l) => l.minute === m).map((l) => l.ms).sort((a, b) => a - b);
  const p = (q: number) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] : NaN);
  console.log(`  minute ${String(m).padStart(2)}: ${String(ms.length).padStart(5)} answers, p50 ${String(p(0.5)).padStart(5)} ms, p95 ${String(p(0.95)).padStart(5)} ms`);
}
for (const n of notes) console.log(`Event: ${n}`);

if (disk.kind.startsWith('a real')) spawnSync('umount', [dataDir]);
rmSync(work, { recursive: true, force: true });
process.exit(totalLost === 0 && duplicates === 0 ? 0 : 1);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = s.address() as { port: number };
      s.close(() => resolve(p));
    });
  });
}
