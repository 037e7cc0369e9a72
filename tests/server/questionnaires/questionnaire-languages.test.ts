import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionnaireDefinition } from '../../../server/domain/questionnaire/definition-schema.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { type Assessment, call, PULSE_ITEMS, setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

interface Hotspot {
  teamKey: string;
  dimension: string;
  score: number;
  delta: number;
  recommendations: string[];
}

// A wave of the pulse 1.0.0, created before French and German existed in the product's eyes:
// the languages added to the published version reach its survey and its report.
describe.each(testDatabases())('the questionnaires in French and German on $name', (database) => {
  let test: TestApp;
  let assessment: Assessment;
  let pulse: QuestionnaireDefinition;

  /** Answers keyed so that every item scores `value`, whatever its direction. */
  const answers = (value: number) =>
    Object.fromEntries(
      PULSE_ITEMS.map((id) => [id, pulse.items.find((i) => i.id === id)!.reverse ? 6 - value : value]),
    );

  beforeAll(async () => {
    test = await startTestApp(database);
    pulse = test.app.questionnaires.get('trust-os-pulse', '1.0.0')!;
    assessment = await setUpAssessment(test, { threshold: 3 });
  });
  afterAll(() => test?.close());

  it('serves the survey in French when the page asks for French', async () => {
    const response = await test.app.inject(`/api/participate/${assessment.codes.ops}?locale=fr`);
    expect(response.statusCode).toBe(200);
    const { questionnaire } = response.json();
    expect(questionnaire).toMatchObject({
      locale: 'fr',
      locales: ['en', 'es', 'fr', 'de'],
      title: 'Baromètre Trust OS',
    });
    expect(questionnaire.items[0]).toEqual({
      id: 'ds-decisions-hold',
      dimension: 'decision-stability',
      text: 'Quand mon équipe prend une décision, elle est maintenue, sauf si un élément vraiment nouveau apparaît.',
      reverse: false,
      required: false,
    });
    expect(questionnaire.scale.map((p: { label: string }) => p.label)).toEqual([
      'Pas du tout d’accord',
      'Pas d’accord',
      'Ni d’accord ni pas d’accord',
      'D’accord',
      'Tout à fait d’accord',
    ]);
  });

  it('serves it in German to a browser that prefers Swiss German, when the page asks for nothing', async () => {
    const response = await test.app.inject({
      url: `/api/participate/${assessment.codes.ops}`,
      headers: { 'accept-language': 'de-CH,de;q=0.9,en;q=0.5' },
    });
    const { questionnaire } = response.json();
    expect(questionnaire.locale).toBe('de');
    expect(questionnaire.scale[4].label).toBe('Stimme voll und ganz zu');
    expect(questionnaire.openQuestion.text).toBe(pulse.openQuestion!.text.de);
  });

  it('reads the report in German: dimension names and recommendations in German, the figures unchanged', async () => {
    // Operations answer low, the other teams high: Operations is the hot spot of every dimension.
    const plan: Record<string, number[]> = { ops: [2, 2, 3], eng: [4, 5, 4], sales: [5, 4, 5] };
    for (const [team, values] of Object.entries(plan))
      for (const value of values) {
        const response = await test.app.inject({
          method: 'POST',
          url: `/api/participate/${assessment.codes[team]}/responses`,
          payload: { submissionId: randomUUID(), answers: answers(value) },
        });
        expect(response.statusCode).toBe(201);
      }
    await call(test.app, assessment.consultant, 'POST', `/api/waves/${assessment.waveId}/close`);

    const url = `/api/waves/${assessment.waveId}/report`;
    const german = await call(test.app, assessment.consultant, 'GET', `${url}?locale=de`);
    const english = await call(test.app, assessment.consultant, 'GET', `${url}?locale=en`);

    expect(german.dimensions.map((d: { name: string }) => d.name)).toEqual([
      'Entscheidungsstabilität',
      'Verantwortung',
      'Entscheidungsbefugnis',
      'Psychologische Sicherheit',
      'Umsetzung',
    ]);
    expect(german.hotspots.length).toBeGreaterThan(0);
    for (const hotspot of german.hotspots as Hotspot[]) {
      expect(hotspot.teamKey).toBe('ops');
      const dimension = pulse.dimensions.find((d) => d.id === hotspot.dimension)!;
      expect(hotspot.recommendations).toEqual(dimension.recommendations.de);
    }
    expect(german.hotspots[0].recommendations).not.toEqual(english.hotspots[0].recommendations);

    const figures = (report: { hotspots: Hotspot[]; organization: unknown }) => ({
      organization: report.organization,
      hotspots: report.hotspots.map(({ recommendations: _, ...rest }) => rest),
    });
    expect(figures(german)).toEqual(figures(english));
  });
});
