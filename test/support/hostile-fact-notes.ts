/** Notes built to make a careless regex backtrack: shared by the extractor's tests and its bench. */
const size = 65_536;
const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
export const HOSTILE_FACT_NOTES: Readonly<Record<string, string>> = {
  'a run of capitalised words': fill('Aa Bb Cc Dd '),
  'one endless capitalised word': fill('ABCDEFGHIJ'),
  'name particles': fill('de van der '),
  'digits and thousands separators': fill('1,234,'),
  'one Chinese sentence full of cues': fill('预算拍板下周三前发报价现在用'),
  'dates in both languages': fill('next Tuesday 下周三 3月15日 '),
  'one endless process list': fill('Process: legal review, then board approval → 三家比价，'),
  'one endless sentence of bodies and pronouns': fill('the investment committee must approve and he signs 他拍板 and '),
  'one endless list of systems and vendors': fill('Today: Freshdesk for email, also evaluating Acme and Beta, 在积加和马帮之间犹豫、'),
  'a realistic note pasted over and over': fill('Next: send Budget $120k 预算 85 万，拍板的是王总。Decision maker is CFO Anja von Loewe and they track orders on paper. '),
};
