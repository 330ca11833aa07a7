import type { PersonalDataKind } from '../../src/privacy/redact.js';

/** Personal data in the forms Vietnamese citizens write it, with the digits or words that must never survive. */
export const PII_SAMPLES: Array<[PersonalDataKind, string, string]> = [
  ['id_number', '034195001234', '034195001234'],
  ['id_number', '001 099 001 203', '001099001203'],
  ['id_number', '001.099.001.203', '001099001203'],
  ['id_number', '001-099-001-203', '001099001203'],
  ['id_number', '0010 9900 1203', '001099001203'],
  ['id_number', '０３４１９５００１２３５', '034195001235'],
  ['id_number', '0341\u200B9500\u200C1236', '034195001236'],
  ['id_number', '050123456', '050123456'],
  ['phone', '0912345678', '0912345678'],
  ['phone', '0912 345 678', '0912345678'],
  ['phone', '0912.345.678', '0912345678'],
  ['phone', '0912-345-678', '0912345678'],
  ['phone', '(091) 234 5216', '0912345216'],
  ['phone', '+84 912 345 679', '912345679'],
  ['phone', '+84 (0) 912 345 670', '912345670'],
  ['phone', '(+84) 91 234 5671', '912345671'],
  ['phone', '0084 912 345 672', '912345672'],
  ['phone', '84912345673', '912345673'],
  ['phone', '０９１２３４５６７４', '0912345674'],
  ['phone', '0912\u200B345\u200D675', '0912345675'],
  ['phone', '0 9 1 2 3 4 5 6 7 6', '0912345676'],
  ['phone', '0212 3852 123', '02123852123'],
  ['phone', '0 9 1 2 . 3 4 5 . 6 6 1', '0912345661'],
  ['phone', '0912 - 345 - 662', '0912345662'],
  ['email', 'ba.nguyen@gmail.com', 'ba.nguyen'],
  ['email', 'co\u200Bhoa@yahoo.com.vn', 'cohoa'],
  ['email', 'lo.thi.mai (at) gmail.com', 'lo.thi.mai'],
  ['email', 'camvanthu a còng gmail chấm com', 'camvanthu'],
  ['email', 'hoa.lo @ gmail . com', 'hoa.lo'],
  ['address', 'số nhà 27 ngõ 15', 'số nhà 27'],
  ['id_number', 'hộ chiếu C7654321', 'C7654321'],
  ['id_number', '8034567129', '8034567129'],
  ['tax_code', 'MST 0101234567-001', '0101234567'],
  ['tax_code', 'mã số thuế: 8012345671', '8012345671'],
  ['tax_code', 'ma so thue 0312 456 789', '0312456789'],
  ['tax_code', '0109876543 - 002', '0109876543'],
  ['insurance_number', 'thẻ BHYT DN 4 01 0123456780', '4010123456780'],
  ['insurance_number', 'hn-2-01-01234-56781', '2010123456781'],
  ['insurance_number', 'mã số BHXH 22 1234 5678', '2212345678'],
  ['insurance_number', 'sổ bảo hiểm số １４０２３４５６７９', '1402345679'],
  ['bank_account', 'STK 0123456789012 Vietcombank', '0123456789012'],
  ['bank_account', 'số tài khoản Agribank của tôi là 3100 2050 12345', '3100205012345'],
  ['bank_account', 'stk: 1903\u200B5555\u200B888801 techcombank', '1903555588880'],
  ['bank_account', '4111 1111 1111 1111', '4111111111111111'],
  ['vehicle_plate', 'xe biển 29A-123.45', '29A-12345'],
  ['vehicle_plate', '26B1 234.56', '26B123456'],
  ['vehicle_plate', '28h1-567.89', '28h156789'],
  ['birth_date', 'Lò Văn Minh, sinh ngày 12/03/1985', '12/03/1985'],
  ['birth_date', 'Nguyen Van An ns 5.6.1979', '561979'],
  ['birth_date', 'QUÀNG THỊ ƠN (14-07-1961)', '14071961'],
];

/** Collapses digit runs ("0912 345.678" → "0912345678") so a sample is found however it was spaced. */
export function collapseDigits(text: string): string {
  return text.normalize('NFKC').replace(/[\u200B-\u200F\u2060-\u2064\uFEFF]/g, '').replace(/(?<=\d)[\s.\-()+]+(?=\d)/g, '');
}

/** The samples whose tell-tale text still occurs in `text`. */
export function leakedSamples(text: string): string[] {
  const collapsed = collapseDigits(text);
  return PII_SAMPLES.filter(([, , tell]) => collapsed.includes(collapseDigits(tell))).map(([, sample]) => sample);
}
