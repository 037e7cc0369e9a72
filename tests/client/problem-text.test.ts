import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../client/src/api.ts';
import { fieldLabel, fieldNameLocales, fieldNamesOf } from '../../client/src/i18n/field-names.ts';
import { fieldName, problemLines, problemText } from '../../client/src/i18n/problem-text.ts';
import { loadCatalog, supportedLocales } from '../../client/src/i18n/translate.ts';

const refused = (body: {
  message: string;
  code?: string;
  params?: Record<string, string | number>;
  fields?: { field: string; message: string; code?: string; params?: Record<string, string | number> }[];
}) => new ApiError(400, body.message, body.fields ?? [], null, body.code ?? null, body.params ?? {});

describe('a refused request, said in the person’s language', () => {
  beforeAll(async () => {
    await Promise.all(['en', 'es', 'fr', 'de'].map(loadCatalog));
  });

  // As the server answers a closing time in the past (server/routes/waves.ts).
  const pastClose = refused({
    message: 'body.closesAt: must be in the future',
    code: 'wave.closes-at-in-past',
    fields: [
      {
        field: 'body.closesAt',
        message: 'must be in the future',
        code: 'wave.closes-at-in-past',
        params: {},
      },
    ],
  });

  it('says a field’s problem once, in Spanish rather than English', () => {
    expect(problemLines('es', pastClose)).toEqual(['La fecha de cierre tiene que ser futura.']);
    expect(problemText('es', pastClose)).not.toContain('must be in the future');
  });

  it('says a problem with the whole body as its sentence alone', () => {
    // As the server answers a body that is not JSON (server/plugins/error-handler.ts).
    const unreadable = refused({
      message: 'The request body is not valid JSON.',
      code: 'request.invalid-json',
      fields: [{ field: 'body', message: 'is not valid JSON', code: 'request.invalid-json', params: {} }],
    });
    expect(problemLines('fr', unreadable)).toEqual([
      'Les données envoyées sont illisibles. Rechargez la page et réessayez.',
    ]);
  });

  it('fills the parameters, and says a wave’s state and a role in the page’s language', () => {
    const wrongStep = refused({
      message: 'This wave is closed; it can only go draft → open → closed.',
      code: 'wave.wrong-step',
      params: { status: 'closed' },
    });
    expect(problemText('es', wrongStep)).toContain('(esta oleada: Cerrada)');
    const limited = refused({
      message: 'Too many attempts.',
      code: 'request.too-many',
      params: { seconds: 60 },
    });
    expect(problemText('de', limited)).toBe(
      'Zu viele Versuche. Bitte warten Sie 60 Sekunden und versuchen Sie es dann erneut.',
    );
  });

  it('lists each field of an invalid request under a translated heading', () => {
    const invalid = refused({
      message: 'Invalid request: body.title must be at most 200 characters',
      code: 'request.invalid',
      fields: [
        { field: 'body.title', message: 'Too big', code: 'validation.too-long', params: { max: 200 } },
        { field: 'row 3: parent_key', message: 'unknown parent "zz"' },
      ],
    });
    expect(problemLines('fr', invalid)).toEqual([
      'Certains champs sont à revoir\u00a0:',
      'Titre\u202f: doit compter au plus 200 caractères',
      // A field problem without a code yet keeps the server's words, and its full name.
      'row 3: parent_key: unknown parent "zz"',
    ]);
    const rows = refused({
      message: 'The list has problems: each is listed in fields.',
      code: 'delivery.invalid-list',
      fields: [{ field: 'row 4: email', message: 'is not an email address', code: 'delivery.email-invalid' }],
    });
    expect(problemLines('de', rows)).toEqual([
      'In der Liste gibt es Probleme zu beheben:',
      'Zeile 4: email: ist keine E-Mail-Adresse',
    ]);
  });

  it('falls back to the server’s words for a code this page does not know (a newer server)', () => {
    const newer = refused({ message: 'Something new went wrong.', code: 'wave.something-new' });
    expect(problemText('es', newer)).toBe('Something new went wrong.');
    const older = refused({ message: 'An old server said this.' });
    expect(problemText('de', older)).toBe('An old server said this.');
  });

  it('says "something went wrong" in the page’s language when no answer came', () => {
    expect(problemText('es', new TypeError('Failed to fetch'))).toBe('Algo ha fallado.');
  });

  it('names a field the way a person finds it', () => {
    expect(fieldName('body.closesAt')).toBe('closesAt');
    expect(fieldName('query.root')).toBe('root');
    expect(fieldName('row 3: parent_key')).toBe('row 3: parent_key');
  });
});

describe('a field’s name in the person’s language', () => {
  beforeAll(async () => {
    await Promise.all(['en', 'es', 'fr', 'de'].map(loadCatalog));
  });

  it('says the form’s label instead of the request’s field name', () => {
    const low = refused({
      message: 'Invalid request',
      code: 'request.invalid',
      fields: [
        {
          field: 'body.anonymityThreshold',
          message: 'Too small',
          code: 'validation.too-small',
          params: { min: 3 },
        },
      ],
    });
    expect(problemLines('es', low)).toContain('Umbral de anonimato: debe ser como mínimo 3');
    expect(problemText('de', low)).toContain('Anonymitätsschwelle:');
    expect(problemText('de', low)).not.toContain('anonymityThreshold');
  });

  it('says a file’s row in the language, and keeps its column as the file writes it', () => {
    const rows = refused({
      message: 'The list has problems',
      code: 'delivery.invalid-list',
      fields: [{ field: 'row 4: email', message: 'is not an email address', code: 'delivery.email-invalid' }],
    });
    expect(problemLines('fr', rows)[1]).toMatch(/^ligne 4\u202f: email\u202f: /);
  });

  it('names a nested field by the one a person filled in, and an unknown one as the server does', () => {
    expect(fieldLabel('fr', 'body.questionnaire.key')).toBe('Questionnaire');
    expect(fieldLabel('es', 'body.answers.ds-1')).toBe('answers.ds-1');
    expect(fieldLabel('xx', 'body.title')).toBe('Title');
  });

  it('knows every field in every language the interface offers', () => {
    expect([...fieldNameLocales].sort()).toEqual([...supportedLocales].sort());
    const english = Object.keys(fieldNamesOf('en')).sort();
    for (const locale of fieldNameLocales) expect(Object.keys(fieldNamesOf(locale)).sort()).toEqual(english);
  });
});
