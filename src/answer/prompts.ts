import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChatMessage } from '../llm/chat-model.js';
import type { Turn } from './context.js';

export interface Passage {
  n: number;
  docId: string;
  score: number;
  title: string;
  section: string;
  url: string;
  text: string;
}

export interface Prompts {
  answer(passages: Passage[], question: string): ChatMessage[];
  condense(history: readonly Turn[], question: string): ChatMessage[];
}

const NAMES = ['answer', 'condense'] as const;

/** Loads `prompts/<name>.md`; a missing prompt stops start-up rather than failing a citizen later. */
export function loadPrompts(dir: string): Prompts {
  const text = Object.fromEntries(
    NAMES.map((name) => {
      const file = path.join(dir, `${name}.md`);
      try {
        return [name, readFileSync(file, 'utf8').trim()];
      } catch {
        throw new Error(`Prompt file missing: ${file}`);
      }
    }),
  ) as Record<(typeof NAMES)[number], string>;

  return {
    answer: (passages, question) => [
      { role: 'system', content: text.answer },
      {
        role: 'user',
        content: `Tài liệu:\n\n${passages
          .map((p) => `[${p.n}] ${p.title}${p.section ? ` › ${p.section}` : ''} (${p.url})\n${p.text}`)
          .join('\n\n')}\n\nCâu hỏi của người dân: ${question}`,
      },
    ],
    condense: (history, question) => [
      { role: 'system', content: text.condense },
      {
        role: 'user',
        content: `Hội thoại trước:\n${history
          .slice(-4)
          .map((t) => `Người dân: ${t.question}\nTrợ lý: ${t.answer.slice(0, 300)}`)
          .join('\n')}\n\nCâu hỏi tiếp theo: ${question}\n\nCâu hỏi đầy đủ:`,
      },
    ],
  };
}
