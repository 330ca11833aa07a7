import type OpenAI from 'openai';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A chat model that can stream; the OpenAI-compatible one in production, any in tests. */
export interface ChatModel {
  stream(messages: ChatMessage[], signal?: AbortSignal): AsyncIterable<string>;
  complete(messages: ChatMessage[], signal?: AbortSignal): Promise<string>;
}

export function openAIChatModel(client: OpenAI, model: string): ChatModel {
  return {
    async *stream(messages, signal) {
      const stream = await client.chat.completions.create({ model, messages, stream: true, temperature: 0.1 }, { signal });
      for await (const chunk of stream) {
        const text = chunk.choices[0]?.delta?.content;
        if (text) yield text;
      }
    },
    async complete(messages, signal) {
      const res = await client.chat.completions.create({ model, messages, temperature: 0 }, { signal });
      return res.choices[0]?.message?.content ?? '';
    },
  };
}
