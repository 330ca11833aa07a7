import type { LlmFallbackReason } from '../llm/deadline.js';
import { normaliseText } from '../privacy/normalise.js';
import { EMAIL_PATTERN } from '../privacy/redact.js';
import { moneyAmounts } from './money.js';

/**
 * Checks a model's text before the citizen sees it. Everything factual a citizen could act on
 * must come from the passages the model was given: phone numbers (any Vietnamese format, short
 * codes after "gọi", "tổng đài"…), sums of money (digits, "k", "triệu", words), links and bare
 * domains, emails. Instructions to share an OTP or a password and non-http link schemes
 * (`javascript:`, `data:`) are never allowed.
 */
export interface GuardFailure {
  reason: Extract<LlmFallbackReason, `guard_${string}`>;
  detail: string;
}

export interface OutputGuard {
  /** The first problem in the text, if any. */
  check(text: string): GuardFailure | undefined;
}

export interface OutputGuardSources {
  /** Text of every passage given to the model, with its URL. */
  passages: string[];
  /** Numbers that may always be given: the national emergency numbers, the support hotline. */
  allowedNumbers: readonly string[];
}

// Digits joined by spaces, dots, dashes, brackets or a plus: "0912 345 678", "(091) 234-5216", "+84 912…".
const DIGIT_BLOB = /\d+(?:[\s.\-()+]+\d+)*/g;
const MONEY_AFTER = /^\s*(?:đồng|đ|vnđ|vnd|k|nghìn|ngàn|triệu|tr|tỷ|tỉ|%)(?![\p{L}])/iu;
const CONTACT_CUE = /(?:gọi|gọi điện|liên hệ|liên lạc|tổng đài|hotline|đường dây nóng|điện thoại|sđt|zalo|nhắn tin|nhắn|số máy|bấm số|quay số|call|phone|fax|sms)\s*(?:số|đến|tới|cho|vào|qua)?\s*:?\s*$/iu;
const MIN_PHONE_DIGITS = 8;

const TLDS =
  'com|net|org|vn|gov|edu|info|biz|xyz|top|io|me|co|cc|tk|ml|ga|cf|gq|site|online|app|link|shop|club|live|store|tech|pro|asia|us|uk|ru|cn|click|icu|buzz|work|fun|space|website|vip|win|bid|loan|ly|to|gl|gg|in|id|ph|la|kh|th|jp|kr|tv|ws|name|mobi|one|cloud|page|dev|ai|zip|mov|li|sh|su|cyou|sbs|lol|rest|today|news|help|support';
const URL_RE = /\b(?:https?|ftp):\/\/[^\s<>()[\]"'`]+/giu;
const BARE_DOMAIN = new RegExp(String.raw`(?<![\p{L}\p{N}@_-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+(?:${TLDS})(?![\p{L}\p{N}-])`, 'giu');
// Defanged or spelled-out dots: "lua-dao[.]com", "lua dao chấm com".
const SPELLED_DOT = /\s*(?:\[\.\]|\(\.\)|\[dot\]|\(dot\)|\[chấm\]|\(chấm\))\s*|\s+(?:chấm|dot)\s+/giu;

const BAD_SCHEME = /(?:java|vb|live)script\s*:|data\s*:\s*[a-z]+\/[a-z0-9.+-]+|\bfile:\/\/|\bblob:|<\s*(?:script|iframe|object|embed)\b|\bon[a-z]+\s*=\s*["']/iu;
const NON_HTTP_LINK = /\]\(\s*(?!https?:\/\/)[^)\s]+\s*\)/iu;

const SECRET = /(?<![\p{L}])(?:otp|smart\s*otp|mã xác thực|mã xác nhận|mật khẩu|mật mã|password|passcode|mã pin|pin|cvv|cvc|mã bảo mật|mã kích hoạt|mã đăng nhập|mã số bí mật|mã giao dịch)(?![\p{L}])/iu;
// Verbs that hand a secret over by themselves, and verbs that do so only towards someone or a link.
const HAND_OVER = /(?<![\p{L}])(?:cung cấp|chia sẻ|đọc|tiết lộ|cho biết|share|give|tell|provide|disclose|read out)(?![\p{L}])/giu;
const SEND = /(?<![\p{L}])(?:gửi|gởi|nhắn|nhập|điền|chuyển|báo|đưa|send|enter|forward|type)(?![\p{L}])/giu;
const RECIPIENT = /(?<![\p{L}])(?:cho|tới|đến|qua|vào|to|via|into)\s+(?:\S+\s+){0,2}?(?:cán bộ|công an|người|ai|họ|nhân viên|tổng đài viên|chúng tôi|tôi|mình|bên|số|zalo|facebook|messenger|telegram|tin nhắn|sms|email|link|đường link|đường dẫn|trang web|website|trang|someone|anyone|us|them|the caller|caller|officer|agent)(?![\p{L}])/iu;
const NEGATION = /(?<![\p{L}])(?:không|đừng|chớ|never|not|don't|do not|no one|nobody)(?![\p{L}])(?:\s+[^\s,.;:!?]+){0,3}\s*$/iu;
const SCAM_WARNING = /(?<![\p{L}])(?:lừa đảo|giả mạo|mạo danh|gian lận|scam|phishing)(?![\p{L}])/iu;
const NOT_A_SCAM = /(?:không|chẳng|chả|ko)\s+(?:phải|có)\s+(?:là\s+)?(?:lừa đảo|giả mạo|mạo danh)/iu;
/** How many words may stand between the verb and the secret ("đọc giúp tôi mã OTP"). */
const SECRET_NEAR = 5;

export function createOutputGuard(sources: OutputGuardSources): OutputGuard {
  const corpus = normaliseText(sources.passages.join('\n')).toLowerCase();
  const allowedDigits = new Set([...sources.allowedNumbers.map((n) => n.replace(/\D/g, '')), ...[...corpus.matchAll(DIGIT_BLOB)].map((m) => m[0].replace(/\D/g, ''))]);
  const allowedMoney = new Set(moneyAmounts(corpus));
  const corpusFree = /miễn (?:phí|lệ phí)|không (?:mất|thu) (?:phí|lệ phí|tiền)/u.test(corpus);
  const allowedHosts = new Set(hostsIn(corpus));
  const allowedEmails = new Set([...corpus.matchAll(EMAIL_PATTERN)].map((m) => m[0]));

  return {
    check(raw) {
      const text = normaliseText(raw).toLowerCase();
      return (
        checkScheme(text) ??
        checkSecretSharing(text) ??
        checkLinks(text, allowedHosts) ??
        checkEmails(text, allowedEmails) ??
        checkPhones(text, allowedDigits) ??
        checkMoney(text, allowedMoney, corpusFree)
      );
    },
  };
}

function checkScheme(text: string): GuardFailure | undefined {
  const compact = text.replace(/\s+/g, '');
  const m = BAD_SCHEME.exec(text) ?? BAD_SCHEME.exec(compact) ?? NON_HTTP_LINK.exec(text);
  return m ? { reason: 'guard_scheme', detail: m[0].slice(0, 40) } : undefined;
}

function checkSecretSharing(text: string): GuardFailure | undefined {
  for (const sentence of text.split(/(?<=[.!?…;])\s+|\n+/)) {
    const secret = SECRET.exec(sentence);
    if (!secret) continue;
    const verbs = [
      ...[...sentence.matchAll(HAND_OVER)].map((m) => ({ m, needsRecipient: false })),
      ...[...sentence.matchAll(SEND)].map((m) => ({ m, needsRecipient: true })),
    ];
    for (const { m, needsRecipient } of verbs) {
      const [a, b] = m.index! < secret.index ? [m.index! + m[0].length, secret.index] : [secret.index + secret[0].length, m.index!];
      if (sentence.slice(a, b).trim().split(/\s+/).filter(Boolean).length > SECRET_NEAR) continue;
      if (needsRecipient && !RECIPIENT.test(sentence.slice(Math.min(m.index!, secret.index)))) continue;
      if (NEGATION.test(sentence.slice(0, m.index!)) || NEGATION.test(sentence.slice(0, secret.index))) continue;
      if (SCAM_WARNING.test(sentence) && !NOT_A_SCAM.test(sentence)) continue;
      return { reason: 'guard_secret_sharing', detail: sentence.slice(0, 80) };
    }
  }
  return undefined;
}

function checkLinks(text: string, allowed: ReadonlySet<string>): GuardFailure | undefined {
  for (const host of hostsIn(text)) if (!allowed.has(host)) return { reason: 'guard_link', detail: host };
  return undefined;
}

function checkEmails(text: string, allowed: ReadonlySet<string>): GuardFailure | undefined {
  for (const m of text.matchAll(EMAIL_PATTERN)) if (!allowed.has(m[0])) return { reason: 'guard_email', detail: m[0] };
  return undefined;
}

function checkPhones(text: string, allowed: ReadonlySet<string>): GuardFailure | undefined {
  for (const m of text.matchAll(DIGIT_BLOB)) {
    const digits = m[0].replace(/\D/g, '');
    const end = m.index! + m[0].length;
    if (allowed.has(digits) || MONEY_AFTER.test(text.slice(end))) continue;
    const cued = CONTACT_CUE.test(text.slice(Math.max(0, m.index! - 30), m.index!));
    if (digits.length >= MIN_PHONE_DIGITS || (cued && digits.length >= 3)) return { reason: 'guard_phone', detail: m[0] };
  }
  return undefined;
}

function checkMoney(text: string, allowed: ReadonlySet<number>, corpusFree: boolean): GuardFailure | undefined {
  for (const amount of moneyAmounts(text)) {
    if (allowed.has(amount) || (amount === 0 && corpusFree)) continue;
    return { reason: 'guard_money', detail: String(amount) };
  }
  return undefined;
}

/** Host names of every URL and bare domain in a text, without "www.". */
function hostsIn(text: string): string[] {
  const hosts: string[] = [];
  for (const m of text.matchAll(URL_RE)) {
    const url = m[0].replace(/[.,;:!?]+$/, '');
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      host = url;
    }
    hosts.push(host.replace(/^www\./, ''));
  }
  const rest = text.replace(URL_RE, ' ').replace(SPELLED_DOT, '.');
  for (const m of rest.matchAll(BARE_DOMAIN)) hosts.push(m[0].replace(/^www\./, ''));
  return hosts;
}
