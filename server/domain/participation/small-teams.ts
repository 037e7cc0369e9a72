/**
 * The teams a wave asks on their own that have fewer than k people (known headcount 1 to k − 1).
 * Reports never show them alone (A5, R1), but their answers are stored under the team like any
 * other: a database reader reads a team of one's answers as that person's, a team of two's as one
 * of two's (docs/anonymity.md, "Small teams"). The consultant is told so that they ask those people
 * through their parent team's link instead. A team of unknown headcount, or of none, is not listed:
 * nothing says it is small.
 */
export function smallTeams(
  asked: readonly { key: string; name: string; headcount: number | null }[],
  k: number,
): { teamKey: string; teamName: string; headcount: number }[] {
  return asked.flatMap(({ key, name, headcount }) =>
    headcount !== null && headcount >= 1 && headcount < k
      ? [{ teamKey: key, teamName: name, headcount }]
      : [],
  );
}
