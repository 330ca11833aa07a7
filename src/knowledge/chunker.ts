import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { KnowledgeDoc } from './schema.js';

export interface Chunk {
  /** `<docId>#<n>`, stable for a given document text. */
  id: string;
  docId: string;
  /** The `## ` heading this chunk belongs to; '' for the lead or the document profile. */
  section: string;
  /** Document title, then section heading. */
  sectionPath: string[];
  /** Text to index: heading path plus body. */
  text: string;
  /** The profile chunk holds title, questions and tags; it is searched, never quoted. */
  profile: boolean;
}

const MAX_CHUNK_CHARS = 1400;

const splitter = new RecursiveCharacterTextSplitter({
  chunkSize: 1000,
  chunkOverlap: 120,
  separators: ['\n\n', '\n', '. ', ' ', ''],
});

/**
 * Heading-aware chunks: one per `## ` section (long sections are split further with LangChain's
 * recursive splitter), each carrying its document id and section path, plus one profile chunk
 * per document with its title and the questions people ask.
 */
export async function chunkDocument(doc: KnowledgeDoc): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  const push = (section: string, body: string, profile = false) => {
    const sectionPath = section ? [doc.title, section] : [doc.title];
    chunks.push({
      id: `${doc.id}#${chunks.length}`,
      docId: doc.id,
      section,
      sectionPath,
      text: profile ? body : `${sectionPath.join(' › ')}\n${body}`,
      profile,
    });
  };

  push('', [doc.title, doc.title, ...doc.questions, doc.tags.join(' ').replace(/-/g, ' ')].join('\n'), true);
  for (const section of doc.sections) {
    if (!section.text) continue;
    const parts = section.text.length > MAX_CHUNK_CHARS ? await splitter.splitText(section.text) : [section.text];
    for (const part of parts) push(section.heading, part);
  }
  return chunks;
}
