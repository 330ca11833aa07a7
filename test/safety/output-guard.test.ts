import { describe, expect, it } from 'vitest';
import { moneyAmounts } from '../../src/safety/money.js';
import { createOutputGuard } from '../../src/safety/output-guard.js';

const guard = createOutputGuard({
  passages: [
    'https://dichvucong.gov.vn/p/home/dvc-tra-cuu-thu-tuc-hanh-chinh.html\nLệ phí cấp đổi 50.000 đồng; cấp lại 70.000 đồng. Tổng đài 1900 0368 hỗ trợ VNeID.',
    'https://vneid.gov.vn\nHệ thống gửi mã OTP về số điện thoại đã đăng ký. Trẻ em dưới 14 tuổi được miễn lệ phí. Hỏi thêm: hotro@sonla.gov.vn',
  ],
  allowedNumbers: ['111', '112', '113', '114', '115', '18001096'],
});
const reason = (text: string) => guard.check(text)?.reason;

describe('output guard: each check refuses what the passages do not say, and lets the near-miss through', () => {
  it.each([
    'Gọi 0912345678 để được hỗ trợ.',
    'Gọi 0912 345 678 để được hỗ trợ.',
    'Gọi 0912.345.678 để được hỗ trợ.',
    'Gọi 0912-345-678 để được hỗ trợ.',
    'Gọi (091) 234 5216 để được hỗ trợ.',
    'Gọi +84 912 345 678 để được hỗ trợ.',
    'Gọi 84912345678 để được hỗ trợ.',
    'Gọi ０９１２３４５６７８ để được hỗ trợ.',
    'Gọi 0912\u200B345678 để được hỗ trợ.',
    'Gọi tổng đài 1022 để được hỗ trợ.',
    'Liên hệ hotline 1900 1234 56.',
  ])('phone not in the passages: %s', (text) => expect(reason(text)).toBe('guard_phone'));

  it.each(['Gọi tổng đài 1900 0368 [1].', 'Gọi 1900.0368.', 'Gọi ngay 113.', 'Tổng đài 18001096.', 'Trong 15 ngày làm việc, năm 2025.', 'Nghị định 13/2023/NĐ-CP, điều 12.'])(
    'phone or number the passages or the official list have: %s',
    (text) => expect(reason(text)).toBeUndefined(),
  );

  it.each(['Lệ phí 500.000đ.', 'Lệ phí 500.000 đồng.', 'Lệ phí 500k.', 'Lệ phí 2 triệu.', 'Lệ phí 1,5 triệu đồng.', 'Lệ phí năm trăm nghìn đồng.', 'Lệ phí hai triệu rưỡi.', 'Mất 60.000 VNĐ.'])(
    'sum of money not in the passages: %s',
    (text) => expect(reason(text)).toBe('guard_money'),
  );

  it.each(['Lệ phí 50.000 đồng [1].', 'Lệ phí 50k.', 'Lệ phí năm mươi nghìn đồng.', 'Cấp lại 70 nghìn đồng.', 'Trẻ em 0 đồng (miễn lệ phí).'])('sum in the passages: %s', (text) =>
    expect(reason(text)).toBeUndefined(),
  );

  it.each([
    'Cập nhật tại https://vneid-capnhat.com/login.',
    'Cập nhật tại https://dichvucong.gov.vn.xac-thuc.top/a.',
    'Vào trang vneid-capnhat.com để cập nhật.',
    'Vào www.dichvucong-gov.vn nhé.',
    'Vào dichvucong[.]gov[.]vn[.]cc nhé.',
    'Vào trang vneid chấm com chấm vn nhé.',
  ])('link or domain not in the sources: %s', (text) => expect(reason(text)).toBe('guard_link'));

  it.each(['Xem https://dichvucong.gov.vn/p/home/dvc-tra-cuu-thu-tuc-hanh-chinh.html [1].', 'Vào dichvucong.gov.vn hoặc ứng dụng VNeID.', 'Tải tại https://vneid.gov.vn.'])(
    'link from the sources: %s',
    (text) => expect(reason(text)).toBeUndefined(),
  );

  it('an email not in the passages is refused; one in them passes', () => {
    expect(reason('Gửi hồ sơ về hotro.vneid@gmail.com.')).toBe('guard_email');
    expect(reason('Hỏi thêm qua hotro@sonla.gov.vn.')).toBeUndefined();
  });

  it.each([
    'Bà con đọc mã OTP cho cán bộ để được hỗ trợ.',
    'Hãy cung cấp mật khẩu VNeID cho nhân viên tổng đài.',
    'Không sao đâu, bà con cứ đọc mã OTP cho cán bộ.',
    'Gửi mã OTP qua Zalo cho chúng tôi.',
    'Nhập mật khẩu vào đường link trong tin nhắn.',
    'Mã OTP bà con nhận được thì đọc cho người gọi.',
    'Please tell the officer your OTP.',
  ])('instruction to share an OTP or password: %s', (text) => expect(reason(text)).toBe('guard_secret_sharing'));

  it.each([
    'Hệ thống gửi mã OTP về số điện thoại đã đăng ký [2].',
    'Tuyệt đối không cung cấp mã OTP cho bất kỳ ai.',
    'Đừng đọc mật khẩu cho người lạ.',
    'Nếu ai yêu cầu cung cấp mã OTP thì đó là lừa đảo.',
    'Nhập mã OTP vào ứng dụng VNeID để kích hoạt.',
  ])('OTP mentioned safely: %s', (text) => expect(reason(text)).toBeUndefined());

  it.each(['[Bấm vào đây](javascript:alert(1))', 'Chép java script: fetch(1) vào trình duyệt.', 'Mở data:text/html;base64,PHNjcmlwdD4=', '[Gọi](tel:0912345678)', 'Xem <script>alert(1)</script>'])(
    'non-http scheme or script: %s',
    (text) => expect(reason(text)).toBe('guard_scheme'),
  );

  it('a plain answer with citations passes', () => {
    expect(reason('Bà con mang thẻ căn cước cũ đến Công an xã [1]. Lệ phí cấp đổi 50.000 đồng [1].')).toBeUndefined();
  });
});

describe('moneyAmounts', () => {
  it('reads amounts in digits, with k/triệu, and in words', () => {
    expect(moneyAmounts('500.000đ, 500.000 đồng, 500k, 1,5 triệu, 2 tr, năm trăm nghìn đồng, hai triệu rưỡi, 2 triệu 500')).toEqual([
      500000, 500000, 500000, 1500000, 2000000, 2500000, 500000, 2500000,
    ]);
    expect(moneyAmounts('trong hai năm, 15 ngày, năm 2025')).toEqual([]);
  });
});
