/**
 * Left-behind children are minors under 16 (国发〔2016〕13号: 不满十六周岁): the registry
 * takes no one of 16 or over, and a child still on it at 16 is a data-quality finding.
 */
export const LEFT_BEHIND_AGE_LIMIT = 16;

/** Whole years from `birthDate` to `on` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
