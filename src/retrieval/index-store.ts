import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { z } from 'zod';
import { chunkDocument, type Chunk } from '../knowledge/chunker.js';
import type { LoadedKnowledge } from '../knowledge/loader.js';
import type { KnowledgeDoc, LoadError } from '../knowledge/schema.js';
import { createSynonymIndex } from '../knowledge/synonyms.js';
import { Bm25Index, type Bm25Arrays, type Bm25Params } from './bm25.js';
import type { Config } from '../config.js';
import { openAIClient } from '../llm/client.js';
import { CorpusTokenizer, IndexTermInterner } from './chunk-terms.js';
import { decodeDocTermIds, DocTermIndex, encodeDocTermIds, type DocTermsData } from './doc-terms.js';
import { OpenAICompatibleEmbedder } from './openai-embedder.js';
import { LocalHashEmbedder, resolveDimensions, type LocalEmbedderState } from './local-embedder.js';
import type { KnowledgeSnapshot } from './snapshot.js';
import { tuning } from '../tuning.js';
import { VarintReader, VarintWriter } from './varint.js';
import { ChunkVectorIndex } from './vector-index.js';

/** Bump when the on-disk format or the indexing changes, so old caches are rebuilt. */
const INDEX_FORMAT = 4;

/** What the index build needs to recreate an embedder, also in a worker thread. */
export type EmbedderSpec =
  | { kind: 'local'; dimensions: number | 'auto' }
  | { kind: 'openai'; baseURL?: string; apiKey?: string; model: string; timeoutMs: number };

export interface EmbedderChoice {
  /** Stable name for the cache key, e.g. `local:auto` or `openai:text-embedding-3-small`. */
  id: string;
  /** How to recreate this choice elsewhere (a worker thread); without it the index is built in-process. */
  spec?: EmbedderSpec;
  /** Returns the embedder to use, fitted to the corpus if it needs fitting. */
  create(corpus: readonly string[]): EmbeddingsInterface;
  /** Restores a fitted embedder from its saved state. */
  restore(state: unknown): EmbeddingsInterface;
}

/** The OpenAI-compatible embedder when EMBEDDING_MODEL and a server are configured, else the local one. */
export function embedderFromConfig(config: Config): EmbedderChoice {
  if (config.remoteEmbeddings && config.EMBEDDING_MODEL) {
    return embedderFromSpec({
      kind: 'openai',
      baseURL: config.OPENAI_BASE_URL,
      apiKey: config.OPENAI_API_KEY,
      model: config.EMBEDDING_MODEL,
      timeoutMs: config.LLM_TIMEOUT_MS,
    });
  }
  return localEmbedderChoice(config.EMBEDDING_DIMENSIONS);
}

export function embedderFromSpec(spec: EmbedderSpec): EmbedderChoice {
  if (spec.kind === 'local') return localEmbedderChoice(spec.dimensions);
  const client = openAIClient({ OPENAI_BASE_URL: spec.baseURL, OPENAI_API_KEY: spec.apiKey, LLM_TIMEOUT_MS: spec.timeoutMs } as Config);
  const embedder = new OpenAICompatibleEmbedder(client, spec.model);
  return { id: `openai:${spec.baseURL ?? 'default'}:${spec.model}`, spec, create: () => embedder, restore: () => embedder };
}

export function localEmbedderChoice(dimensions: number | 'auto'): EmbedderChoice {
  return {
    id: `local:${dimensions}`,
    spec: { kind: 'local', dimensions },
    create: (corpus) => new LocalHashEmbedder(resolveDimensions(dimensions, corpus.length)).fit(corpus),
    restore: (state) => new LocalHashEmbedder(state as LocalEmbedderState),
  };
}

/** BM25 parameters are part of the cache key: changing them in config/tuning.yaml rebuilds the index. */
function bm25Params(): string {
  const { k1, b } = tuning().retrieval.bm25;
  return `${k1}/${b}`;
}

export function cacheKey(knowledge: Pick<LoadedKnowledge, 'contentHash'>, embedder: EmbedderChoice): string {
  return createHash('sha256')
    .update(`${INDEX_FORMAT}\0${bm25Params()}\0${embedder.id}\0${knowledge.contentHash}`)
    .digest('hex')
    .slice(0, 24);
}

/** Everything a snapshot is made of, in the form it is saved. */
export interface IndexData {
  key: string;
  builtAt: string;
  docs: KnowledgeDoc[];
  chunks: Chunk[];
  synonyms: string[][];
  suggestions: string[];
  errors: LoadError[];
  bm25: Bm25Index;
  docTerms: DocTermsData;
  vectors: ChunkVectorIndex;
  embedder: EmbeddingsInterface;
  embedderState: unknown;
}

/** Builds both indexes and the per-document term sets from loaded knowledge. */
export async function buildIndex(knowledge: LoadedKnowledge, choice: EmbedderChoice): Promise<IndexData> {
  const perDoc = await Promise.all(knowledge.docs.map(chunkDocument));
  const chunks = perDoc.flat();
  const tokenizer = new CorpusTokenizer();
  const tokensPerDoc = perDoc.map((list) => list.map((c) => tokenizer.tokens(c.text)));
  const tokens = tokensPerDoc.flat();
  const interner = new IndexTermInterner();
  const termIds = tokens.map((t) => interner.ids(t));
  const { k1, b } = tuning().retrieval.bm25;
  const bm25 = Bm25Index.fromTermIds(interner.terms, termIds, k1, b);
  const docTerms = DocTermIndex.build(tokensPerDoc, tokenizer);
  const chunkIds = chunks.map((c) => c.id);
  let embedder: EmbeddingsInterface;
  let vectors: ChunkVectorIndex;
  if (choice.spec?.kind === 'local') {
    // The local embedder reuses the tokens instead of splitting every text again.
    const local = new LocalHashEmbedder(resolveDimensions(choice.spec.dimensions, tokens.length)).fitTokens(tokens.map((t) => t.folded));
    embedder = local;
    vectors = await ChunkVectorIndex.build(chunkIds, (start, end) => tokens.slice(start, end).map((t) => local.vectorOfTokens(t.folded)));
  } else {
    const texts = chunks.map((c) => c.text);
    embedder = choice.create(texts);
    vectors = await ChunkVectorIndex.build(chunkIds, (start, end) => embedder.embedDocuments(texts.slice(start, end)));
  }
  return {
    key: cacheKey(knowledge, choice),
    builtAt: new Date().toISOString(),
    docs: knowledge.docs,
    chunks,
    synonyms: knowledge.synonyms,
    suggestions: knowledge.suggestions,
    errors: knowledge.errors,
    bm25,
    docTerms,
    vectors,
    embedder,
    embedderState: (embedder as { toJSON?: () => unknown }).toJSON?.() ?? null,
  };
}

/** The searchable snapshot over built or loaded index data. */
export function snapshotOf(data: IndexData): KnowledgeSnapshot {
  const ranges: Array<[number, number]> = [];
  const position = new Map(data.docs.map((d, i) => [d.id, i]));
  data.chunks.forEach((chunk, i) => {
    const d = position.get(chunk.docId)!;
    if (ranges[d]) ranges[d][1] = i + 1;
    else ranges[d] = [i, i + 1];
  });
  const terms = new DocTermIndex(data.docTerms, data.bm25, ranges);
  return {
    key: data.key,
    builtAt: data.builtAt,
    docs: data.docs,
    docById: new Map(data.docs.map((d) => [d.id, d])),
    chunks: data.chunks,
    chunkIndexById: new Map(data.chunks.map((c, i) => [c.id, i])),
    docTerms: new Map(data.docs.map((d, i) => [d.id, terms.termSet(i)])),
    vocabulary: data.docTerms.vocabulary,
    accentedVocabulary: terms.accentedVocabulary,
    bm25: data.bm25,
    vectors: data.vectors,
    embedder: data.embedder,
    synonyms: createSynonymIndex(data.synonyms),
    synonymGroups: data.synonyms,
    suggestions: data.suggestions,
    errors: data.errors,
  };
}

// ---- On disk: DATA_DIR/index/<key>/ holds these files and a manifest with their checksums. ----

const FILES = { meta: 'meta.json.gz', terms: 'terms.txt', postings: 'postings.bin', docTerms: 'doc-terms.bin', vectors: 'vectors.hnsw' } as const;
const MANIFEST = 'manifest.json';

const manifestSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  key: z.string(),
  files: z.record(z.string(), z.object({ bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

interface IndexMeta {
  format: number;
  key: string;
  builtAt: string;
  /** Each document with its chunks (see ChunkRef). */
  entries: Array<{ doc: KnowledgeDoc; chunks: ChunkRef[] }>;
  synonyms: string[][];
  suggestions: string[];
  errors: LoadError[];
  embedder: unknown;
  vectorDimensions: number;
  bm25: Bm25Params & { terms: number; postings: number };
  docTerms: Omit<DocTermsData, 'ids' | 'offsets'> & { ids: number };
}

/**
 * A chunk as saved: most chunk texts are their section path and a slice of a section of the
 * document, so they are kept as [heading, section index, start, end] and rebuilt as slices that share
 * the document's memory; anything else as [heading, text, profile].
 */
type ChunkRef = [string, number, number, number] | [string, string, 0 | 1];

function chunkRefs(doc: KnowledgeDoc, chunks: readonly Chunk[]): ChunkRef[] {
  let section = 0;
  let from = 0;
  return chunks.map((c): ChunkRef => {
    const prefix = `${c.sectionPath.join(' › ')}\n`;
    if (c.profile || !c.text.startsWith(prefix)) return [c.section, c.text, c.profile ? 1 : 0];
    const body = c.text.slice(prefix.length);
    for (let j = section; j < doc.sections.length; j++) {
      if (doc.sections[j].heading !== c.section) continue;
      const at = doc.sections[j].text.indexOf(body, j === section ? from : 0);
      if (at < 0) continue;
      section = j;
      from = at + 1;
      return [c.section, j, at, at + body.length];
    }
    return [c.section, c.text, 0];
  });
}

function chunksOf(doc: KnowledgeDoc, refs: readonly ChunkRef[]): Chunk[] {
  return refs.map((ref, n) => {
    const section = ref[0];
    const sectionPath = section ? [doc.title, section] : [doc.title];
    let text: string;
    if (ref.length === 4) {
      const source = doc.sections[ref[1]];
      if (!source || ref[3] > source.text.length) throw new Error(`chunk ${n} of ${doc.id} points outside its document`);
      text = `${sectionPath.join(' › ')}\n${source.text.slice(ref[2], ref[3])}`;
    } else text = ref[1];
    return { id: `${doc.id}#${n}`, docId: doc.id, section, sectionPath, text, profile: ref.length === 3 && ref[2] === 1 };
  });
}

/** Size and SHA-256 of a file of the index, as the manifest lists them. */
export interface FileCheck {
  bytes: number;
  sha256: string;
}

export interface SavedIndex {
  dir: string;
  vectors: FileCheck;
}

/** Writes a file; replaceable in tests to simulate a full disk. */
export type FileWriter = (file: string, bytes: Uint8Array) => Promise<void>;

/**
 * Writes the index under `dataDir/index/<key>` through a temporary folder that is renamed into place,
 * and removes older indexes. The temporary folder is removed whatever happens.
 */
export async function saveIndex(dataDir: string, data: IndexData, write: FileWriter = writeFile): Promise<SavedIndex> {
  const root = path.join(dataDir, 'index');
  const target = path.join(root, data.key);
  const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const files: Record<string, FileCheck> = {};
  await mkdir(root, { recursive: true });
  await removeStaleTemp(dataDir);
  try {
    await mkdir(tmp);
    const put = async (name: string, bytes: Uint8Array) => {
      await write(path.join(tmp, name), bytes);
      files[name] = { bytes: bytes.length, sha256: await sha256(bytes) };
    };
    await put(FILES.meta, await promisify(gzip)(JSON.stringify(metaOf(data)), { level: 6 }));
    await put(FILES.terms, Buffer.from(data.bm25.termList.join('\n')));
    await put(FILES.postings, encodePostings(data.bm25.arrays));
    await put(FILES.docTerms, encodeDocTermIds(data.docTerms));
    await data.vectors.save(path.join(tmp, FILES.vectors));
    const vectorBytes = await readFile(path.join(tmp, FILES.vectors));
    files[FILES.vectors] = { bytes: vectorBytes.length, sha256: await sha256(vectorBytes) };
    await write(path.join(tmp, MANIFEST), Buffer.from(JSON.stringify({ format: INDEX_FORMAT, key: data.key, files })));
    await rm(target, { recursive: true, force: true });
    await rename(tmp, target);
  } finally {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  }
  await removeOthers(root, data.key);
  return { dir: target, vectors: files[FILES.vectors] };
}

/** Whether an index for `key` looks present (its manifest is readable); `loadIndex` verifies it. */
export async function hasIndex(dataDir: string, key: string): Promise<boolean> {
  try {
    return manifestSchema.safeParse(JSON.parse(await readFile(path.join(dataDir, 'index', key, MANIFEST), 'utf8'))).success;
  } catch {
    return false;
  }
}

/**
 * An index without its live objects (the hnswlib graph stays in its file, the embedder as its state):
 * what a worker thread hands over, the typed arrays transferred rather than copied, so the thread
 * answering questions only wraps them.
 */
export interface IndexParts {
  key: string;
  builtAt: string;
  docs: KnowledgeDoc[];
  chunkRefs: ChunkRef[][];
  synonyms: string[][];
  suggestions: string[];
  errors: LoadError[];
  embedderState: unknown;
  /** BM25's terms in id order, joined by newlines: one string crosses threads far faster than many. */
  terms: string;
  bm25: Bm25Arrays;
  bm25Params: Bm25Params;
  docTerms: DocTermsData;
  vectorFile: string;
  vectorCheck: FileCheck;
  vectorDimensions: number;
}

/** The buffers of `parts` to transfer to another thread. */
export function transferables(parts: IndexParts): ArrayBuffer[] {
  const { offsets, chunks, tfs, lengths } = parts.bm25;
  return [offsets, chunks, tfs, lengths, parts.docTerms.ids, parts.docTerms.offsets].map((a) => a.buffer as ArrayBuffer);
}

/** The parts of an index just built and saved. */
export function partsOf(data: IndexData, saved: SavedIndex): IndexParts {
  const meta = metaOf(data);
  return {
    key: data.key,
    builtAt: data.builtAt,
    docs: data.docs,
    chunkRefs: meta.entries.map((e) => e.chunks),
    synonyms: data.synonyms,
    suggestions: data.suggestions,
    errors: data.errors,
    embedderState: data.embedderState,
    terms: data.bm25.termList.join('\n'),
    bm25: data.bm25.arrays,
    bm25Params: data.bm25.params,
    docTerms: data.docTerms,
    vectorFile: path.join(saved.dir, FILES.vectors),
    vectorCheck: saved.vectors,
    vectorDimensions: data.vectors.dimensions,
  };
}

/**
 * Reads the index saved under `key`, checking every file against the manifest's size and SHA-256;
 * throws with the reason when anything is missing, corrupt or inconsistent.
 */
export async function readIndexParts(dataDir: string, key: string): Promise<IndexParts> {
  const dir = path.join(dataDir, 'index', key);
  const read = await verifiedReader(dir, key);
  const [meta, termBytes, postingBytes, docTermBytes] = await Promise.all([
    readMeta(read.file, key),
    read.file(FILES.terms),
    read.file(FILES.postings),
    read.file(FILES.docTerms),
  ]);
  const terms = Buffer.from(termBytes).toString('utf8');
  const chunkCount = meta.entries.reduce((n, e) => n + e.chunks.length, 0);
  const { vocabulary, accented, extras } = meta.docTerms;
  const docTerms: DocTermsData = { vocabulary, accented, extras, ...decodeDocTermIds(docTermBytes, meta.docTerms.ids) };
  if (docTerms.offsets.length !== 2 * meta.entries.length + 1) throw new Error(`${FILES.docTerms} does not match the documents`);
  const { k1, b, avgLength } = meta.bm25;
  return {
    key,
    builtAt: meta.builtAt,
    docs: meta.entries.map((e) => e.doc),
    chunkRefs: meta.entries.map((e) => e.chunks),
    synonyms: meta.synonyms,
    suggestions: meta.suggestions,
    errors: meta.errors,
    embedderState: meta.embedder,
    terms,
    bm25: decodePostings(postingBytes, meta.bm25.terms, meta.bm25.postings, chunkCount),
    bm25Params: { k1, b, avgLength },
    docTerms,
    vectorFile: path.join(dir, FILES.vectors),
    vectorCheck: read.check(FILES.vectors),
    vectorDimensions: meta.vectorDimensions,
  };
}

/**
 * The index data over its parts: chunks rebuilt as slices of their documents, the embedder restored,
 * and the hnswlib graph read from its file only after the file's checksum matched (hnswlib trusts
 * whatever it reads, and a damaged graph crashes the process on the first search).
 */
export async function indexFromParts(parts: IndexParts, choice: EmbedderChoice): Promise<IndexData> {
  const chunks = parts.docs.flatMap((doc, i) => chunksOf(doc, parts.chunkRefs[i]));
  if (chunks.length !== parts.bm25.lengths.length) throw new Error('the postings do not match the chunks');
  const terms = parts.terms ? parts.terms.split('\n') : [];
  if (terms.length + 1 !== parts.bm25.offsets.length) throw new Error(`${FILES.terms} holds ${terms.length} terms, expected ${parts.bm25.offsets.length - 1}`);
  await verifyFile(parts.vectorFile, parts.vectorCheck);
  const vectors = await ChunkVectorIndex.load(
    parts.vectorFile,
    parts.vectorDimensions,
    chunks.map((c) => c.id),
  );
  return {
    key: parts.key,
    builtAt: parts.builtAt,
    docs: parts.docs,
    chunks,
    synonyms: parts.synonyms,
    suggestions: parts.suggestions,
    errors: parts.errors,
    bm25: new Bm25Index(terms, parts.bm25, parts.bm25Params),
    docTerms: parts.docTerms,
    vectors,
    embedder: choice.restore(parts.embedderState),
    embedderState: parts.embedderState,
  };
}

/** Loads the index saved under `key`, verified (see readIndexParts, indexFromParts). */
export async function loadIndex(dataDir: string, key: string, choice: EmbedderChoice): Promise<IndexData> {
  return indexFromParts(await readIndexParts(dataDir, key), choice);
}

/** Only the documents of a saved index (verified like the rest): the last good versions of files. */
export async function loadIndexDocs(dataDir: string, key: string): Promise<KnowledgeDoc[]> {
  const read = await verifiedReader(path.join(dataDir, 'index', key), key);
  return (await readMeta(read.file, key)).entries.map((e) => e.doc);
}

/** Reads files of an index folder, each checked against the manifest's size and SHA-256 first. */
async function verifiedReader(dir: string, key: string) {
  let manifest: z.infer<typeof manifestSchema>;
  try {
    manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')));
  } catch (err) {
    throw new Error(`${MANIFEST} missing or invalid (${firstLine(err)})`);
  }
  if (manifest.key !== key) throw new Error(`${MANIFEST} is for index ${manifest.key}, not ${key}`);
  const check = (name: string): FileCheck => {
    const expected = manifest.files[name];
    if (!expected) throw new Error(`${MANIFEST} does not list ${name}`);
    return expected;
  };
  return { check, file: (name: string) => verifyFile(path.join(dir, name), check(name)) };
}

/** The file's bytes, if its size and SHA-256 are as expected. */
async function verifyFile(file: string, expected: FileCheck): Promise<Uint8Array> {
  const name = path.basename(file);
  const { size } = await stat(file).catch(() => ({ size: -1 }));
  if (size !== expected.bytes) throw new Error(`${name} is ${size < 0 ? 'missing' : `${size} bytes, expected ${expected.bytes}`}`);
  const bytes = await readFile(file);
  if ((await sha256(bytes)) !== expected.sha256) throw new Error(`${name} checksum mismatch`);
  return bytes;
}

async function readMeta(read: (name: string) => Promise<Uint8Array>, key: string): Promise<IndexMeta> {
  const meta = JSON.parse((await promisify(gunzip)(await read(FILES.meta))).toString('utf8')) as IndexMeta;
  if (meta.format !== INDEX_FORMAT || meta.key !== key) throw new Error('index metadata does not match its manifest');
  return meta;
}

function metaOf(data: IndexData): IndexMeta {
  const byDoc = new Map<string, Chunk[]>(data.docs.map((d) => [d.id, []]));
  for (const c of data.chunks) byDoc.get(c.docId)!.push(c);
  const { vocabulary, accented, extras, ids } = data.docTerms;
  return {
    format: INDEX_FORMAT,
    key: data.key,
    builtAt: data.builtAt,
    entries: data.docs.map((doc) => ({ doc, chunks: chunkRefs(doc, byDoc.get(doc.id)!) })),
    synonyms: data.synonyms,
    suggestions: data.suggestions,
    errors: data.errors,
    embedder: data.embedderState,
    vectorDimensions: data.vectors.dimensions,
    bm25: { ...data.bm25.params, terms: data.bm25.termList.length, postings: data.bm25.arrays.chunks.length },
    docTerms: { vocabulary, accented, extras, ids: ids.length },
  };
}

/** Postings as varints: per term its ascending chunk list (gaps), then every term frequency, then chunk lengths. */
function encodePostings({ offsets, chunks, tfs, lengths }: Bm25Arrays): Uint8Array {
  const w = new VarintWriter();
  for (let t = 0; t + 1 < offsets.length; t++) w.writeAscending(chunks.subarray(offsets[t], offsets[t + 1]));
  for (let p = 0; p < tfs.length; p++) w.write(tfs[p]);
  for (let c = 0; c < lengths.length; c++) w.write(lengths[c]);
  return w.bytes();
}

function decodePostings(bytes: Uint8Array, termCount: number, postingCount: number, chunkCount: number): Bm25Arrays {
  const r = new VarintReader(bytes);
  const offsets = new Uint32Array(termCount + 1);
  const chunks = new Uint32Array(postingCount);
  let p = 0;
  for (let t = 0; t < termCount; t++) {
    offsets[t] = p;
    p += r.readAscendingInto(chunks, p);
  }
  offsets[termCount] = p;
  if (p !== postingCount) throw new Error(`${FILES.postings} holds ${p} postings, expected ${postingCount}`);
  const tfs = new Uint16Array(postingCount);
  r.readInto(tfs, postingCount);
  const lengths = new Uint32Array(chunkCount);
  r.readInto(lengths, chunkCount);
  if (!r.done) throw new Error(`${FILES.postings} is longer than expected`);
  for (let i = 0; i < postingCount; i++) if (chunks[i] >= chunkCount) throw new Error(`${FILES.postings} points past the last chunk`);
  return { offsets, chunks, tfs, lengths };
}

/** Removes older indexes and temporary folders left behind (see `removeStaleTemp`). */
async function removeOthers(root: string, keep: string): Promise<void> {
  for (const entry of await readdir(root)) {
    if (entry === keep || (isTemp(entry) && !isStaleTemp(entry))) continue;
    await rm(path.join(root, entry), { recursive: true, force: true });
  }
}

/**
 * Removes temporary folders of saves that can no longer finish: this process's (it saves one index at a
 * time; one left over was cut short, e.g. by a stopped worker) and those of processes that are gone.
 * Another running process may share the folder: its saves in progress are left alone.
 */
export async function removeStaleTemp(dataDir: string): Promise<void> {
  const root = path.join(dataDir, 'index');
  const entries = await readdir(root).catch(() => []);
  for (const entry of entries) if (isTemp(entry) && isStaleTemp(entry)) await rm(path.join(root, entry), { recursive: true, force: true });
}

const isTemp = (entry: string) => entry.includes('.tmp-');

function isStaleTemp(entry: string): boolean {
  const pid = Number(/\.tmp-(\d+)-/.exec(entry)?.[1]);
  if (!pid || pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

/** SHA-256 on the thread pool, so checking a large index does not hold up answers. */
async function sha256(bytes: Uint8Array): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0];
}
