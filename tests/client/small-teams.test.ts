import { describe, expect, it } from 'vitest';
import { allCatalogs, supportedLocales, translate } from '../../client/src/i18n/translate.ts';
import { type SmallTeamsNotice, smallTeamsNotice } from '../../client/src/pages/console/small-teams.ts';

const lead = { teamKey: 'eng-lead', teamName: 'Engineering leadership', headcount: 1 };
const sales = { teamKey: 'sales', teamName: 'Sales', headcount: 4 };

const read = (notice: SmallTeamsNotice | null, locale = 'en') =>
  notice && {
    title: translate(locale, notice.title.key, notice.title.values),
    teams: notice.teams.map((line) => translate(locale, line.key, line.values)),
    paragraphs: notice.paragraphs.map((line) => translate(locale, line.key, line.values)),
  };

describe('the wave page’s notice about teams too small to be asked on their own', () => {
  it('names each team with its headcount, and says why and what to do before the wave opens', () => {
    const notice = read(smallTeamsNotice({ status: 'draft', smallTeams: [lead, sales] }, 5))!;
    expect(notice.title).toBe('Teams too small to be asked on their own');
    expect(notice.teams).toEqual(['Engineering leadership: 1 person', 'Sales: 4 people']);
    expect(notice.paragraphs[0]).toMatch(/^These teams have fewer than 5 people and a link of their own/);
    expect(notice.paragraphs[0]).toContain('anyone who can read the database can read its answers');
    expect(notice.paragraphs[1]).toMatch(
      /^Before you open the wave, give their people their parent team's link/,
    );
    expect(notice.paragraphs[2]).toContain('turn on personal codes for their own team');
  });

  it('tells an open wave that answers given so far stay, and to do it from now on and next time', () => {
    const notice = read(smallTeamsNotice({ status: 'open', smallTeams: [sales] }, 5))!;
    expect(notice.paragraphs[0]).toMatch(/^This team has fewer than 5 people and a link of its own/);
    expect(notice.paragraphs[1]).toMatch(/^Answers already given through their own team's link stay/);
    expect(notice.paragraphs[1]).toContain('in the next wave');
  });

  it('says nothing for a closed wave, or a wave without such teams', () => {
    expect(smallTeamsNotice({ status: 'closed', smallTeams: [lead] }, 5)).toBeNull();
    expect(smallTeamsNotice({ status: 'draft', smallTeams: [] }, 5)).toBeNull();
    expect(smallTeamsNotice({ status: 'open', smallTeams: [] }, 5)).toBeNull();
  });

  it('is said in every language, in its own words', async () => {
    await allCatalogs();
    const draft = smallTeamsNotice({ status: 'draft', smallTeams: [lead, sales] }, 5);
    const said = supportedLocales.map((locale) => read(draft, locale));
    expect(new Set(said.map((notice) => notice!.paragraphs[1])).size).toBe(supportedLocales.length);
    expect(read(draft, 'fr')!.teams).toEqual([
      'Engineering leadership\u202f: 1 personne',
      'Sales\u202f: 4 personnes',
    ]);
    expect(read(draft, 'de')!.teams).toEqual(['Engineering leadership: 1 Person', 'Sales: 4 Personen']);
  });
});
