import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './app.js';

export interface ServerProcess {
  proc: ChildProcess;
  port: number;
  /** Every log line so far, parsed. */
  logs: Array<Record<string, unknown>>;
  /** Resolves with the first log line (past or future) that `match` accepts. */
  logLine(match: (entry: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** SIGTERM (graceful) and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
}

/**
 * The compiled server (`node dist/server.mjs`, as `npm start` runs it) as its own process on a free
 * port; resolves once it logs that its knowledge is loaded. Build it first (`buildServer` from
 * scripts/build.mjs).
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const proc = spawn(process.execPath, ['dist/server.mjs'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', MAX_EVENT_LOOP_DELAY_MS: '0', ...env }, // the overload guard has its own test
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const waiters: Array<{ match: (e: Record<string, unknown>) => boolean; resolve: (e: Record<string, unknown>) => void }> = [];
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    logs.push(entry);
    for (const w of [...waiters]) {
      if (w.match(entry)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(entry);
      }
    }
  });
  const logLine = (match: (e: Record<string, unknown>) => boolean) => {
    const seen = logs.find(match);
    if (seen) return Promise.resolve(seen);
    return Promise.race([
      new Promise<Record<string, unknown>>((resolve) => waiters.push({ match, resolve })),
      exited.then(() => {
        throw new Error(`server exited (${proc.exitCode ?? proc.signalCode}) before the expected log line: ${stderr.slice(-2000)}`);
      }),
    ]);
  };
  const listening = await logLine((e) => /listening at http:\/\/127\.0\.0\.1:\d+/.test(String(e.msg)));
  const port = Number(/:(\d+)$/.exec(String(listening.msg))![1]);
  await logLine((e) => e.msg === 'knowledge ready');
  const signal = (sig: NodeJS.Signals) => async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(sig);
    await exited;
  };
  return { proc, port, logs, logLine, stop: signal('SIGTERM'), kill: signal('SIGKILL') };
}
