/** Numbers as reps write them: 1,200,000 · 1.2 · 八十五 · 一百二十 · 两 · 十五 · 二十. */

const HAN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const HAN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export const HAN_NUMBER = '[零〇一二两三四五六七八九十百千]+';

/** A Chinese numeral below 10,000 (八十五, 一百二十, 十五, 两); null when it is not one. */
export function parseHanNumber(text: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百千]+$/.test(text)) return null;
  let total = 0;
  let digit: number | null = null;
  for (const char of text) {
    if (char in HAN_DIGITS) {
      digit = HAN_DIGITS[char]!;
    } else {
      const unit = HAN_UNITS[char]!;
      total += (digit ?? 1) * unit;
      digit = null;
    }
  }
  return total + (digit ?? 0);
}

/** Arabic (with thousands separators and decimals) or Chinese numerals; null otherwise. */
export function parseNumber(text: string): number | null {
  const arabic = text.replace(/[,，]/g, '');
  if (/^\d+(?:\.\d+)?$/.test(arabic)) return Number(arabic);
  return parseHanNumber(text);
}

const EN_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fourteen: 14, fifteen: 15, twenty: 20, thirty: 30,
};

/** 3, "two", "a" for counts of days and weeks. */
export function parseCount(text: string): number | null {
  const lower = text.toLowerCase();
  if (lower in EN_WORDS) return EN_WORDS[lower]!;
  return parseNumber(text);
}
