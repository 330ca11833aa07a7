import type { ErrorCode } from '../chat/protocol.js';

/**
 * Every piece of text the widget shows or announces, in Vietnamese. A province translates the widget
 * (Thái, H'Mông…) by overriding any subset of these keys, without touching code:
 *
 *   <script>window.DvcChatStrings = { send: '…', errors: { busy: '…' } };</script>   (before widget.js)
 *   window.DvcChat.setStrings({ send: '…' });                                         (any time later)
 *
 * Placeholders in braces (`{name}`, `{n}`, `{topic}`, `{hotline}`, `{hours}`, `{code}`, `{date}`) are filled in by the widget. Server `error` frames are never shown
 * raw: their `code` picks one of `errors` (unknown codes get `errors.fallback`).
 */
export const DEFAULT_STRINGS = {
  title: 'Trợ lý Dịch vụ công',
  subtitle: 'Hỏi đáp thủ tục hành chính',
  bubble: 'Hỏi đáp',
  openChat: 'Mở hộp hỏi đáp với Trợ lý Dịch vụ công',
  closeChat: 'Đóng hộp hỏi đáp',
  greeting:
    'Chào bà con! Tôi là Trợ lý Dịch vụ công, giúp bà con tìm hiểu thủ tục hành chính và cách nộp hồ sơ trực tuyến. Bà con gõ câu hỏi, hoặc bấm một câu hỏi gợi ý bên dưới.',
  suggestions: 'Câu hỏi gợi ý',
  followUps: 'Bà con có thể hỏi tiếp',
  followUpsAbout: 'Hỏi tiếp về {topic}',
  autoNote: 'Câu trả lời do máy tự động soạn từ tài liệu hướng dẫn thủ tục hành chính của tỉnh; nguồn ghi dưới mỗi câu trả lời.',
  log: 'Nội dung hỏi đáp',
  inputLabel: 'Câu hỏi của bà con',
  inputPlaceholder: 'Nhập câu hỏi…',
  send: 'Gửi câu hỏi',
  handoff: 'Gặp cán bộ hỗ trợ',
  handoffRequest: 'Tôi muốn gặp cán bộ hỗ trợ.',
  you: 'Bà con',
  bot: 'Trợ lý',
  sources: 'Nguồn tham khảo',
  newTab: '(mở trong thẻ mới)',
  readAloud: 'Đọc to',
  stopReading: 'Dừng đọc',
  autoRead: 'Tự động đọc to câu trả lời',
  largeText: 'Chữ to',
  more: 'Thêm',
  moreLabel: 'Thêm lựa chọn',
  thumbsUp: 'Câu trả lời này hữu ích',
  thumbsDown: 'Câu trả lời này chưa hữu ích',
  commentLabel: 'Góp ý thêm (không bắt buộc)',
  commentPlaceholder: 'Câu trả lời chưa đúng hoặc còn thiếu ở đâu?',
  commentSend: 'Gửi góp ý',
  commentSkip: 'Bỏ qua',
  thanks: 'Cảm ơn bà con đã góp ý!',
  connecting: 'Đang kết nối…',
  reconnecting: 'Đang kết nối lại…',
  retryNow: 'Thử lại ngay',
  queued: 'Chưa gửi được, sẽ tự gửi khi có mạng trở lại',
  thinking: 'Trợ lý đang soạn câu trả lời…',
  sending: 'Đang gửi…',
  answerAnnounce: 'Trợ lý trả lời: ',
  staffAnnounce: '{name} trả lời: ',
  privacy: 'Đừng ghi số căn cước, mật khẩu, mã OTP vào câu hỏi. Số điện thoại chỉ điền ở ô gọi lại.',
  desk: 'Bộ phận Một cửa',
  handoffWaiting: 'Đang chờ cán bộ nhận…',
  handoffTaken: 'Cán bộ {name} đang hỗ trợ',
  handoffPosition: 'Bà con đang ở vị trí số {n} trong hàng chờ',
  handoffWait: 'Dự kiến chờ khoảng {n} phút',
  endChat: 'Kết thúc trò chuyện',
  newChat: 'Cuộc trò chuyện mới',
  callHotline: 'Gọi tổng đài {hotline}',
  supportHours: 'Cán bộ trực: {hours}.',
  voiceStart: 'Nói câu hỏi',
  voiceListening: 'Đang nghe… Bà con nói câu hỏi, xong thì bấm lại nút micrô.',
  voiceError: 'Chưa nghe được. Bà con nói lại, hoặc gõ câu hỏi giúp.',
  speechLang: 'vi-VN',
  requestOpen: 'Gửi góp ý, phản ánh',
  requestTitle: 'Góp ý, phản ánh gửi cán bộ',
  requestKind: 'Bà con muốn',
  kindSuggestion: 'Góp ý',
  kindComplaint: 'Phản ánh',
  requestText: 'Nội dung',
  requestContact: 'Số điện thoại hoặc email để cán bộ liên hệ (không bắt buộc)',
  requestContactHint: 'Chỉ cán bộ xem, không công khai.',
  requestSend: 'Gửi góp ý',
  requestInvalid: 'Nội dung cần ít nhất 5 chữ; số điện thoại hoặc email cần đúng dạng.',
  requestThanks: 'Đã nhận góp ý. Mã theo dõi của bà con:',
  codeHint: 'Bà con ghi lại mã này để xem trả lời (bấm “Thêm”, rồi “Tra cứu góp ý đã gửi”).',
  trackingCode: 'Mã theo dõi: {code}',
  lookupOpen: 'Tra cứu góp ý đã gửi',
  lookupLabel: 'Mã theo dõi',
  lookupSend: 'Tra cứu',
  lookupReceived: 'Ngày nhận: {date}',
  lookupDue: 'Hạn trả lời: {date}',
  lookupAnswered: 'Ngày trả lời: {date}',
  lookupReply: 'Trả lời của cán bộ:',
  statusNew: 'Đã nhận, chờ xử lý',
  statusInProgress: 'Đang xử lý',
  statusAnswered: 'Đã trả lời',
  callbackLabel: 'Số điện thoại để cán bộ gọi lại',
  callbackSend: 'Gửi số điện thoại',
  callbackInvalid: 'Số điện thoại chưa đúng. Bà con kiểm tra lại giúp (từ 8 đến 15 chữ số).',
  callbackThanks: 'Đã nhận số điện thoại. Cán bộ sẽ gọi lại cho bà con trong giờ làm việc.',
  surveyQuestion: 'Bà con có hài lòng với sự hỗ trợ hôm nay không?',
  surveyScale: '1 là rất không hài lòng, 5 là rất hài lòng',
  surveyScore: '{n} trên 5',
  surveySend: 'Gửi đánh giá',
  surveyThanks: 'Cảm ơn bà con đã đánh giá!',
  errors: {
    bad_frame: 'Tin nhắn gửi đi bị lỗi. Bà con gửi lại giúp tôi nhé.',
    unknown_type: 'Tin nhắn gửi đi bị lỗi. Bà con tải lại trang rồi thử lại nhé.',
    binary_not_supported: 'Tôi chỉ đọc được tin nhắn dạng chữ.',
    too_long: 'Câu hỏi dài quá, bà con viết ngắn lại giúp tôi nhé.',
    rate_limited: 'Bà con gửi nhanh quá, vui lòng chờ một chút rồi gửi tiếp.',
    not_ready: 'Hệ thống đang khởi động, tôi sẽ tự gửi lại câu hỏi sau ít giây.',
    busy: 'Tôi đang trả lời câu trước, câu này sẽ được gửi ngay sau đó.',
    unknown_answer: 'Không tìm thấy câu trả lời này để ghi nhận góp ý. Bà con tải lại trang rồi thử lại nhé.',
    not_stored: 'Hệ thống chưa lưu được tin nhắn này. Bà con gửi lại sau ít phút nhé.',
    unknown_code: 'Không tìm thấy mã theo dõi này. Bà con kiểm tra lại mã giúp.',
    internal: 'Hệ thống đang trục trặc nên chưa trả lời được. Bà con thử lại sau ít phút, hoặc bấm “Gặp cán bộ hỗ trợ”.',
    fallback: 'Có lỗi xảy ra. Bà con thử lại sau ít phút nhé.',
  },
} satisfies { errors: Record<ErrorCode | 'fallback', string> } & Record<string, unknown>;

export type Strings = typeof DEFAULT_STRINGS;
export type ErrorStrings = Strings['errors'];

/** Overrides known keys with non-empty strings only; anything else in `override` is ignored. */
export function mergeStrings(base: Strings, override: unknown): Strings {
  const out: Strings = { ...base, errors: { ...base.errors } };
  if (!override || typeof override !== 'object') return out;
  const o = override as Record<string, unknown>;
  for (const key of Object.keys(base) as Array<keyof Strings>) {
    if (key === 'errors') continue;
    const v = o[key];
    if (typeof v === 'string' && v) (out as Record<string, unknown>)[key] = v;
  }
  const errors = o.errors;
  if (errors && typeof errors === 'object') {
    for (const key of Object.keys(base.errors) as Array<keyof ErrorStrings>) {
      const v = (errors as Record<string, unknown>)[key];
      if (typeof v === 'string' && v) out.errors[key] = v;
    }
  }
  return out;
}

/** The friendly message for a server error code (never the code itself). */
export function errorMessage(strings: Strings, code: unknown): string {
  const errors = strings.errors as Record<string, string>;
  return typeof code === 'string' && code !== 'fallback' && Object.prototype.hasOwnProperty.call(errors, code) ? errors[code] : strings.errors.fallback;
}

/** `template` with each `{key}` replaced by its value (unknown keys are left as they are). */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
