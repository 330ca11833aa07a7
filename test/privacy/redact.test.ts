import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../src/privacy/normalise.js';
import { redact, redactPersonalData } from '../../src/privacy/redact.js';
import { PII_SAMPLES, leakedSamples } from './samples.js';

describe('normaliseText', () => {
  it('turns full-width characters into plain ones and removes invisible format characters', () => {
    expect(normaliseText('０９１２\u200B３４５\u2060６７８')).toBe('0912345678');
    expect(normaliseText('ba\u00ADnguyen＠gmail．com')).toBe('banguyen@gmail.com');
    expect(normaliseText('0912\u00A0345\u2013678\u3002')).toBe('0912 345-678.');
  });

  it('keeps Vietnamese letters and the tag characters guard-input refuses', () => {
    expect(normaliseText('Đăng ký khai sinh cho con')).toBe('Đăng ký khai sinh cho con');
    expect(normaliseText('a\u{E0041}')).toBe('a\u{E0041}');
  });
});

describe('redactPersonalData', () => {
  it('gives each caller its own result when a message is redacted again (recent results are reused)', () => {
    const message = 'Số điện thoại của tôi là 0912 345 678, email an@gmail.com';
    const first = redactPersonalData(message);
    first.found.push('address');
    first.found.length = 0;
    const again = redactPersonalData(message);
    expect(again.text).toBe(first.text);
    expect(again.found.sort()).toEqual(['email', 'phone']);
    // Many other messages later, still the same redaction.
    for (let i = 0; i < 40; i++) redactPersonalData(`câu hỏi ${i} gọi 09123456${String(i).padStart(2, '0')}`);
    expect(redactPersonalData(message)).toEqual(again);
  });

  it.each(PII_SAMPLES)('%s: %s', (kind, sample) => {
    const r = redactPersonalData(`Của tôi đây: ${sample} nhé`);
    expect(r.found).toEqual([kind]);
    expect(leakedSamples(r.text)).toEqual([]);
    // the words around the number stay ("MST", "xe biển", the name), only the number goes
    expect(r.text).toMatch(/^Của tôi đây: .*\[[^\]]+\]\)? ?[\p{L}]* nhé$/u);
  });

  it.each([
    ['MST 0101234567-001', 'MST [mã số thuế]'],
    ['mã số thuế cá nhân 034195001234', 'mã số thuế cá nhân [mã số thuế]'],
    ['DN4010123456789', '[số bảo hiểm]'],
    ['mã BHXH: 01 2345 6789', 'mã BHXH: [số bảo hiểm]'],
    ['số tài khoản Agribank của tôi là 3100 2050 12345', 'số tài khoản Agribank của tôi là [số tài khoản]'],
    ['STK của tôi và sđt 0912345678', 'STK của tôi và sđt [số điện thoại]'],
    ['29a12345 bị phạt nguội', '[biển số xe] bị phạt nguội'],
    ['bà Lò Thị Ơn sinh năm 1950', 'bà Lò Thị Ơn sinh năm [ngày sinh]'],
    ['Họ tên: Quàng Văn Thanh, ngày sinh: 01-01-1970', 'Họ tên: Quàng Văn Thanh, ngày sinh: [ngày sinh]'],
    ['Lò Văn Minh Sinh năm 1985', 'Lò Văn Minh Sinh năm [ngày sinh]'],
  ])('keeps the words that name a number and replaces the number: %s', (text, redacted) => {
    expect(redact(text)).toBe(redacted);
  });

  it('names each kind it found, and placeholders redacted earlier', () => {
    const r = redactPersonalData('CCCD của tôi 034195001234, sđt 0912 345 678, mail ba.nguyen@gmail.com, nhà số 12 ngõ 4');
    expect(r.text).toBe('CCCD của tôi [số định danh], sđt [số điện thoại], mail [email], [địa chỉ] [địa chỉ]');
    expect(r.found.sort()).toEqual(['address', 'email', 'id_number', 'phone']);
    expect(redactPersonalData(r.text).found.sort()).toEqual(['address', 'email', 'id_number', 'phone']);
  });

  it('splits numbers written next to each other', () => {
    expect(redact('0912345678 0987654321')).toBe('[số điện thoại] [số điện thoại]');
    expect(redact('năm 2025 0912 345 678')).toBe('năm 2025 [số điện thoại]');
    expect(redact('0912 345 678 034 195 001 234')).toBe('[số điện thoại] [số định danh]');
  });

  it.each([
    'trẻ dưới 6 tuổi, nộp trong 60 ngày, lệ phí 20.000 đồng, năm 2025',
    'vay 200.000.000 đồng để làm nhà',
    'tổng đài 1800 1096 hoặc 113',
    'mã hồ sơ 000.00.25.H53-250101-0001',
    'hẹn ngày 12-05-2025 lúc 8.30',
    'Nghị định 13/2023/NĐ-CP, điều 12',
    'giấy CT07 và mẫu TK01',
    'lệ phí 500k hay 1,5 triệu',
    'nộp năm 2024. 15 ngày sau có kết quả, phí 200 . 000 đồng',
    'xem tại dichvucong.gov.vn. Com pa và thước mang theo',
    // procedure codes, amounts, dates, the bot's own hotlines, years, laws
    'thủ tục 1.001193, 1.014333-1.014337 và 2.002154',
    'lệ phí 100.000 đồng, phạt 1.500.000đ, vay 1 500 000 000 đồng',
    'gọi 18001096 hoặc 111, 113, 114, 115',
    'hẹn 12/03/2025, hạn 30/6/2026, năm 2025 và 2026',
    'Luật 135/2025/QH15, NĐ 13/2023/NĐ-CP, Quyết định 2023/QĐ-TTg ngày 15/9/2025',
    // near a number's name but no such number
    'MST là gì, có 10 hay 13 số?',
    'đóng BHXH 22% tiền lương, BHXH tự nguyện 1.500.000 đồng/tháng, BHXH năm 2024',
    'tài khoản ngân hàng bị trừ 500.000 đồng',
    'số tài khoản 2 người chung được không',
    // a date with no name, or after a place
    'con tôi sinh ngày 10/11/2026 có quá hạn khai sinh không',
    'TP. Hồ Chí Minh, ngày 12/3/2025',
    'Mai Sơn, 12/03/2025 và Hà Nội, 12/03/2025',
    // looks like a plate or a card, is not
    'lớp 12A 2025, phụ lục 02A 2024, lúc 10h 1530, cách 30 km 1200 m, xe 50cc',
    'học lớp 12A1 năm 2025',
    'năm 2021 2022 2023 2024',
    'mẫu CT07, TK01',
  ])('leaves ordinary numbers alone: %s', (text) => {
    expect(redactPersonalData(text)).toEqual({ text, found: [] });
  });
});
