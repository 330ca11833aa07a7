/** Fixed Vietnamese replies for the outcomes that do not come from the documents. */
export const HOTLINE_LINE =
  'Nếu cần người hỗ trợ, bà con bấm “Gặp cán bộ hỗ trợ”, gọi tổng đài Cổng Dịch vụ công quốc gia **18001096**, hoặc đến Bộ phận Một cửa ở xã/phường nơi mình ở.';

export const CANNED = {
  greeting:
    'Chào bà con! Tôi là Trợ lý Dịch vụ công, giúp bà con tìm hiểu thủ tục hành chính và cách làm hồ sơ trực tuyến. Bà con muốn hỏi việc gì ạ? Ví dụ: làm giấy khai sinh, đăng ký thường trú, tài khoản VNeID.',
  thanks: 'Dạ, không có gì ạ. Bà con cần hỏi thêm thủ tục nào cứ nhắn cho tôi nhé.',
  clarification:
    'Bà con muốn hỏi về thủ tục hay việc gì cụ thể ạ? Ví dụ: “làm giấy khai sinh cần giấy tờ gì”, “đổi bằng lái xe ở đâu”, “quên mật khẩu VNeID”. Bà con cũng có thể chọn một câu hỏi gợi ý bên dưới.',
  out_of_scope: `Xin lỗi bà con, tôi chỉ hỗ trợ các câu hỏi về thủ tục hành chính và dịch vụ công trực tuyến, nên không trả lời được câu này. ${HOTLINE_LINE}`,
  unanswerable_no_content: `Xin lỗi bà con, tôi chưa có thông tin chắc chắn để trả lời câu này. Bà con thử hỏi lại rõ hơn (ví dụ tên thủ tục), hoặc hỏi trực tiếp cán bộ. ${HOTLINE_LINE}`,
  emergency:
    'Nếu bà con hoặc ai đó đang gặp nguy hiểm, hãy gọi ngay (miễn phí):\n\n- **113**: Công an\n- **114**: Cứu hỏa, cứu nạn cứu hộ\n- **115**: Cấp cứu y tế\n- **111**: Tổng đài quốc gia bảo vệ trẻ em\n\nSau khi đã an toàn, tôi sẵn sàng giúp bà con về thủ tục giấy tờ.',
  needs_personal_data:
    'Tôi không xem được hồ sơ hay tài khoản riêng của bà con, nên không biết hồ sơ đang ở bước nào. Bà con có thể tự tra cứu như hướng dẫn dưới đây, hoặc hỏi Bộ phận Một cửa nơi đã nộp (mang theo giấy biên nhận).',
  guard_input_empty: 'Bà con chưa nhập câu hỏi. Bà con gõ điều muốn hỏi, ví dụ “làm căn cước cho con ở đâu”.',
  guard_input_too_long: 'Câu hỏi dài quá. Bà con viết ngắn lại (dưới {max} chữ cái) giúp tôi nhé.',
  guard_input_hidden_chars: 'Câu hỏi có ký tự ẩn lạ nên tôi không xử lý được. Bà con gõ lại câu hỏi giúp tôi nhé.',
  error_answer_service: `Xin lỗi bà con, hệ thống đang trục trặc. Bà con thử lại sau ít phút. ${HOTLINE_LINE}`,
  error_non_specific: `Xin lỗi bà con, hệ thống đang trục trặc. Bà con thử lại sau ít phút. ${HOTLINE_LINE}`,
  personal_data_notice:
    '_Lưu ý: bà con không cần gửi số căn cước, số điện thoại hay email vào đây. Tôi đã che các thông tin đó để giữ an toàn cho bà con._',
  unsure_offer: 'Nếu chưa đúng điều bà con cần, bà con hỏi lại rõ hơn hoặc bấm “Gặp cán bộ hỗ trợ”.',
} as const;
