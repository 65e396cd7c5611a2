/**
 * Chinese schools run two terms a year: autumn (September to January, across the new
 * year) and spring (February to the summer holiday). Attendance is kept by month, so a
 * term is a range of 'YYYY-MM' strings that compares correctly as text.
 */
export interface SchoolTerm {
  /** e.g. 2024-AUTUMN, 2025-SPRING */
  label: string;
  firstMonth: string;
  lastMonth: string;
}

/** The term a calendar day (YYYY-MM-DD) falls in; summer holidays count with the spring term. */
export function schoolTermOf(date: string): SchoolTerm {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (month >= 9) return { label: `${year}-AUTUMN`, firstMonth: `${year}-09`, lastMonth: `${year + 1}-01` };
  if (month === 1) return { label: `${year - 1}-AUTUMN`, firstMonth: `${year - 1}-09`, lastMonth: `${year}-01` };
  return { label: `${year}-SPRING`, firstMonth: `${year}-02`, lastMonth: `${year}-08` };
}

/** Today in Beijing time: a school day starts at midnight in China, not in UTC. */
export function todayInChina(now: Date = new Date()): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}
