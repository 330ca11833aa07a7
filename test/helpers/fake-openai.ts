import { createServer, type IncomingMessage, type Server } from 'node:http';

export type FakeBehaviour =
  | { kind: 'stream'; text: string; pieces?: number; delayMs?: number }
  | { kind: 'error'; status: number; retryAfter?: string }
  | { kind: 'hang' }
  | { kind: 'cut'; text: string }
  /** Sends the first `pieces` pieces of `text`, then nothing more, keeping the connection open. */
  | { kind: 'stall'; text: string; pieces: number };

export interface FakeOpenAI {
  url: string;
  requests: Array<{ path: string; body: any }>;
  /** What the next chat completions (streamed or not) answer; the condense call uses `complete`. */
  behaviour: FakeBehaviour;
  /** Behaviours for the next streamed requests, used in order before `behaviour`. */
  script: FakeBehaviour[];
  complete: string;
  /** Delay before the (non-streamed) condense answer. */
  completeDelayMs: number;
  close(): Promise<void>;
}

/**
 * A small OpenAI-compatible server on 127.0.0.1 for tests: `/v1/chat/completions` (SSE streaming
 * and plain JSON) and `/v1/embeddings` (deterministic vectors). No test touches the internet.
 */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const state: Omit<FakeOpenAI, 'url' | 'close'> = { requests: [], behaviour: { kind: 'stream', text: '' }, script: [], complete: '', completeDelayMs: 0 };
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer(async (req, res) => {
    const body = JSON.parse((await readBody(req)) || '{}');
    state.requests.push({ path: req.url ?? '', body });
    if (req.url === '/v1/embeddings') {
      const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ object: 'list', model: body.model, data: inputs.map((t, index) => ({ object: 'embedding', index, embedding: embed(t) })) }));
      return;
    }
    if (req.url !== '/v1/chat/completions') {
      res.statusCode = 404;
      res.end('{}');
      return;
    }
    if (!body.stream) {
      if (state.completeDelayMs) await new Promise((r) => setTimeout(r, state.completeDelayMs));
      if (res.destroyed) return;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(completion(state.complete)));
      return;
    }
    const b = state.script.shift() ?? state.behaviour;
    if (b.kind === 'hang') return; // never answers; the client must time out
    if (b.kind === 'error') {
      res.statusCode = b.status;
      res.setHeader('content-type', 'application/json');
      if (b.retryAfter !== undefined) res.setHeader('retry-after', b.retryAfter);
      res.end(JSON.stringify({ error: { message: 'boom', type: 'server_error' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const pieces = splitInto(b.text, b.kind === 'stream' ? (b.pieces ?? 8) : b.kind === 'stall' ? Math.max(b.pieces + 1, 8) : 4);
    for (const [i, piece] of pieces.entries()) {
      if (b.kind === 'cut' && i === Math.floor(pieces.length / 2)) {
        res.destroy(); // the connection drops mid-stream
        return;
      }
      if (b.kind === 'stall' && i === b.pieces) return; // silent from here on, connection open
      if (res.destroyed) return;
      res.write(`data: ${JSON.stringify(chunk(piece))}\n\n`);
      await new Promise((r) => setTimeout(r, b.kind === 'stream' ? (b.delayMs ?? 5) : 5));
    }
    res.write(`data: ${JSON.stringify({ ...chunk(''), choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
    res.end('data: [DONE]\n\n');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });
}

function chunk(content: string) {
  return { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 0, model: 'fake', choices: [{ index: 0, delta: { content }, finish_reason: null }] };
}

function completion(content: string) {
  return { id: 'chatcmpl-test', object: 'chat.completion', created: 0, model: 'fake', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] };
}

function splitInto(text: string, n: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / n));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** A deterministic 64-dimension bag-of-characters vector. */
function embed(text: string): number[] {
  const v = new Array(64).fill(0);
  for (const ch of text.normalize('NFD').toLowerCase()) v[ch.charCodeAt(0) % 64] += 1;
  return v;
}
