import type { Question } from '../text/question.js';

/**
 * Questions written in English: the common procedures and aspects mapped to Vietnamese words, so the
 * question can be answered from the Vietnamese guidance (the reply says so in one English line).
 * A question with none of these keywords is left alone.
 */
const PROCEDURES: ReadonlyArray<[RegExp, string]> = [
  [/\b(birth (certificate|registration)|register (a |my |the )?(birth|baby|child|newborn))\b/, 'đăng ký khai sinh'],
  [/\b(death (certificate|registration)|register (a |the )?death)\b/, 'đăng ký khai tử'],
  [/\b(marriage (certificate|registration)|register (a |my |our )?marriage|get married|marry)\b/, 'đăng ký kết hôn'],
  [/\b(single status|certificate of (no impediment|marital status)|marital status)\b/, 'xác nhận tình trạng hôn nhân'],
  [/\bpassports?\b/, 'hộ chiếu'],
  [/\b(border pass|laos pass)\b/, 'giấy thông hành'],
  [/\b(id card|identity card|citizen id|citizen identity|chip card)\b/, 'thẻ căn cước'],
  [/\b(driving licen[cs]e|driver'?s? licen[cs]e)\b/, 'giấy phép lái xe'],
  [/\btemporary residence\b/, 'đăng ký tạm trú'],
  [/\b(permanent residence|residence registration|household registration)\b/, 'đăng ký thường trú'],
  [/\b(proof of residence|residence (confirmation|certificate))\b/, 'xác nhận cư trú'],
  [/\b(criminal record|police (clearance|check|certificate)|judicial record)\b/, 'lý lịch tư pháp'],
  [/\bhousehold business\b/, 'hộ kinh doanh'],
  [/\b(business registration|register (a |my )?(business|company)|(start|open|set up) an? (business|company))\b/, 'đăng ký doanh nghiệp'],
  [/\b(vehicle registration|register (a |my )?(car|motorbike|motorcycle|vehicle)|licen[cs]e plate|number plate)\b/, 'đăng ký xe'],
  [/\b(building|construction) permit\b/, 'giấy phép xây dựng'],
  [/\b(land (title|certificate|use right)|red book)\b/, 'sổ đỏ'],
  [/\bsocial insurance\b/, 'bảo hiểm xã hội'],
  [/\bhealth insurance\b/, 'thẻ bảo hiểm y tế'],
  [/\b(personal income tax|tax code|tax (return|settlement|finali[sz]ation))\b/, 'quyết toán thuế thu nhập cá nhân'],
  [/\blegal aid\b/, 'trợ giúp pháp lý'],
  [/\b(complaint|complain|denounce)\b/, 'khiếu nại'],
  [/\b(certif(y|ied) (a )?cop(y|ies)|notari[sz]e)\b/, 'chứng thực bản sao'],
  [/\bvneid\b/, 'VNeID'],
];

const ASPECTS: ReadonlyArray<[RegExp, string]> = [
  [/\b(forgot|forget|lost) (my )?password\b/, 'quên mật khẩu'],
  [/\b(how much|fees?|costs?|price|pay)\b/, 'lệ phí bao nhiêu'],
  [/\b(how long|processing time|how many days)\b/, 'mất bao lâu'],
  [/\b(where|which office)\b/, 'ở đâu'],
  [/\b(documents?|papers?|what do i need|requirements?)\b/, 'cần giấy tờ gì'],
  [/\bonline\b/, 'trực tuyến'],
  [/\b(how (do|can|to|should)|steps?|procedure|process)\b/, 'làm thế nào'],
];

const ENGLISH = /\b(how|what|where|when|which|who|do|does|can|could|i|my|we|get|the|a|an|is|are|to|for|need|in|of|much|long|apply|please|hello)\b/g;

/** The question in Vietnamese keywords when it is written in English and names a known procedure. */
export function englishToVietnamese(q: Question): string | undefined {
  if (q.typedDiacritics) return undefined;
  const text = q.folded;
  const words = text.split(' ').filter(Boolean);
  const english = text.match(ENGLISH)?.length ?? 0;
  if (words.length < 3 || english < 2 || english / words.length < 0.3) return undefined;
  const procedures = PROCEDURES.filter(([re]) => re.test(text)).map(([, vi]) => vi);
  if (procedures.length === 0) return undefined;
  const aspects = ASPECTS.filter(([re]) => re.test(text)).map(([, vi]) => vi);
  return [...procedures, ...aspects].join(' ');
}

/** The English line an answer to an English question starts with. */
export function englishPreface(title: string, url: string): string {
  return `I answer in Vietnamese. This is the guidance on “${title}” (${url}):`;
}
