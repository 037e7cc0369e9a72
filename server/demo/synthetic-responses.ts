import type { ScoredDimension, ScoredItem } from '../domain/scoring/aggregates.ts';
import type { Random } from './random.ts';

export interface SyntheticTeam {
  key: string;
  respondents: number;
  /** Shifts this team's trust up or down on the 1–5 scale, e.g. −0.6 for a struggling team. */
  climate?: number;
}

export interface SyntheticResponse {
  teamKey: string;
  answers: Record<string, number | null>;
  comment: string | null;
}

const clamp = (value: number) => Math.min(5, Math.max(1, Math.round(value)));

/**
 * Answers that behave like real ones: each team has a latent level per dimension around the
 * organization's, each person a general disposition plus a per-dimension one, and each answer
 * noise around that. Reverse-worded items are answered consistently (agreeing with them means
 * low trust). Execution follows the trust dimensions, so drivers show. Some answers are skipped.
 */
export function generateResponses(options: {
  random: Random;
  teams: SyntheticTeam[];
  items: ScoredItem[];
  dimensions: ScoredDimension[];
  /** The organization's level per dimension on the 1–5 scale. */
  baseline?: Record<string, number>;
  skipRate?: number;
  comments?: readonly string[];
  commentRate?: number;
}): SyntheticResponse[] {
  const { random, items, dimensions } = options;
  const trust = dimensions.filter((d) => !d.outcome);
  const outcome = dimensions.find((d) => d.outcome);
  const responses: SyntheticResponse[] = [];
  for (const team of options.teams) {
    const teamLevel: Record<string, number> = {};
    for (const d of trust)
      teamLevel[d.id] = (options.baseline?.[d.id] ?? 3.4) + (team.climate ?? 0) + random.normal(0, 0.35);
    for (let r = 0; r < team.respondents; r++) {
      const person = random.normal(0, 0.45);
      const levels: Record<string, number> = {};
      for (const d of trust) levels[d.id] = teamLevel[d.id]! + person + random.normal(0, 0.3);
      if (outcome) {
        const trustMean = trust.reduce((sum, d) => sum + levels[d.id]!, 0) / Math.max(1, trust.length);
        levels[outcome.id] =
          0.8 * trustMean + 0.2 * (options.baseline?.[outcome.id] ?? 3.3) + random.normal(0, 0.3);
      }
      const answers: Record<string, number | null> = {};
      for (const item of items) {
        if (random.next() < (options.skipRate ?? 0.03)) {
          answers[item.id] = null;
          continue;
        }
        const agreement = clamp((levels[item.dimension] ?? 3) + random.normal(0, 0.6));
        answers[item.id] = item.reverse ? 6 - agreement : agreement;
      }
      const comment =
        options.comments && random.next() < (options.commentRate ?? 0.15)
          ? random.pick(options.comments)
          : null;
      responses.push({ teamKey: team.key, answers, comment });
    }
  }
  return responses;
}
