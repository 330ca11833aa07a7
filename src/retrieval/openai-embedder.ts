import { Embeddings } from '@langchain/core/embeddings';
import OpenAI from 'openai';

/** Embeddings from any OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp server). */
export class OpenAICompatibleEmbedder extends Embeddings {
  constructor(
    private readonly client: OpenAI,
    private readonly model: string,
    private readonly batchSize = 64,
  ) {
    super({ maxRetries: 2 });
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      const batch = texts.slice(i, i + this.batchSize);
      const res = await this.caller.call(() => this.client.embeddings.create({ model: this.model, input: batch }));
      out.push(...res.data.sort((a, b) => a.index - b.index).map((d) => normalise(d.embedding)));
    }
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    const [v] = await this.embedDocuments([text]);
    return v;
  }
}

function normalise(v: number[]): number[] {
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}
