// What one year of a national organisation holds, and the sizes the growth bench measures at.
// 1× = 100 groups, 1 500 families, 5 000 sessions, 200 000 chat messages, ~48 000 attendance rows.

export interface Scale {
  factor: number;
  trainers: number;
  groups: number;
  /** Each group: 12 confirmed families and 3 on the waitlist. */
  confirmedPerGroup: number;
  waitlistedPerGroup: number;
  /** Weekly sessions: 40 held in the past year, 10 still to come. */
  pastSessionsPerGroup: number;
  comingSessionsPerGroup: number;
  messagesPerGroup: number;
}

export function scaleOf(factor: number): Scale {
  return {
    factor,
    trainers: 10 * factor,
    groups: 100 * factor,
    confirmedPerGroup: 12,
    waitlistedPerGroup: 3,
    pastSessionsPerGroup: 40,
    comingSessionsPerGroup: 10,
    messagesPerGroup: 2000,
  };
}

/** GROWTH_SIZES=1,10,100 (the default measures 1× and 10×; 100× takes over an hour to seed once). */
export function sizesToMeasure(): number[] {
  const sizes = (process.env.GROWTH_SIZES ?? '1,10')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  return sizes.length > 0 ? sizes : [1, 10];
}
