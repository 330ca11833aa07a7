import { AbortPipeline, type AnswerContext } from '../context.js';
import { CANNED } from '../canned.js';
import type { AnswerDeps } from '../deps.js';

const EMERGENCY =
  /\b(cap cuu|cuu (toi|em|voi|minh|me|bo|con|chau|toi voi)|dang chay|chay nha|bi chay|hoa hoan|tai nan(?! lao dong)|bi danh|danh dap|bao hanh|bi cuop|cuop giat|tu tu|tu sat|muon chet|khong muon song|duoi nuoc|bat coc|xam hai|hiep dam|ngo doc|chay mau|dot quy|dien giat|sat lo|lu quet|nguy hiem den tinh mang)\b/;
const GREETING_WORDS =
  /\b(xin chao|chao|hello|helo|hi|alo|a lo|hey|ban oi|em oi|ad oi|bot oi|chau oi|tro ly oi|good morning|buoi sang|buoi chieu|ban|em|ad|ca nha|moi nguoi|a|nhe|nha|oi|ak|ah|minh|toi)\b/g;
const THANKS_WORDS =
  /\b(cam on|thank you|thanks|thank|tks|thanks you|ok|oke|okie|okay|duoc roi|hieu roi|ro roi|vang|da|nhieu|ban|em|chau|nhe|nha|a|ak|rat|hay qua|tot qua)\b/g;
// "Who are you?" and small talk about the bot itself: introduce it instead of searching.
const ABOUT_BOT = /^(ban|em|tro ly|bot|may|chatbot)( oi)? (la ai|ten (la )?gi|lam duoc gi|giup duoc gi|la gi|co phai nguoi that|bao nhieu tuoi)\b/;
const OUT_OF_SCOPE =
  /\b(thoi tiet|du bao thoi tiet|gia vang|ty gia|ti gia|xo so|so xo|ket qua xo|bong da|ti so|ty so|cong thuc nau|mon an|nau mon|bai tho|lam tho|viet tho|bai hat|loi bai hat|truyen cuoi|chuyen cuoi|tu vi|xem boi|chung khoan|bitcoin|crypto|tien ao)\b/;
const OWN_DOSSIER = /\b(ho so|don|bo ho so|ket qua)\b/;
const DOSSIER_STATUS =
  /\b(den dau|toi dau|xong chua|duoc chua|duyet chua|co ket qua chua|chua (duoc )?(xong|duyet|giai quyet|tra ket qua|co ket qua)|(bao gio|khi nao) (co ket qua|xong|duoc tra|tra ket qua)|tinh trang|bi tra ve|bi tu choi|sao lau|lau qua|qua han|tre hen|cham qua)\b/;

/**
 * Sorts the question: emergency, greeting, thanks, out of scope, too unclear to search,
 * a question about the citizen's own dossier (answered with how to look it up), or a question
 * for the knowledge base.
 */
export function routeStep(ctx: AnswerContext, deps: AnswerDeps): void {
  const { folded } = ctx.q;
  if (EMERGENCY.test(folded)) throw new AbortPipeline('emergency', CANNED.emergency);
  if (folded.replace(GREETING_WORDS, ' ').trim() === '' && folded !== '') {
    throw new AbortPipeline('greeting', CANNED.greeting);
  }
  if (/\b(cam on|thank|tks)/.test(folded) && folded.replace(THANKS_WORDS, ' ').trim() === '') {
    throw new AbortPipeline('greeting', CANNED.thanks);
  }
  if (ABOUT_BOT.test(folded)) throw new AbortPipeline('greeting', CANNED.greeting);
  if (OUT_OF_SCOPE.test(folded)) throw new AbortPipeline('out_of_scope', CANNED.out_of_scope);
  ctx.aboutOwnDossier = OWN_DOSSIER.test(folded) && DOSSIER_STATUS.test(folded);
  // A known domain term ("sổ đỏ", "CCCD") is a topic even when its words are generic ones.
  const hasTopic = ctx.q.topic.length > 0 || deps.snapshot().synonyms.expand(ctx.q) !== '';
  const canFollowUp = ctx.history.some((t) => t.docId);
  if (!hasTopic && !canFollowUp && !ctx.aboutOwnDossier) {
    throw new AbortPipeline('clarification', CANNED.clarification);
  }
}
