import { z } from 'zod';

const slug = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const httpsUrl = z.url({ protocol: /^https$/, message: 'must be an absolute https URL' });
const isoDate = z.union([
  z.iso.date({ message: 'must be a date like 2026-11-28' }),
  z.date().transform((d) => d.toISOString().slice(0, 10)),
]);

/** One short, checked answer to a common aspect of a procedure; the same fact is also stated in the body. */
export const factSchema = z.strictObject({
  /** The answer in one plain Vietnamese line, e.g. "Miễn phí nếu đăng ký trong 60 ngày". */
  text: z.string().trim().min(2).max(240),
  /** Legal basis, e.g. "Thông tư 64/2025/TT-BTC". */
  basis: z.string().trim().min(2).max(200).optional(),
  /** Last day the fact holds (a temporary reduction or waiver); the bot says so, and warns after it. */
  valid_until: isoDate.optional(),
});

export const feeFactSchema = factSchema.extend({
  /** The fee in đồng when there is one figure (0 = free); omitted when it depends on the case. */
  amount: z.number().int().min(0).max(1_000_000_000).optional(),
});

export const factsSchema = z.strictObject({
  fee: feeFactSchema.optional(),
  /** Processing time once the dossier is complete. */
  time: factSchema.optional(),
  /** When the citizen must act (e.g. within 60 days of the birth). */
  deadline: factSchema.optional(),
  /** Where to file / which office handles it. */
  where: factSchema.optional(),
  /** Whether and where it can be done online. */
  online: factSchema.optional(),
});

export type Fact = z.infer<typeof factSchema>;
export type FeeFact = z.infer<typeof feeFactSchema>;
export type Facts = z.infer<typeof factsSchema>;
export type FactKind = keyof Facts;

/** Front matter of a knowledge document (see knowledge/README.md). */
export const frontMatterSchema = z.strictObject({
  id: z.string().regex(slug, 'must be a lowercase slug like dang-ky-khai-sinh'),
  title: z.string().trim().min(3).max(150),
  kind: z.enum(['thu-tuc', 'huong-dan']),
  agency: z.string().trim().min(2).max(300),
  online: z.enum(['toan-trinh', 'mot-phan', 'truc-tiep']),
  /** Where to do it online, if anywhere. */
  portal_url: httpsUrl.optional(),
  /** The procedure's own official page (a gov.vn page, never a home page); shown to citizens as the source. */
  official_url: httpsUrl,
  /** The national procedure code, e.g. 1.001193. */
  procedure_code: z
    .string({ error: 'must be quoted, like "1.001193" (unquoted, YAML reads it as a number)' })
    .regex(/^\d\.\d{6}$/, 'must look like "1.001193"')
    .optional(),
  /** Other material used; shown to staff only. */
  references: z.array(httpsUrl).max(12).default([]),
  /** When someone last checked the document against official_url. */
  verified: isoDate,
  facts: factsSchema.optional(),
  questions: z.array(z.string().trim().min(3).max(300)).min(6).max(12),
  tags: z.array(z.string().regex(slug, 'tags are lowercase slugs')).max(12).default([]),
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
