import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  composeMessage,
  type MailContext,
  type MailKind,
  mailLocale,
  mailLocales,
} from '../../../server/mail/messages.ts';

const TEAM_LINK = 'https://trust.example/s/Qx7pL2mN';
const CODE = 'K7QM-3XD2-9PFR-T4WA-HJ6N-C8VB-E1YZ';
const CODE_SHAPE = /([0-9A-Z]{4}-){6}[0-9A-Z]{4}/;
/** Text and one link: anything else (img, style, link, script, table of pixels) fails. */
const ALLOWED_TAGS = ['!doctype', 'html', 'head', 'meta', 'title', 'body', 'div', 'p', 'a', 'strong', 'br'];

/** What a message must say in each language; closesAt below is 2026-12-04T17:00Z, k is 7. */
const expected = {
  en: {
    closes: 'December 4, 2026 at 5:00 PM UTC',
    anonymous: 'Your answers are anonymous.',
    nobody: 'Nobody, not even Northwind or its administrators, can see who answered',
    // A used personal code records that it was used (docs/anonymity.md): promise only what holds.
    nobodyPersonal: 'Nobody, not even Northwind or its administrators, can see what any one person answered',
    threshold: 'at least 7 people',
    minutes: 'about 5 minutes',
    everyone: 'If you have already answered, thank you: there is nothing more to do.',
    firstEmail: 'use the link in the first email',
    noRecord: 'keeps no record of which code went to whom',
    onceOnly: 'works only once',
  },
  es: {
    closes: '4 de diciembre de 2026 a las 17:00 (hora UTC)',
    anonymous: 'Tus respuestas son anónimas.',
    nobody: 'Nadie, ni siquiera Northwind ni sus administradores, puede ver quién ha respondido',
    nobodyPersonal:
      'Nadie, ni siquiera Northwind ni sus administradores, puede ver qué ha respondido cada persona',
    threshold: 'al menos 7 personas',
    minutes: 'unos 5 minutos',
    everyone: 'Si ya has respondido, ¡gracias! No tienes que hacer nada más.',
    firstEmail: 'usa el enlace del primer correo',
    noRecord: 'no guarda ningún registro de qué código recibió cada persona',
    onceOnly: 'solo sirve una vez',
  },
  fr: {
    closes: '4 décembre 2026 à 17:00 (heure UTC)',
    anonymous: 'Vos réponses sont anonymes.',
    nobody: 'Personne, pas même Northwind ni ses administrateurs, ne peut voir qui a répondu',
    nobodyPersonal:
      'Personne, pas même Northwind ni ses administrateurs, ne peut voir ce qu’une personne a répondu',
    threshold: 'au moins 7 personnes',
    minutes: 'environ 5 minutes',
    everyone: 'Si vous avez déjà répondu, merci : vous n’avez rien d’autre à faire.',
    firstEmail: 'utilisez le lien du premier courriel',
    noRecord: 'ne garde aucune trace du code remis à chaque personne',
    onceOnly: 'ne sert qu’une seule fois',
  },
  de: {
    closes: '4. Dezember 2026 um 17:00 Uhr (UTC)',
    anonymous: 'Ihre Antworten sind anonym.',
    nobody:
      'Niemand, auch nicht Northwind oder die Administratoren der Befragung, kann sehen, wer geantwortet hat',
    nobodyPersonal:
      'Niemand, auch nicht Northwind oder die Administratoren der Befragung, kann sehen, was eine einzelne Person geantwortet hat',
    threshold: 'mindestens 7 Personen',
    minutes: 'etwa 5 Minuten',
    everyone: 'Wenn Sie bereits geantwortet haben: Vielen Dank, Sie müssen nichts weiter tun.',
    firstEmail: 'nutzen Sie bitte den Link aus der ersten E-Mail',
    noRecord: 'hält nicht fest, welcher Code an wen ging',
    onceOnly: 'nur ein einziges Mal gilt',
  },
} as const;

function context(overrides: Partial<MailContext> = {}): MailContext {
  return {
    kind: 'invitation',
    locale: 'en',
    organizationName: 'Northwind',
    waveTitle: 'Autumn trust pulse',
    teamName: 'Platform',
    closesAt: new Date('2026-12-04T17:00:00Z'),
    link: TEAM_LINK,
    personalCode: null,
    personalCodes: false,
    anonymityThreshold: 7,
    ...overrides,
  };
}

type Locale = keyof typeof expected;
const locales = Object.keys(expected) as Locale[];

/** The context the mail task builds: only a personal-code invitation carries a code. */
function messageFor(kind: MailKind, locale: Locale, personalCodes: boolean) {
  const withCode = kind === 'invitation' && personalCodes;
  const ctx = context({
    kind,
    locale,
    personalCodes,
    personalCode: withCode ? CODE : null,
    link: withCode ? `${TEAM_LINK}?code=${CODE}` : TEAM_LINK,
  });
  return { ctx, message: composeMessage(ctx) };
}

/** Text as a reader sees it in the HTML part: tags removed, entities decoded, spaces folded. */
function visibleText(html: string): string {
  return html
    .replace(/<head>[\s\S]*<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ');
}

const cases = (['invitation', 'reminder'] as const).flatMap((kind) =>
  locales.flatMap((locale) => [false, true].map((personalCodes) => ({ kind, locale, personalCodes }))),
);

describe('invitation and reminder messages', () => {
  it.each(cases)(
    '$kind in $locale (personal codes: $personalCodes) names the wave, the organization, the link, the closing date and the anonymity promise',
    ({ kind, locale, personalCodes }) => {
      const { ctx, message } = messageFor(kind, locale, personalCodes);
      const words = expected[locale];

      expect(message.subject).toContain('Northwind');
      expect(message.subject).toContain('Autumn trust pulse');
      expect(message.subject.length).toBeLessThanOrEqual(80);

      for (const part of [message.text, visibleText(message.html)]) {
        expect(part).toContain('Autumn trust pulse');
        expect(part).toContain('Platform');
        expect(part).toContain(ctx.link);
        expect(part).toContain(words.closes);
        expect(part).toContain(words.anonymous);
        expect(part).toContain(personalCodes ? words.nobodyPersonal : words.nobody);
        if (personalCodes) expect(part).not.toContain(words.nobody);
        expect(part).toContain(words.threshold);
      }
      // The link stands on its own line, so any mail program makes it clickable whole.
      expect(message.text.split('\n')).toContain(ctx.link);
      expect(message.html).toContain(`<html lang="${locale}">`);
      expect(message.html).toMatch(new RegExp(`<a href="${escapeRegExp(ctx.link)}"[^>]*>[^<]+</a>`));
    },
  );

  it.each(locales)('writes %s in that language and in no other', (locale) => {
    const reminder = messageFor('reminder', locale, false).message;
    expect(reminder.text).toContain(expected[locale].everyone);
    expect(messageFor('invitation', locale, false).message.text).toContain(expected[locale].minutes);
    for (const other of locales.filter((l) => l !== locale)) {
      expect(reminder.text).not.toContain(expected[other].anonymous);
    }
  });

  it('starts the subject of a reminder with the word for reminder', () => {
    expect(messageFor('reminder', 'es', false).message.subject).toMatch(/^Recordatorio: /);
    expect(messageFor('reminder', 'fr', false).message.subject).toMatch(/^Rappel\u202f: /);
    expect(messageFor('reminder', 'de', false).message.subject).toMatch(/^Erinnerung: /);
  });

  it('sets French punctuation apart with a narrow no-break space, in the subject and the text', () => {
    for (const kind of ['invitation', 'reminder'] as const)
      for (const personalCodes of [false, true]) {
        const { message } = messageFor(kind, 'fr', personalCodes);
        // A link's label ends with one too; the addresses themselves ("https:") are left out.
        for (const part of [message.subject, message.text.replaceAll(/https?:\/\/\S+/g, '')])
          expect(part).not.toMatch(/[\p{L} ][:;?!]/u);
        expect(message.text).toMatch(/questionnaire\u202f:\nhttps:/);
      }
  });

  it('leaves out the closing sentence when the wave has no closing date', () => {
    for (const locale of locales) {
      const message = composeMessage(context({ locale, closesAt: null }));
      expect(message.text).not.toMatch(/closes on|se cierra|sera clos|endet am/);
      expect(message.text).toContain(expected[locale].anonymous);
    }
  });

  describe('personal codes', () => {
    it.each(locales)(
      'an invitation in %s shows the code on its own line, says it works once and that nobody keeps who got it',
      (locale) => {
        const { message } = messageFor('invitation', locale, true);
        expect(message.text.split('\n').map((line) => line.trim())).toContain(CODE);
        expect(message.html).toMatch(new RegExp(`<p[^>]*>${CODE}</p>`));
        expect(message.text).toContain(expected[locale].onceOnly);
        expect(message.text).toContain(expected[locale].noRecord);
      },
    );

    it('an invitation for a link team mentions no code', () => {
      const { message } = messageFor('invitation', 'en', false);
      expect(message.text).not.toMatch(/code/i);
      expect(message.html).not.toMatch(/code/i);
    });

    it.each(locales)(
      'a reminder in %s carries no code, links to the team survey and points back to the first email',
      (locale) => {
        // Even a caller that passed a code by mistake gets a reminder without one.
        const message = composeMessage(
          context({ kind: 'reminder', locale, personalCodes: true, personalCode: CODE }),
        );
        for (const part of [message.subject, message.text, message.html]) {
          expect(part).not.toMatch(CODE_SHAPE);
          expect(part).not.toContain('?code=');
        }
        expect(message.text).toContain(expected[locale].firstEmail);
        expect(message.text.split('\n')).toContain(TEAM_LINK);
        expect(message.text).toContain(expected[locale].everyone);
      },
    );

    it('a reminder for a link team does not talk about codes', () => {
      const { message } = messageFor('reminder', 'en', false);
      expect(message.text).not.toMatch(/code|first email/i);
    });
  });

  describe('HTML part', () => {
    const hostile = context({
      organizationName: "O'Brien & <Sons>",
      waveTitle: '<script>alert(1)</script> pulse',
      teamName: 'R&D "core" <b>',
    });

    it('escapes names and titles, and the text part keeps them as typed', () => {
      for (const kind of ['invitation', 'reminder'] as const) {
        const message = composeMessage({ ...hostile, kind });
        expect(message.html).not.toContain('<Sons>');
        expect(message.html).not.toContain('<script>');
        expect(message.html).not.toContain('"core"');
        expect(message.html).toContain('O&#39;Brien &amp; &lt;Sons&gt;');
        expect(visibleText(message.html)).toContain('R&D "core" <b>');
        expect(message.text).toContain("O'Brien & <Sons>");
        expect(message.text).toContain('<script>alert(1)</script> pulse');
        expect(message.subject).toContain("O'Brien & <Sons>");
      }
    });

    it.each(cases)(
      '$kind in $locale (personal codes: $personalCodes) has no images, no remote resources and no URL but the survey link',
      ({ kind, locale, personalCodes }) => {
        const { ctx, message } = messageFor(kind, locale, personalCodes);
        const hostileMessage = composeMessage({ ...hostile, kind, locale });
        for (const html of [message.html, hostileMessage.html]) {
          const tags = new Set([...html.matchAll(/<\/?([a-z!]+)/gi)].map((m) => m[1]?.toLowerCase()));
          for (const tag of tags) expect(ALLOWED_TAGS).toContain(tag);
          expect(html).not.toMatch(/<img|src=|url\(|@import|<link|<style/i);
        }
        const urls = new Set(message.html.match(/https?:\/\/[^\s"'<>]+/g));
        expect([...urls]).toEqual([ctx.link]);
      },
    );
  });

  it('keeps a long subject on one line and under 80 characters', () => {
    const message = composeMessage(
      context({
        organizationName: 'The Very Large International\nConsolidated Holding Company of Examples',
        waveTitle:
          'Second quarter trust pulse for engineering, product, design and the customer success teams',
      }),
    );
    expect(message.subject.length).toBeLessThanOrEqual(80);
    expect(message.subject).not.toMatch(/[\r\n]/);
    expect(message.subject).toMatch(/^The Very Large… would like your view: Second quarter trust pulse…$/);
    // The body keeps the whole title.
    expect(message.text).toContain('the customer success teams');

    const short = composeMessage(context({ organizationName: 'Northwind\r\nLabs' }));
    expect(short.subject).toBe('Northwind Labs would like your view: Autumn trust pulse');
  });

  describe('language', () => {
    it('falls back to English for a language we do not write', () => {
      const message = composeMessage(context({ locale: 'pt' }));
      expect(message.html).toContain('<html lang="en">');
      expect(message.text).toContain(expected.en.anonymous);
      expect(message.text).toContain(expected.en.closes);
    });

    it('picks the locale by exact match, then by language, else English', () => {
      expect(mailLocale('es')).toBe('es');
      expect(mailLocale('es-MX')).toBe('es');
      expect(mailLocale('ES_ar')).toBe('es');
      expect(mailLocale('en-GB')).toBe('en');
      expect(mailLocale('fr-CA')).toBe('fr');
      expect(mailLocale('de-AT')).toBe('de');
      expect(mailLocale('pt-BR')).toBe('en');
      expect(mailLocale('')).toBe('en');
      expect(mailLocale(null)).toBe('en');
      expect(mailLocale(undefined)).toBe('en');
    });

    it('writes in every language the product speaks', () => {
      const clientLocales = readdirSync(new URL('../../../client/src/i18n/', import.meta.url))
        .filter((file) => /^[a-z]{2}(-[A-Z]{2})?\.ts$/.test(file))
        .map((file) => file.replace(/\.ts$/, ''));
      expect([...mailLocales].sort()).toEqual(clientLocales.sort());
    });
  });
});

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
