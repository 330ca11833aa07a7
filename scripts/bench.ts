/**
 * Speed: `npm run bench [-- --docs N] [-- --json]`.
 *
 * With `--docs N` the corpus is N synthetic documents derived from the real ones (see
 * synthetic-corpus.ts); without it, the knowledge folder itself. Measures, in this order:
 * - buildMs / buildCpuMs: index build from scratch in this process (wall clock, CPU of all threads);
 * - indexBytes: size of the saved index cache;
 * - retrievalP50Ms / retrievalP95Ms: retrieve() over the evaluation questions (a fixed sample of
 *   100 above 400 documents), after one warm-up pass; retrievalCpuP95Ms the same in CPU time;
 * - restartMs: the real server started as its own process on the saved cache: time its knowledge
 *   base took to load (from its "knowledge ready" log line); readyMs: process start to that line;
 * - askP95Ms / answersPerSecond: 50 concurrent websocket clients asking the evaluation questions
 *   one after another (1,000 questions; 200 above 400 documents) against that server;
 *   answersPerCoreSecond: the same answers divided by the server process's CPU time during the load
 *   (user + system, all its threads), which other work on a shared machine does not change much;
 *   cpuMsPerAnswer: its inverse in milliseconds, and mainThreadCpuMsPerAnswer the main thread's share;
 *   totalCpuMs: that process's CPU from its start to the end of the load (work moved out of the
 *   answers, such as preparing documents in the background, still counts here);
 * - rssMb / rssPeakMb: that server's resident memory after the load, and its peak.
 * `--warm-up N` first asks N other questions, unmeasured: the figures of a server that has run a while
 * rather than of one just started (by default the load starts right after the start, compiling and filling caches).
 * `--json` prints only one JSON line with every figure. The server is `dist/server.mjs`, what `npm start`
 * runs (built first when stale); `--server src` runs `src/server.ts` through tsx instead.
 * `--cpu-prof DIR` writes the server's V8 CPU profile into DIR (`node --cpu-prof`).
 *
 * With `--rebuild-doc-mb M` it measures instead what a rebuild does to answers: the server runs on the
 * corpus with 10 clients asking one question after another; after a while a valid document of M MB is
 * written into its knowledge folder, and the answer times while the server rebuilds (until its log says
 * the new index is live) are compared with those before: normalP95Ms, rebuildP95Ms, rebuildMs.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import WebSocket from 'ws';
import { loadConfig } from '../src/config.js';
import { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { retrieve } from '../src/retrieval/hybrid.js';
import { embedderFromConfig } from '../src/retrieval/index-store.js';
import { retrievalOptions } from '../src/retrieval/options.js';
import { loadEvalCases } from '../test/eval/cases.js';
// @ts-expect-error plain JavaScript build script, no type declarations
import { buildServer } from './build.mjs';
import { bigDocumentMarkdown, writeSyntheticCorpus } from './synthetic-corpus.js';

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string' },
    json: { type: 'boolean', default: false },
    clients: { type: 'string', default: '50' },
    'rebuild-doc-mb': { type: 'string' },
    'cpu-prof': { type: 'string' },
    'warm-up': { type: 'string', default: '0' },
    server: { type: 'string', default: 'dist' },
  },
});
const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CLIENTS = Number(args.clients);
if (args.server !== 'dist' && args.server !== 'src') throw new Error('--server is dist (the compiled server npm start runs) or src (through tsx)');
const logger = pino({ level: 'silent' });
const say = (line: string) => args.json || console.log(line);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const round = (x: number, digits = 1) => Number(x.toFixed(digits));

const root = mkdtempSync(path.join(tmpdir(), 'dvc-bench-'));
const dataDir = path.join(root, 'data');
const baseConfig = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
let knowledgeDir = baseConfig.KNOWLEDGE_DIR;
if (args.docs !== undefined) {
  knowledgeDir = path.join(root, 'knowledge');
  const made = await writeSyntheticCorpus(baseConfig.KNOWLEDGE_DIR, knowledgeDir, Number(args.docs));
  say(`Synthetic corpus: ${made.docs} documents, ${(made.bytes / 1e6).toFixed(1)} MB`);
} else if (args['rebuild-doc-mb'] !== undefined) {
  // The server watches its knowledge folder and the big document is written into it: use a copy.
  knowledgeDir = path.join(root, 'knowledge');
  cpSync(baseConfig.KNOWLEDGE_DIR, knowledgeDir, { recursive: true });
}
const config = loadConfig({ ...process.env, KNOWLEDGE_DIR: knowledgeDir, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });

try {
  const result = args['rebuild-doc-mb'] !== undefined ? await rebuildUnderLoad(Number(args['rebuild-doc-mb'])) : await catalogue();
  console.log(JSON.stringify(result));
} finally {
  rmSync(root, { recursive: true, force: true });
}

/** Build, size, retrieval, restart and load figures for the corpus. */
async function catalogue() {
  // 1. Build from scratch.
  const kb = new KnowledgeBase({ knowledgeDir, dataDir, embedder: embedderFromConfig(config), logger });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const built = await kb.refresh();
  const buildMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (built.source !== 'built') throw new Error(`expected a fresh build, got ${built.source}`);
  const snapshot = kb.snapshot;
  const indexBytes = await folderBytes(path.join(dataDir, 'index'));
  say(`Index: ${snapshot.docs.length} documents, ${snapshot.chunks.length} chunks, built in ${buildMs.toFixed(0)} ms, ${(indexBytes / 1e6).toFixed(1)} MB on disk`);

  // 2. Retrieval latency.
  const cases = await loadEvalCases();
  const sample = snapshot.docs.length > 400 ? cases.filter((_, i) => i % Math.ceil(cases.length / 100) === 0) : cases;
  const passes = snapshot.docs.length > 400 ? 1 : 3;
  const opts = retrievalOptions(config);
  for (const c of sample) await retrieve(snapshot, c.question, opts);
  const lat: number[] = [];
  const cpuLat: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const c of sample) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      await retrieve(snapshot, c.question, opts);
      lat.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      cpuLat.push((used.user + used.system) / 1000);
    }
  }
  say(`Retrieval over ${sample.length} questions × ${passes}: p50 ${pct(lat, 50).toFixed(2)} ms, p95 ${pct(lat, 95).toFixed(2)} ms`);
  const buildPeakRssMb = process.resourceUsage().maxRSS / 1024;
  await kb.close();

  // 3. The real server on the saved cache, under websocket load.
  const server = await startServer(knowledgeDir, dataDir);
  let load: Awaited<ReturnType<typeof askLoad>>;
  let serverCpuSeconds: number;
  let totalCpuSeconds: number;
  let mainCpuSeconds: number;
  let mem: ReturnType<typeof memoryOf>;
  try {
    const questions = cases.map((c) => c.question);
    const total = snapshot.docs.length > 400 ? 200 : 1000;
    // A server that has run a while: its caches filled and its code compiled (other questions first).
    if (Number(args['warm-up']) > 0) await askLoad(server.port, [...questions.slice(total), ...questions.slice(0, total)], Number(args['warm-up']));
    const cpuBefore = cpuSecondsOf(server.pid);
    const mainBefore = cpuSecondsOf(server.pid, server.pid);
    load = await askLoad(server.port, questions, total);
    serverCpuSeconds = cpuSecondsOf(server.pid) - cpuBefore;
    totalCpuSeconds = cpuSecondsOf(server.pid);
    mainCpuSeconds = cpuSecondsOf(server.pid, server.pid) - mainBefore;
    mem = memoryOf(server.pid);
  } finally {
    await server.stop();
  }
  say(`Server restart on the cache: knowledge loaded in ${server.restartMs.toFixed(0)} ms (process start to ready ${server.readyMs.toFixed(0)} ms)`);
  say(`WebSocket: ${load.total} questions from ${CLIENTS} clients: ${load.perSecond.toFixed(0)} answers/s, answer p95 ${load.p95.toFixed(1)} ms; server RSS ${mem.rssMb.toFixed(0)} MB (peak ${mem.peakMb.toFixed(0)} MB)`);

  return {
    docs: snapshot.docs.length,
    chunks: snapshot.chunks.length,
    buildMs: round(buildMs, 0),
    buildCpuMs: round((cpu.user + cpu.system) / 1000, 0),
    buildPeakRssMb: round(buildPeakRssMb, 0),
    indexBytes,
    rssMb: round(mem.rssMb, 0),
    rssPeakMb: round(mem.peakMb, 0),
    restartMs: round(server.restartMs, 0),
    readyMs: round(server.readyMs, 0),
    retrievalP50Ms: round(pct(lat, 50), 2),
    retrievalP95Ms: round(pct(lat, 95), 2),
    /** CPU time per retrieval: what the wall-clock figures would be on an otherwise idle machine. */
    retrievalCpuP95Ms: round(pct(cpuLat, 95), 2),
    askP95Ms: round(load.p95, 1),
    answersPerSecond: round(load.perSecond, 0),
    answersPerCoreSecond: round(load.total / serverCpuSeconds, 0),
    /** The same as CPU milliseconds per answer, and the share of them on the main thread (the rest: V8's compiler and GC threads). */
    cpuMsPerAnswer: round((1000 * serverCpuSeconds) / load.total, 2),
    mainThreadCpuMsPerAnswer: round((1000 * mainCpuSeconds) / load.total, 2),
    /** The server process's CPU from its start to the end of the load: start-up, loading, background preparation, warm-up and answers. */
    totalCpuMs: round(1000 * totalCpuSeconds, 0),
  };
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(full) : (await stat(full)).size;
  }
  return total;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/**
 * Starts the server as its own process and resolves once its knowledge is loaded: `dist/server.mjs`
 * (built first if stale), as `npm start` runs it, or with `--server src` `src/server.ts` through tsx.
 */
async function startServer(knowledge: string, data: string) {
  const entry = args.server === 'dist' ? ['dist/server.mjs'] : ['--import', 'tsx', 'src/server.ts'];
  if (args.server === 'dist') await buildServer({ ifStale: true });
  const port = await freePort();
  const started = performance.now();
  const profile = args['cpu-prof'] === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args['cpu-prof'])}`];
  const proc = spawn(process.execPath, [...profile, ...entry], {
    cwd: REPO_ROOT,
    // The event-loop overload guard answers 503 when the shared machine is busy: the bench measures answers, not the guard.
    env: { ...process.env, KNOWLEDGE_DIR: knowledge, DATA_DIR: data, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', RATE_LIMIT_FRAMES: '10000', MAX_EVENT_LOOP_DELAY_MS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const listeners: Array<(line: string) => void> = [];
  let buffered = '';
  proc.stdout.on('data', (data: Buffer) => {
    buffered += data.toString();
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      for (const listen of listeners) listen(line);
    }
  });
  /** Resolves with the first log line containing `text`, parsed. */
  const logLine = (text: string) =>
    new Promise<Record<string, any>>((resolve, reject) => {
      listeners.push((line) => line.includes(text) && resolve(JSON.parse(line)));
      proc.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
  const report = (await logLine('"knowledge ready"')).knowledge as { ms: number; source: string };
  const readyMs = performance.now() - started;
  if (report.source !== 'cache') throw new Error(`server did not load the cache (${report.source})`);
  return {
    port,
    pid: proc.pid!,
    logLine,
    restartMs: report.ms,
    readyMs,
    stop: () =>
      new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

/** User + system CPU seconds a process has used so far (all its threads, or only thread `tid`), from /proc. */
function cpuSecondsOf(pid: number, tid?: number): number {
  const stat = readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** CLIENTS websockets, each asking its share of `total` questions one after another. */
async function askLoad(port: number, questions: string[], total: number) {
  const perClient = Math.ceil(total / CLIENTS);
  const perAnswer: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, (_, client) =>
      new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
        let n = 0;
        let sentAt = 0;
        const next = () => {
          if (n === perClient) return ws.close();
          sentAt = performance.now();
          ws.send(JSON.stringify({ type: 'ask', id: String(n), text: questions[(client * perClient + n) % questions.length] }));
          n++;
        };
        ws.on('open', () => {
          ws.send(JSON.stringify({ type: 'hello' }));
          next();
        });
        ws.on('message', (data) => {
          const f = JSON.parse(data.toString());
          if (f.type === 'answer') {
            perAnswer.push(performance.now() - sentAt);
            next();
          } else if (f.type === 'error') reject(new Error(`${f.code}: ${f.message}`));
        });
        ws.on('close', () => resolve());
        ws.on('error', reject);
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  return { total: perAnswer.length, perSecond: perAnswer.length / seconds, p95: pct(perAnswer, 95) };
}

/** Bystander answer times before and during the rebuild caused by writing an M MB document. */
async function rebuildUnderLoad(megabytes: number) {
  const kb = new KnowledgeBase({ knowledgeDir, dataDir, embedder: embedderFromConfig(config), logger });
  await kb.refresh();
  await kb.close();
  const server = await startServer(knowledgeDir, dataDir);
  const questions = (await loadEvalCases()).map((c) => c.question);
  const answers: Array<{ sentAt: number; ms: number }> = [];
  let stop = false;
  const clients = Array.from({ length: 10 }, (_, client) => askUntil(server.port, questions, client, () => stop, answers));
  await new Promise((r) => setTimeout(r, 15_000));
  const written = performance.now();
  writeFileSync(path.join(knowledgeDir, 'tong-hop-bench.md'), await bigDocumentMarkdown(baseConfig.KNOWLEDGE_DIR, 'tong-hop-bench', megabytes * 1024 * 1024));
  const reloaded = await server.logLine('knowledge reloaded after a change');
  const live = performance.now();
  await new Promise((r) => setTimeout(r, 2_000));
  stop = true;
  await Promise.all(clients);
  const mem = memoryOf(server.pid);
  await server.stop();
  const before = answers.filter((a) => a.sentAt < written).map((a) => a.ms);
  const during = answers.filter((a) => a.sentAt >= written && a.sentAt < live).map((a) => a.ms);
  return {
    docMb: megabytes,
    chunks: reloaded.knowledge?.docs,
    rebuildMs: round(live - written, 0),
    serverReportedMs: round(reloaded.knowledge?.ms ?? 0, 0),
    answersBefore: before.length,
    answersDuring: during.length,
    normalP50Ms: round(pct(before, 50), 1),
    normalP95Ms: round(pct(before, 95), 1),
    rebuildP50Ms: round(pct(during, 50), 1),
    rebuildP95Ms: round(pct(during, 95), 1),
    rebuildMaxMs: round(Math.max(0, ...during), 1),
    rssPeakMb: round(mem.peakMb, 0),
  };
}

/** One websocket client asking one question after another until `stopped()`. */
function askUntil(port: number, questions: string[], client: number, stopped: () => boolean, out: Array<{ sentAt: number; ms: number }>) {
  return new Promise<void>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    let n = 0;
    let sentAt = 0;
    const next = () => {
      if (stopped()) return ws.close();
      sentAt = performance.now();
      ws.send(JSON.stringify({ type: 'ask', id: String(n++), text: questions[(client * 37 + n) % questions.length] }));
    };
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'hello' }));
      next();
    });
    ws.on('message', (data) => {
      const f = JSON.parse(data.toString());
      if (f.type === 'answer') {
        out.push({ sentAt, ms: performance.now() - sentAt });
        next();
      } else if (f.type === 'error') reject(new Error(`${f.code}: ${f.message}`));
    });
    ws.on('close', () => resolve());
    ws.on('error', reject);
  });
}
