/**
 * Whether a free-text report mentions a keyword as present, not as absent. 「疏散通道已清理，未见
 * 堵塞，但楼梯间应急照明不亮」 mentions 应急照明 but not 堵塞: a mention is denied when, inside its own
 * clause, it follows a cue that says the thing is absent or gone (未见, 没有发现, 不存在, 已清理 …,
 * allowing a few words between), or a negation up to two characters before it (无杂物堆放, 未上锁), unless
 * the negation is part of a word that says something is there (无证, 无人).
 * Clauses end at punctuation and at 但/但是/可是/不过, which turn the sentence.
 */
export function mentions(text: string, keyword: string): boolean {
  if (!keyword) return false;
  for (const clause of clauses(text)) {
    let from = 0;
    for (let at = clause.indexOf(keyword); at >= 0; at = clause.indexOf(keyword, from)) {
      if (!denied(clause.slice(0, at))) return true;
      from = at + 1;
    }
  }
  return false;
}

/** Cues that report an absence or a removal; a few characters may stand between them and the keyword. */
const ABSENCE_CUES = [
  "未见",
  "未发现",
  "没有发现",
  "没发现",
  "没看到",
  "不存在",
  "已清理",
  "已清除",
  "已排除",
  "已整改",
  "已消除",
  "已拆除",
];
/** How many characters may stand between an absence cue and the keyword it denies (未见明显堵塞). */
const CUE_REACH = 6;
/** Single negations that deny a word right after them or up to two characters later (无杂物堆放, 未上锁). */
const NEGATIONS = ["没有", "无", "没", "未", "不"];
const NEGATION_REACH = 2;
/** Words that start with a negation but say something is there (无证 unlicensed, 无人 unattended). */
const NOT_NEGATIONS = [
  "无证",
  "无人",
  "无关",
  "无法",
  "无效",
  "没人",
  "未经",
  "不足",
  "不合",
  "不当",
  "不全",
  "不亮",
];

const CLAUSE_BREAK = /[，,。;；！!？?\n\r：:（）()]|但是|可是|不过|但/;

function clauses(text: string): string[] {
  return text.split(CLAUSE_BREAK).filter(Boolean);
}

function denied(before: string): boolean {
  const tail = before.slice(-(CUE_REACH + 4));
  for (const cue of ABSENCE_CUES) {
    const at = tail.lastIndexOf(cue);
    if (at >= 0 && tail.length - (at + cue.length) <= CUE_REACH) return true;
  }
  for (const negation of NEGATIONS) {
    const at = before.lastIndexOf(negation);
    if (at < 0 || before.length - (at + negation.length) > NEGATION_REACH) continue;
    const word = before.slice(at, at + negation.length + 1);
    if (before.length > at + negation.length && NOT_NEGATIONS.includes(word)) continue;
    return true;
  }
  return false;
}
