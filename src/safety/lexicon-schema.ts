import { z } from 'zod';
import { EMERGENCY_NUMBER_LIST } from './emergency-numbers.js';

/**
 * The safety lexicon file (`knowledge/_safety.yaml`), validated like the documents. See the
 * README section "Safety step" for the format; in short:
 * - a phrase is words written with their diacritics ("làm giả"); in a message typed with no
 *   diacritics at all it also matches its unaccented form ("lam gia"); `=` in front ("=tự tử")
 *   means "only with diacritics" (its unaccented form is also a common word: "từ từ");
 *   `*` at the end of a word matches any ending ("hack*"); `$name` stands for every phrase of a set;
 * - a rule matches with `any` (one phrase) or `near` (one phrase of each group, within `within`
 *   words of each other, in one sentence, in order if `ordered`), optionally only when followed by
 *   one of `followed_by` (`$end` = the end of the sentence), and never when a phrase of `unless` is in
 *   the same sentence, unless that phrase comes right after one of `negations` ("không cần giấy phép");
 *   a refusal rule's words right after one of `victim_voice` ("bị kẻ gian [mạo danh]") do not count.
 */
export const SAFETY_STATUSES = [
  'emergency',
  'refused_harmful',
  'refused_personal_data',
  'refused_political',
  'refused_abusive',
  'guard_input_injection',
] as const;
export type SafetyStatus = (typeof SAFETY_STATUSES)[number];
/** In `followed_by`: the end of the sentence. */
export const END = '$end';
/** In a rule (not in a set): a personal name with its title, by its shape ("bà Lường Thị Hoa", "Hà Văn Thắng"). */
export const PERSON_NAME = '$person_name';

const phrase = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .refine((p) => /^(?:\$[a-z_]+|=?[\p{L}\p{N}][\p{L}\p{N}'’ ]*\*?)$/u.test(p), 'a phrase is words (optionally "=" in front, "*" at the end) or "$set"');
const phrases = z.array(phrase).min(1);

const ruleSchema = z
  .strictObject({
    any: phrases.optional(),
    near: z.array(phrases).min(2).max(4).optional(),
    within: z.number().int().min(0).max(25).default(6),
    ordered: z.boolean().default(false),
    followed_by: phrases.optional(),
    unless: phrases.optional(),
  })
  .refine((r) => (r.any ? 1 : 0) + (r.near ? 1 : 0) === 1, 'a rule has either `any` or `near`');

const categorySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    status: z.enum(SAFETY_STATUSES),
    /** Emergency numbers given first, in the first line of the reply (only the official ones). */
    numbers: z.array(z.enum(EMERGENCY_NUMBER_LIST)).min(1).optional(),
    reply: z.string().trim().min(20).max(1500),
    /**
     * Emergency only: after the numbers line, answer from the documents too when they cover the
     * question ("bị bạo lực gia đình thì báo ở đâu, có mất tiền không"); the full reply otherwise.
     */
    then_answer: z.boolean().default(false),
    rules: z.array(ruleSchema).min(1),
  })
  .refine((c) => c.status !== 'emergency' || c.numbers, { message: 'an emergency category needs `numbers`', path: ['numbers'] });

export const safetyFileSchema = z
  .strictObject({
    version: z.literal(1),
    /** Chat abbreviations and teencode read as the words they stand for ("ck" → "chồng"). */
    aliases: z.record(z.string().regex(/^[\p{L}\p{N}]+$/u), z.string().trim().min(1)).default({}),
    /**
     * "Without" words: an `unless` phrase right after one of them (or one word later) is the lawful
     * path being skipped, not taken ("không cần giấy phép", "khỏi thi"), so it excuses nothing.
     */
    negations: phrases.default([]),
    /**
     * The victim's voice: a refusal rule's words right after one of these ("bị", "bị kẻ gian", "bị rủ")
     * are done to the citizen, not by them ("mẹ tôi bị đối tượng giả danh công an lừa"), so they do
     * not count. Emergencies ignore it: there "bị đánh" is the alarm.
     */
    victim_voice: phrases.default([]),
    sets: z
      .record(
        z.string().regex(/^[a-z_]+$/).refine((n) => n !== 'end' && n !== 'person_name', '"end" and "person_name" are reserved'),
        z.array(phrase.refine((p) => p !== PERSON_NAME, '$person_name is used in rules, not in sets')).min(1),
      )
      .default({}),
    categories: z.array(categorySchema).min(1),
  })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    file.categories.forEach((c, i) => {
      if (ids.has(c.id)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'id'], message: `duplicate category id "${c.id}"` });
      ids.add(c.id);
      c.rules.forEach((r, j) => {
        for (const p of [...(r.any ?? []), ...(r.near ?? []).flat(), ...(r.followed_by ?? []), ...(r.unless ?? [])]) {
          if (p.startsWith('$') && p !== END && p !== PERSON_NAME && !file.sets[p.slice(1)]) {
            ctx.addIssue({ code: 'custom', path: ['categories', i, 'rules', j], message: `unknown set "${p}"` });
          }
        }
      });
      // Replies may only give the official emergency numbers: no invented hotline can slip in.
      for (const n of c.reply.match(/\d[\d .]{1,}\d|\d+/g) ?? []) {
        const digits = n.replace(/\D/g, '');
        if (digits.length >= 3 && !(EMERGENCY_NUMBER_LIST as string[]).includes(digits)) {
          ctx.addIssue({ code: 'custom', path: ['categories', i, 'reply'], message: `number ${n} is not an official emergency number (write {hotline} for the support hotline)` });
        }
      }
    });
  });

export type SafetyFile = z.infer<typeof safetyFileSchema>;
export type SafetyRuleSpec = z.infer<typeof ruleSchema>;
