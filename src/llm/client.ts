import OpenAI from 'openai';
import type { Config } from '../config.js';

/** One OpenAI SDK client for any OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp server). */
export function openAIClient(config: Config): OpenAI {
  return new OpenAI({
    baseURL: config.OPENAI_BASE_URL,
    // Local servers usually accept any key; the SDK insists on one.
    apiKey: config.OPENAI_API_KEY ?? 'not-needed',
    timeout: config.LLM_TIMEOUT_MS,
    // Retries are ours (src/llm/retry.ts): they must fit inside the turn's deadline.
    maxRetries: 0,
  });
}
