/**
 * Speed: `npm run bench`. Prints the time to build the index from scratch and to load it from
 * disk, retrieval latency (p50/p95/p99) over every evaluation question, and questions answered per
 * second over /ws with 50 concurrent clients against a real server on 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import WebSocket from 'ws';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { retrieve } from '../src/retrieval/hybrid.js';
import { embedderFromConfig } from '../src/retrieval/index-store.js';
import { retrievalOptions } from '../src/retrieval/options.js';
import { loadEvalCases } from '../test/eval/cases.js';

const CLIENTS = 50;
const QUESTIONS_PER_CLIENT = 20;
const logger = pino({ level: 'silent' });
const dataDir = mkdtempSync(path.join(tmpdir(), 'dvc-bench-'));
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_FRAMES: '10000' });
const newKb = (dir: string) => new KnowledgeBase({ knowledgeDir: config.KNOWLEDGE_DIR, dataDir: dir, embedder: embedderFromConfig(config), logger });

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

// Index build (from scratch) and load (from the on-disk cache), 3 and 5 runs.
const builds: number[] = [];
for (let i = 0; i < 3; i++) {
  const dir = mkdtempSync(path.join(tmpdir(), 'dvc-bench-build-'));
  const t = performance.now();
  const r = await newKb(dir).refresh();
  builds.push(performance.now() - t);
  if (r.source !== 'built') throw new Error('expected a fresh build');
  rmSync(dir, { recursive: true, force: true });
}
const kb = newKb(dataDir);
await kb.refresh();
const loads: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const r = await newKb(dataDir).refresh();
  loads.push(performance.now() - t);
  if (r.source !== 'cache') throw new Error('expected a cache load');
}
const snapshot = kb.snapshot;
console.log(`Knowledge: ${snapshot.docs.length} documents, ${snapshot.chunks.length} chunks`);
console.log(`Index build from scratch: median ${ms(pct(builds, 50))} (runs: ${builds.map((b) => b.toFixed(0)).join(', ')} ms)`);
console.log(`Index load from disk:     median ${ms(pct(loads, 50))} (runs: ${loads.map((b) => b.toFixed(0)).join(', ')} ms)`);

// Retrieval latency over every evaluation question (after one warm-up pass).
const cases = await loadEvalCases();
const opts = retrievalOptions(config);
for (const c of cases) await retrieve(snapshot, c.question, opts);
const lat: number[] = [];
for (let pass = 0; pass < 3; pass++) {
  for (const c of cases) {
    const t = performance.now();
    await retrieve(snapshot, c.question, opts);
    lat.push(performance.now() - t);
  }
}
console.log(`Retrieval latency over ${cases.length} questions × 3: p50 ${ms(pct(lat, 50))}, p95 ${ms(pct(lat, 95))}, p99 ${ms(pct(lat, 99))}`);

// Throughput over /ws: 50 clients, each asking its questions one after another.
const app = await buildApp({ config, logger, knowledge: kb });
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address() as { port: number };
const questions = cases.map((c) => c.question);
const perAnswer: number[] = [];
const started = performance.now();
await Promise.all(
  Array.from({ length: CLIENTS }, (_, client) =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
      let n = 0;
      let sentAt = 0;
      const next = () => {
        if (n === QUESTIONS_PER_CLIENT) return ws.close();
        sentAt = performance.now();
        ws.send(JSON.stringify({ type: 'ask', id: String(n), text: questions[(client * QUESTIONS_PER_CLIENT + n) % questions.length] }));
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
const total = CLIENTS * QUESTIONS_PER_CLIENT;
console.log(
  `WebSocket: ${total} questions from ${CLIENTS} concurrent clients in ${seconds.toFixed(2)} s = ${(total / seconds).toFixed(0)} questions/s; ` +
    `time to answer frame p50 ${ms(pct(perAnswer, 50))}, p95 ${ms(pct(perAnswer, 95))}`,
);
await app.close();
rmSync(dataDir, { recursive: true, force: true });
