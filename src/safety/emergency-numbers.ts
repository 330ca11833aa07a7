/**
 * Vietnam's national emergency numbers, free to call, 24/7. These are the only numbers the safety
 * replies may give (the lexicon file can only refer to them), so no reply can carry an invented one.
 * Sources (checked 2026-11-29):
 * - 111: Tổng đài điện thoại quốc gia bảo vệ trẻ em (Luật Trẻ em 2016; number in service since 2017),
 *   takes reports of violence, abuse, trafficking, abduction of children and lost children.
 * - 112: Tổng đài tiếp nhận thông tin về sự cố, thiên tai, thảm họa (Nghị định 200/2025/NĐ-CP,
 *   Quyết định 2023/QĐ-TTg of 15/9/2025; run by the Ministry of Defence, linked to 113, 114, 115).
 * - 113: Công an (police), 114: Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ, 115: Cấp cứu y tế.
 */
export const EMERGENCY_NUMBERS = {
  '111': 'Tổng đài quốc gia bảo vệ trẻ em',
  '112': 'báo sự cố, thiên tai, thảm họa',
  '113': 'Công an',
  '114': 'cứu hỏa, cứu nạn cứu hộ',
  '115': 'cấp cứu y tế',
} as const;

export type EmergencyNumber = keyof typeof EMERGENCY_NUMBERS;
export const EMERGENCY_NUMBER_LIST = Object.keys(EMERGENCY_NUMBERS) as EmergencyNumber[];
