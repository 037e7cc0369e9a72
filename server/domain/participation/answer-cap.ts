/**
 * How many answers a team's open link takes when the team's headcount is known: the headcount
 * plus a margin of max(5, 20 % of it, rounded up). The margin absorbs a headcount that is a little
 * out of date (people who joined since the import); beyond it, whoever holds the link could be
 * filling the team's figures with answers of their own, so the link takes no more and the
 * consultant sees the team flagged. Without a headcount there is no cap.
 *
 * `recordResponses` applies the same rule inside its insert statement, from these constants.
 */
export const CAP_MIN_MARGIN = 5;
export const CAP_MARGIN_PERCENT = 20;

export function answerCap(headcount: number): number {
  return headcount + Math.max(CAP_MIN_MARGIN, Math.ceil((headcount * CAP_MARGIN_PERCENT) / 100));
}
