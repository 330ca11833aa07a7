import type { Question } from '../text/question.js';

/**
 * What kind of answer a question asks for, from its wording (cue lexicon over the accent-folded
 * question). A question may carry several kinds ("mất bao lâu, lệ phí bao nhiêu"). Each kind names
 * the section headings that usually hold it and the words a sentence or bullet that states it uses.
 */
export const QUESTION_TYPES = [
  'yesno', 'fee', 'time', 'deadline', 'papers', 'where', 'who', 'online', 'in_person', 'definition', 'comparison', 'legal', 'steps',
] as const;

export type QuestionType = (typeof QUESTION_TYPES)[number];

interface TypeSpec {
  type: QuestionType;
  /** The question asks for this. */
  cue: RegExp;
  /** Folded heading fragments of the sections that usually answer it. */
  headings: readonly string[];
  /** Folded words of a unit that states this kind of fact. */
  unit?: RegExp;
}

const Q = '(khong|ko|k|hong|chua|ha|a|nhi|nhe|the|vay|chu)';

export const TYPE_SPECS: readonly TypeSpec[] = [
  {
    type: 'fee',
    cue: /\b(le phi|phi (bao nhi(?:e)?u|la bao nhi(?:e)?u|the nao|ra sao|gi|nao|ko|khong)|bao nhi(?:e)?u tien|het bao nhi(?:e)?u|mat (bao nhi(?:e)?u|tien|phi|le phi)|ton (bao nhi(?:e)?u|tien|phi|kem)|(?<!duoc )tra (tien|phi)|nop (tien|phi)|gia bao nhi(?:e)?u|chi phi|(co|duoc|la) mien phi|mien (phi|le phi) (khong|ko|k|chu|ha|a)|muc (thu|phi|le phi)|thu (phi|tien|bao nhi(?:e)?u)|bao nhi(?:e)?u dong|co phi|(?<!mien )phi\b(?! dia gioi| nong nghiep))/,
    headings: ['le phi', 'phi'],
    unit: /\b(le phi|phi|dong|mien|khong thu|khong mat|0 dong)\b/,
  },
  {
    type: 'deadline',
    cue: /\b((trong (vong )?)?bao lau (thi |moi |la )?(phai|bat buoc)|han (chot|cuoi|nop|dang k[iy]|la)|thoi han (nop|dang k[iy]|bao lau|la|cua)|truoc ngay|truoc (may (gio|ngay|thang|tuan)|bao lau|khi nao|luc nao|bao gio)|(may|bao nhi(?:e)?u) (ngay|thang|tuan) (thi |la |moi )?(phai|bat buoc)|(khi nao|bao gio) (thi )?phai|qua han|cham nhat|het han|gia han|trong vong bao|co hieu luc|con hieu luc|hieu luc (tu|den|khi)|gia tri (trong |duoc )?bao lau|dung duoc bao lau|bao lau (thi )?het han|(bao lau|may ngay) (sau|ke tu)|(co )?thoi han (may|bao nhi(?:e)?u|bao lau)|may nam|bao nhi(?:e)?u nam|(duoc|trong|nghi) may (thang|nam|tuan)|(duoc|toi da|dai nhat|co gia tri|dung duoc) (bao lau|may)|bao lau thi het|(thoi )?han (su )?dung|(vao )?(thang|ngay) (may|nao)|luc nao thi phai|(phai|bat buoc)(?= (?!(cho|doi|mat) )(\w+ ){1,3}trong (vong )?(bao lau|(may|bao nhi(?:e)?u) (ngay|thang|tuan|nam))\b))\b/,
    headings: ['thoi han', 'ai can', 'luu y'],
    unit: /\b(trong (vong )?\d+ (ngay|thang|nam)|ke tu|truoc ngay|qua han|het han|gia tri|hieu luc|thoi han|dung duoc)\b/,
  },
  {
    type: 'time',
    cue: /\b(mat bao lau|bao lau( (thi|moi))? (co|lay|xong|nhan|duoc|ve|tra)|bao lau|(sang|hom nay) nop .{0,12}(chieu|mai) (lay|co|nhan)|may ngay|bao nhi(?:e)?u ngay|mat may|(khi nao|bao gio|hom nao|may gio|luc nao) (thi )?(co|xong|lay|nhan|duoc tra|tra|ve)|thoi gian (giai quyet|lam|xu ly|tra|cho)|lau (khong|ko|qua)|xong chua|nhanh nhat|lay ngay|(co|xong|ve) (ngay|trong ngay))\b/,
    headings: ['thoi han'],
    unit: /\b(ngay lam viec|trong ngay|gio|thoi han|khoang \d+ ngay|khong qua \d+|giay hen|ngay hen|ngay tra)\b/,
  },
  {
    type: 'papers',
    cue: /\b(giay to|ho so (gom|can|co)|gom (nhung )?(gi|giay)|can (mang|chuan bi|nhung gi|gi|nhung giay|giay|co gi)|mang (theo|gi|nhung)|chuan bi (gi|nhung)|thanh phan|giay gi|nhung gi|can nhung)\b/,
    headings: ['giay to', 'ho so', 'chuan bi'],
    unit: /\b(to khai|giay|ban sao|ban chinh|can cuoc|ho so gom|mang theo|don|anh)\b/,
  },
  {
    type: 'where',
    cue: /\b(o dau|cho nao|noi nao|co quan nao|don vi nao|ai (giai quyet|cap|ky|lam|duyet|quyet dinh|quyet|tiep nhan|xu ly|ho tro)|nop (tai|o)|(lam|xin|nhan|lay|doi) (tai|o) (dau|xa|phuong|cong an|dau)|den dau|(xa|phuong) nao|so dien thoai|so may|goi (cho )?ai|tong dai|lien he|gui (don )?(cho )?ai|gui (o|ve) dau|hoi ai|nho ai|bao (o dau|cho ai|ai)|(nop|gui|dua|bao|dang k[iy]|lien he|hoi) (cho|voi|o) ai|tim (o )?dau|lanh o dau|linh o dau)\b/,
    headings: ['o dau', 'ai ho tro', 'ho tro', 'noi nop'],
    unit: /\b(ubnd|uy ban|cong an|bo phan mot cua|trung tam|phong|so|nop tai|den|tai|co quan|buu dien|xa phuong|tong dai)\b/,
  },
  {
    type: 'who',
    cue: /\b(ai (can|phai|duoc|co the)|la ai|dieu kien|doi tuong|thuoc dien|nhung ai|truong hop nao|bao nhi(?:e)?u tuoi|may tuoi|du tuoi|tuoi (nao|bao nhi(?:e)?u)|\d+ tuoi|ai thi)\b/,
    headings: ['ai can', 'ai duoc', 'doi tuong', 'dieu kien'],
    unit: /\b(tu du \d+|\d+ tuoi|nguoi|dieu kien|doi tuong|truong hop)\b/,
  },
  {
    type: 'online',
    cue: /\b(online|onl|truc tuyen|qua mang|tren mang|tren dien thoai|qua dien thoai|(tren|bang|qua) (vneid|app|ung dung|dich vu cong|dvc|cong|may tinh)|tai nha|khong (can|phai) (den|ra|len|di))\b/,
    headings: ['truc tuyen'],
    unit: /\b(truc tuyen|dichvucong|vneid|cong dich vu cong|qua mang|tren mang|toan trinh)\b/,
  },
  {
    type: 'in_person',
    cue: /\b(truc tiep|den (noi|tan)|len (xa|phuong|huyen|tinh)|ra (xa|phuong))\b/,
    headings: ['truc tiep'],
  },
  {
    type: 'definition',
    cue: /\b(la gi|la cai gi|la sao|nghia la|co nghia|nghia (la )?(sao|gi)|la the nao|la giay gi|la so nao|y nghia|khai niem|hieu the nao|dung de lam gi|de lam gi)\b/,
    headings: ['la gi', 'y nghia'],
    unit: /\b(la|nghia la|goi la|hay goi|dung de)\b/,
  },
  {
    type: 'comparison',
    cue: /\b(khac (nhau|gi|cho nao|the nao|o diem|ra sao)|khac voi|so voi|phan biet|giong (nhau|voi)|hay la|(voi|va) .{1,40} khac)\b/,
    headings: ['khac', 'phan biet'],
    unit: /\b(khac|con|thi)\b/,
  },
  {
    type: 'legal',
    cue: /\b(can cu|luat nao|van ban (nao|phap)|quy dinh (nao|o dau|the nao)|theo luat|nghi dinh \d|thong tu \d|quyet dinh \d)\b/,
    headings: ['can cu'],
    unit: /\b(luat|nghi dinh|thong tu|quyet dinh|nghi quyet)\b/,
  },
  {
    type: 'yesno',
    cue: new RegExp(
      `\\b((co|co phai|co can|co bat buoc|co bi|co mat|co duoc|co the|co nen|co con|co phai la|co dung) .{0,80}${Q}$|(duoc|dc|duoc phep) ${Q}$|(duoc|dc) (khong|ko|k|chua)\\b|co (dung|phai) (khong|ko|k)\\b|bat buoc .{0,40}(khong|ko|k)\\b|(phai|can|nen) .{0,60}(khong|ko|k)$|dung khong|phai khong|duoc chua|chua duoc|co sao khong|co sao ko)`,
    ),
    headings: [],
  },
  {
    type: 'steps',
    cue: /\b(cac buoc|quy trinh|trinh tu|huong dan|(bang )?cach (lam|dang|nop|xin|de|nao|thuc hien|lay|doi|mo|khoa|dang nhap|tra cuu)|lam (sao|the nao|nhu the nao|nhu nao|gi)|the nao|nhu nao|nhu the nao|ra sao|kieu (gi|nao))\b/,
    headings: ['cac buoc', 'truc tuyen', 'cach', 'buoc'],
    unit: /^(vao|chon|dang nhap|tim|dien|nop|ghi|theo doi|mo|bam|nhan|cho|kiem tra|tai|chup|khai|dinh kem|gui|mang|den)\b/,
  },
];

// "bao nhiêu (tiền, ngày, phần trăm)", "mấy tháng", "mấy trăm nghìn", "tối đa": the answer is a number (an age is asked by "who").
export const QUANTITY =
  /\b(bao nhi(?:e)?u(?! tuoi)( (phan tram|tram nghin|tram|nghin|trieu|dong|tien|ngay|thang|nam|tuan|gio|lan))?|may (ngay|thang|nam|tuan|gio|lan|bo|anh|to|ban|tien|tram nghin|tram|nghin|trieu|chuc|muc|loai|buoc|cai|nguoi|xa|so|phan tram)|toi da|toi thieu)\b/;

/** "như thế nào" only means "which steps" when nothing more specific is asked ("cơ quan nào cấp … như thế nào"). */
const WEAK_STEPS = /\b(the nao|nhu nao|nhu the nao|ra sao|kieu (gi|nao)|lam sao|lam the nao|lam nhu the nao|lam nhu nao)\b/;

export interface TypedQuestion {
  types: QuestionType[];
  /** Folded syllables that only say what kind of thing is asked (the cue words), not what about. */
  cueTokens: ReadonlySet<string>;
  /** Syllable positions where a cue of a specific kind starts ("ở đâu", "bao nhiêu tiền"), in order. */
  cueStarts: number[];
}

// Topic choice, the plan and the next turn's follow-up check all ask about the same question object.
const typedQuestions = new WeakMap<Question, TypedQuestion>();

/** The kinds of answer a question asks for, most specific first, with its cue words (the result is shared: never change it). */
export function questionTypes(q: Question): TypedQuestion {
  let typed = typedQuestions.get(q);
  if (!typed) typedQuestions.set(q, (typed = classify(q)));
  return typed;
}

function classify(q: Question): TypedQuestion {
  const text = q.folded;
  const found: QuestionType[] = [];
  const cueTokens = new Set<string>();
  const cueStarts: number[] = [];
  for (const spec of TYPE_SPECS) {
    const re = new RegExp(spec.cue.source, 'g');
    let matched = false;
    for (const m of text.matchAll(re)) {
      if (spec.type === 'yesno') {
        // Only the frame words of a yes/no question are cues, not what lies between them.
        for (const w of ['co', 'phai', 'can', 'bat', 'buoc', 'bi', 'duoc', 'dc', 'the', 'nen', 'khong', 'ko', 'k', 'hong', 'chua', 'sao', 'dung', 'ha', 'a']) if (m[0].split(' ').includes(w)) cueTokens.add(w);
      } else {
        for (const w of m[0].split(' ')) cueTokens.add(w);
        if (spec.type !== 'steps') cueStarts.push(text.slice(0, m.index).split(' ').filter(Boolean).length);
      }
      matched = true;
    }
    if (matched) found.push(spec.type);
  }
  // "mấy tháng", "bao nhiêu phần trăm": words that ask for a number say what kind of answer, not what about.
  for (const m of text.matchAll(new RegExp(QUANTITY.source, 'g'))) for (const w of m[0].split(' ')) cueTokens.add(w);
  // "Làm trên VNeID như thế nào?": how to do it online is the steps.
  const specific = found.filter((t) => t !== 'steps' && t !== 'yesno' && t !== 'online');
  let types = found;
  if (found.includes('steps') && specific.length > 0 && !/\b(cac buoc|quy trinh|trinh tu|huong dan|cach)\b/.test(text.replace(WEAK_STEPS, ' '))) {
    types = found.filter((t) => t !== 'steps');
  }
  // "Có cần / phải đăng ký … không?": who must do it is in "Ai cần làm".
  if (types.includes('yesno') && !types.includes('who') && /\b(can|phai|bat buoc|co nen) (dang k[iy]|lam|xin|khai bao|doi|co)\b/.test(text)) types = [...types, 'who'];
  // Deadline words include "bao lâu"; when the question is about a deadline it is not about processing time.
  if (types.includes('deadline') && types.includes('time') && !/\b(xong|co ket qua|tra ket qua|lay|nhan)\b/.test(text)) {
    types = types.filter((t) => t !== 'time');
  }
  return { types, cueTokens, cueStarts: cueStarts.sort((a, b) => a - b) };
}

export function specOf(type: QuestionType): TypeSpec {
  return TYPE_SPECS.find((s) => s.type === type)!;
}
