import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../client/src/api.ts';
import { allErrorCatalogs } from '../../client/src/i18n/error-catalogs.ts';
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

  it('says a call that heard nothing back, or a proxy’s page, in the page’s language', () => {
    // fetch's own failure (no connection), and a create given up on after its time.
    expect(problemLines('es', new TypeError('Failed to fetch'))).toEqual([
      'No se ha podido contactar con el servidor. Comprueba tu conexión e inténtalo de nuevo.',
    ]);
    expect(problemText('fr', new DOMException('timed out', 'TimeoutError'))).toBe(
      'Le serveur est injoignable. Vérifiez votre connexion, puis réessayez.',
    );
    // A proxy's 502 while the server restarts: its English status text is no message.
    const gateway = new ApiError(502, 'Bad Gateway');
    expect(problemText('de', gateway)).not.toContain('Bad Gateway');
    expect(problemText('de', gateway)).toBe(
      problemText('de', refused({ message: '', code: 'service.unavailable' })),
    );
  });

  it('writes the days of a window as the page writes dates', () => {
    const window = { earliest: '2025-11-29', latest: '2036-11-29' };
    const outside = refused({
      message: 'body.dueDate: must be from 2025-11-29 to 2036-11-29',
      code: 'action.due-date-out-of-range',
      params: window,
      fields: [
        {
          field: 'body.dueDate',
          message: 'must be from …',
          code: 'action.due-date-out-of-range',
          params: window,
        },
      ],
    });
    const [line] = problemLines('de', outside);
    expect(line).toMatch(/^Fällig am: muss zwischen 29\.11\.2025 und 29\.11\.2036 liegen/);
    expect(problemText('en', outside)).toMatch(/^Due date: must be from Nov 29, 2025 to Nov 29, 2036/);
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
      'Certains champs sont à revoir\u202f:',
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

  it('says a repeated address’s earlier row with the language’s word for a row', () => {
    // As the server answers an address listed twice (server/domain/delivery/recipient-list.ts).
    const twice = refused({
      message: 'The list has problems: each is listed in fields.',
      code: 'delivery.invalid-list',
      fields: [
        {
          field: 'row 3: email',
          message: 'is already listed in row 2',
          code: 'delivery.email-repeated',
          params: { row: 2 },
        },
      ],
    });
    expect(problemLines('fr', twice)[1]).toBe('ligne 3\u202f: email\u202f: figure déjà à la ligne 2');
    expect(problemLines('de', twice)[1]).toBe('Zeile 3: email: steht bereits in Zeile 2');
    expect(problemLines('es', twice)[1]).toBe('fila 3: email: ya figura en la fila 2');
  });

  it('quotes one team’s key in the language’s own marks, and lists several after a plural', () => {
    // As the server refuses an import removing teams with answers (server/routes/teams.ts).
    const removing = (keys: string[]) =>
      refused({
        message: 'refused',
        code: 'teams.removed-team-has-responses',
        params: { teams: keys.join(', '), count: keys.length },
        fields: keys.map((key) => ({
          field: `team ${key}`,
          message: 'has responses',
          code: 'teams.team-has-responses',
        })),
      });
    expect(problemLines('fr', removing(['sales']))).toEqual([
      'L’équipe «\u202fsales\u202f» a déjà des réponses et ne peut pas être retirée\u202f; gardez-la dans la hiérarchie.',
      'Équipe «\u202fsales\u202f»\u202f: a des réponses et ne peut pas être retirée',
    ]);
    expect(problemLines('de', removing(['ops', 'sales']))[0]).toBe(
      'Diese Teams haben bereits Antworten und können nicht entfernt werden; behalten Sie sie in der Hierarchie: ops, sales.',
    );
    expect(problemText('en', removing(['sales']))).toContain('The team "sales" already has answers');
    // In any other language, neither English quotation marks nor the server's name of the field.
    for (const locale of ['es', 'fr', 'de'])
      expect(problemText(locale, removing(['ops', 'sales'])), locale).not.toMatch(/"|\bteam ops\b/);

    // As the server refuses a wave naming teams the organization lacks (server/routes/waves.ts).
    const unknown = (keys: string[]) =>
      refused({
        message: 'refused',
        code: 'wave.unknown-teams',
        params: { teams: keys.join(', '), count: keys.length },
        fields: [
          {
            field: 'body.teamKeys',
            message: 'refused',
            code: 'wave.unknown-teams',
            params: { teams: keys.join(', '), count: keys.length },
          },
        ],
      });
    expect(problemLines('es', unknown(['nope']))).toEqual(['El equipo «nope» no existe.']);
    expect(problemLines('de', unknown(['nope']))).toEqual(['Das Team „nope“ gibt es nicht.']);
    expect(problemLines('fr', unknown(['a', 'b']))).toEqual(['Ces équipes n’existent pas\u202f: a, b.']);
  });

  it('falls back to the server’s words for a code this page does not know (a newer server)', () => {
    const newer = refused({ message: 'Something new went wrong.', code: 'wave.something-new' });
    expect(problemText('es', newer)).toBe('Something new went wrong.');
    const older = refused({ message: 'An old server said this.' });
    expect(problemText('de', older)).toBe('An old server said this.');
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

  it('names an action’s fields as its form labels them, and a step by its place from 1', () => {
    expect(fieldLabel('de', 'body.owner')).toBe('Verantwortlich');
    expect(fieldLabel('es', 'body.dueDate')).toBe('Fecha límite');
    expect(fieldLabel('fr', 'body.note')).toBe('Note de suivi');
    expect(fieldLabel('en', 'body.steps')).toBe('Steps');
    // The server counts from 0: its `steps.3` is the fourth step the person wrote.
    expect(fieldLabel('en', 'body.steps.3')).toBe('Step 4');
    expect(fieldLabel('fr', 'body.steps.0')).toBe('Étape 1');
    const longStep = refused({
      message: 'Invalid request',
      code: 'request.invalid',
      fields: [
        { field: 'body.steps.3', message: 'Too big', code: 'validation.too-long', params: { max: 300 } },
      ],
    });
    expect(problemLines('de', longStep)).toContain('Schritt 4: darf höchstens 300 Zeichen lang sein');
  });

  it('names a team the server names by its key in the language’s words and quotation marks', () => {
    expect(fieldLabel('en', 'team sales')).toBe('Team "sales"');
    expect(fieldLabel('fr', 'team sales')).toBe('Équipe «\u202fsales\u202f»');
    expect(fieldLabel('de', 'team sales')).toBe('Team „sales“');
    expect(fieldLabel('es', 'team sales')).toBe('Equipo «sales»');
  });

  it('names the recipient list, and writes a limit’s number as the language does', () => {
    // As the server refuses too long a list (server/domain/delivery/recipient-list.ts).
    const tooMany = refused({
      message: 'The list has problems: each is listed in fields.',
      code: 'delivery.invalid-list',
      fields: [
        {
          field: 'recipients',
          message: 'at most 20000 per wave',
          code: 'delivery.too-many-recipients',
          params: { max: 20000 },
        },
      ],
    });
    expect(problemLines('fr', tooMany)[1]).toBe(
      'Destinataires\u202f: Une campagne accepte au plus 20\u202f000 destinataires.',
    );
    expect(problemLines('de', tooMany)[1]).toBe(
      'Empfänger: Eine Befragungsrunde nimmt höchstens 20.000 Empfänger auf.',
    );
    expect(problemLines('en', tooMany)[1]).toBe('Recipients: A wave takes at most 20,000 recipients.');
  });

  it('says "email" in French as its glossary does, never "e-mail"', async () => {
    const french = (await allErrorCatalogs()).fr!;
    const eMail = /e-mail/i;
    expect(Object.values(french).filter((text) => eMail.test(text))).toEqual([]);
    expect(Object.values(fieldNamesOf('fr')).filter((text) => eMail.test(text))).toEqual([]);
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
