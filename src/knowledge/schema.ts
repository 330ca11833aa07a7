import { z } from 'zod';

/** Front matter of a knowledge document (see knowledge/README.md). */
export const frontMatterSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase slug like dang-ky-khai-sinh'),
  title: z.string().trim().min(3).max(150),
  kind: z.enum(['thu-tuc', 'huong-dan']),
  agency: z.string().trim().min(2).max(300),
  online: z.enum(['toan-trinh', 'mot-phan', 'truc-tiep']),
  portal_url: z.url({ protocol: /^https$/, message: 'must be an absolute https URL' }).optional(),
  source_url: z.url({ protocol: /^https$/, message: 'must be an absolute https URL' }),
  updated: z.union([
    z.iso.date({ message: 'must be a date like 2026-11-28' }),
    z.date().transform((d) => d.toISOString().slice(0, 10)),
  ]),
  questions: z.array(z.string().trim().min(3).max(300)).min(6).max(12),
  tags: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'tags are lowercase slugs')).max(12).default([]),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

export interface Section {
  /** The `## ` heading, or '' for the text before the first one. */
  heading: string;
  text: string;
}

export interface KnowledgeDoc extends FrontMatter {
  /** Path relative to the knowledge folder. */
  file: string;
  sections: Section[];
}

export interface LoadError {
  file: string;
  field: string;
  reason: string;
}

export const synonymsFileSchema = z.strictObject({
  groups: z.array(z.array(z.string().trim().min(1).max(80)).min(2)).max(5000),
});

export const suggestionsFileSchema = z.strictObject({
  suggestions: z.array(z.string().trim().min(2).max(80)).min(1).max(12),
});
