import { AbortPipeline, type AnswerContext } from '../context.js';
import type { AnswerDeps } from '../deps.js';

const GREETING_WORDS =
  /\b(xin chao|chao|hello|helo|hi|alo|a lo|hey|ban oi|em oi|ad oi|bot oi|chau oi|tro ly oi|good morning|buoi sang|buoi chieu|ban|em|ad|ca nha|moi nguoi|a|nhe|nha|oi|ak|ah|minh|toi)\b/g;
const THANKS_WORDS =
  /\b(cam on|thank you|thanks|thank|tks|thanks you|ok|oke|okie|okay|duoc roi|hieu roi|ro roi|vang|da|nhieu|ban|em|chau|nhe|nha|a|ak|rat|hay qua|tot qua)\b/g;
// "Who are you?" and small talk about the bot itself: introduce it instead of searching.
const ABOUT_BOT = /^(ban|em|tro ly|bot|may|chatbot)( oi)? (la ai|ten (la )?gi|lam duoc gi|giup duoc gi|la gi|co phai nguoi that|bao nhieu tuoi)\b/;
const OUT_OF_SCOPE =
  /\b(thoi tiet|du bao thoi tiet|gia vang|ty gia|ti gia|xo so|so xo|ket qua xo|bong da|ti so|ty so|cong thuc nau|mon an|nau mon|bai tho|lam tho|viet tho|bai hat|loi bai hat|truyen cuoi|chuyen cuoi|tu vi|xem boi|chung khoan|bitcoin|crypto|tien ao|weather|gold price|exchange rate|lottery|football|soccer|recipe|poem|song lyrics|lyrics|joke|horoscope|fortune telling|stock market|stock price)\b/;
// The citizen's own dossier: "hồ sơ của tôi", "tôi đã nộp", "nộp tuần trước", a receipt or a dossier code
// (and in English: "my application", "I submitted").
const OWN_DOSSIER =
  /\b(ho so|don|giay to|bo ho so|ket qua)( cua)? (toi|em|minh|tui|bac|chau|ba|ong|co|chu|nha toi|nha minh|me toi|bo toi|vo toi|chong toi|con toi)\b|\b(da|vua|moi) nop\b|\b(nop|lam|gui) (ho so |don )?(roi|xong|tu|hom|tuan|thang|ngay|o xa|o phuong|online|truc tuyen|len mang)\b|\b(ma ho so|so ho so|ma so ho so|so bien nhan|giay bien nhan|bien nhan|giay hen|phieu hen|ma bien nhan)\b|\b(my|our) (application|dossier|file|request|case|submission|registration|papers|documents)\b|\b(i|we) (have |had |already |just )*(submitted|applied|filed|lodged|sent in)\b|\b(receipt|dossier|application|tracking) (code|number)\b/;
// A dossier code as the portals print it: "000.00.25.H53-250101-0001".
const DOSSIER_CODE = /\b\d{3}\.\d{2}\.\d{2}\.[a-z]\d{2}-\d{6}-\d{4}\b/i;
// Asking how far along it is ("đến đâu rồi"; "phải đến đâu" asks where to go).
const DOSSIER_STATUS =
  /\b(where is it|where is my|the status|its status|status of|how far|what stage|which step|still (waiting|pending|not)|not (yet )?(done|ready|approved|processed|finished|back)|is it (done|ready|approved|finished)|when will i (get|receive|hear)|taking so long|so long|overdue|rejected|sent back|any news|progress|den dau roi|toi dau roi|den buoc nao|xong chua|duoc chua|duyet chua|co ket qua chua|chua (duoc )?(xong|duyet|giai quyet|tra ket qua|co ket qua|tra)|(bao gio|khi nao|may ngay nua) (co ket qua|xong|duoc tra|tra ket qua|nhan duoc|lay duoc)|tinh trang|trang thai|bi tra ve|bi tu choi|sao lau|lau qua|lau the|qua han|qua hen|tre hen|cham qua|van chua|dang xu ly)\b/;

/**
 * Sorts the question (emergencies and refusals were handled by the safety step before): greeting, thanks, out of scope, too unclear to search,
 * a question about the citizen's own dossier (answered with how to look it up), or a question
 * for the knowledge base.
 */
export function routeStep(ctx: AnswerContext, deps: AnswerDeps): void {
  const { folded } = ctx.q;
  if (folded.replace(GREETING_WORDS, ' ').trim() === '' && folded !== '') {
    throw new AbortPipeline('greeting', ctx.replies.greeting);
  }
  if (/\b(cam on|thank|tks)/.test(folded) && folded.replace(THANKS_WORDS, ' ').trim() === '') {
    throw new AbortPipeline('greeting', ctx.replies.thanks);
  }
  if (ABOUT_BOT.test(folded)) throw new AbortPipeline('greeting', ctx.replies.greeting);
  if (OUT_OF_SCOPE.test(folded)) throw new AbortPipeline('out_of_scope', ctx.replies.out_of_scope);
  ctx.aboutOwnDossier = (OWN_DOSSIER.test(folded) || DOSSIER_CODE.test(ctx.q.original)) && DOSSIER_STATUS.test(folded);
  // A known domain term ("sổ đỏ", "CCCD") is a topic even when its words are generic ones.
  const hasTopic = ctx.q.topic.length > 0 || deps.snapshot().synonyms.expand(ctx.q) !== '';
  const canFollowUp = ctx.history.some((t) => t.docId);
  if (!hasTopic && !canFollowUp && !ctx.aboutOwnDossier) {
    throw new AbortPipeline('clarification', ctx.replies.clarification);
  }
}
