import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';

/** A websocket client (real, or in process through `app.injectWS`) that collects every frame it receives. */
export class TestClient {
  readonly frames: any[] = [];
  private waiters = new Set<() => void>();
  closed?: { code: number; reason: string };

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      this.frames.push(isBinary ? { binary: true } : JSON.parse(data.toString()));
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  /** A real connection to a listening server. */
  static async connect(url: string, headers?: Record<string, string>): Promise<TestClient> {
    const ws = new WebSocket(url, { headers });
    const client = new TestClient(ws); // listening before 'open': a server may send at once
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return client;
  }

  /** An in-process connection (no port): a refused upgrade rejects with `HTTP <status>`, like `connect`. */
  static async inject(app: FastifyInstance, path = '/ws', headers: Record<string, string> = {}): Promise<TestClient> {
    let client: TestClient | undefined;
    try {
      await app.injectWS(path, { headers }, { onInit: (ws) => (client = new TestClient(ws)) });
    } catch (err) {
      const status = /response: (\d+)/.exec((err as Error).message)?.[1];
      throw status ? new Error(`HTTP ${status}`) : err;
    }
    return client!;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Waits until a received frame matches; returns it. */
  async waitFor(pred: (f: any) => boolean, timeoutMs = 10_000): Promise<any> {
    return this.until(() => {
      const found = this.frames.find(pred);
      if (found) return found;
      if (this.closed) throw new Error(`socket closed (${this.closed.code} ${this.closed.reason}) before the frame arrived`);
    }, timeoutMs, () => `timed out; frames so far: ${JSON.stringify(this.frames).slice(0, 500)}`);
  }

  async waitForClose(timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
    return this.until(() => this.closed, timeoutMs, () => 'socket did not close');
  }

  /** Sends an ask and resolves with its answer frame and the deltas before it. */
  async ask(id: string, text: string): Promise<{ answer: any; deltas: any[] }> {
    this.send({ type: 'ask', id, text });
    const answer = await this.waitFor((f) => f.type === 'answer' && f.id === id);
    return { answer, deltas: this.frames.filter((f) => f.type === 'delta' && f.id === id) };
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Re-checks `check` on every frame or close until it returns something. */
  private until<T>(check: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = () => {
        try {
          const value = check();
          if (value === undefined) return;
          done();
          resolve(value);
        } catch (err) {
          done();
          reject(err);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(describe()));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(attempt);
      };
      this.waiters.add(attempt);
      attempt();
    });
  }
}
