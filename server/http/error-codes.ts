import { formatMessage, messageParameters } from '../../shared/message-format.ts';

/**
 * Every problem the API can name: a stable code, and its English wording with `{name}` marking
 * each parameter. The server builds its English `message` from this list; the client keeps a
 * catalog per language with the same codes and the same placeholders (tested in
 * tests/client/error-catalogs.test.ts), so it can say the problem in the person's language.
 *
 * A code is never renamed once released: a client older than the server falls back to the
 * server's message for a code it does not know, but a renamed one would lose its translation.
 *
 * Parameters are what the caller sent or what the organization configured (a field, a team key,
 * a limit), never an answer, a participation or invitation code, or anything that could tie a
 * respondent to a response (A1, A2).
 */
export const errorMessages = {
  // The request itself
  'request.invalid': 'Invalid request: each problem is listed in fields.',
  // Said the same whether nothing is there or the caller may not see it, so no one learns which.
  'request.not-found': 'Nothing is here: the address does not exist, or you have no access to it.',
  'request.invalid-json': 'The request body is not valid JSON.',
  'request.too-large': 'The request body is too large: at most {limit}.',
  'request.unsupported-type': 'This content type is not accepted here; send one of {accepted}.',
  'request.refused': 'The request was refused.',
  'request.bad-path': 'The address is not valid: a % in it must be followed by two hexadecimal digits.',
  'request.path-too-long': 'The address names something far longer than anything this server has.',
  'request.not-utf8': 'is not valid UTF-8 text',
  'request.not-utf16': 'is not valid UTF-16 text',
  'request.csv-unreadable': 'The CSV could not be read.',
  'request.file-unreadable': 'The file cannot be read.',
  'request.too-many':
    'Too many attempts. Please wait {seconds, plural, one {# second} other {# seconds}} and try again.',
  'request.cross-site': 'Cross-site requests cannot change anything here.',
  'request.idempotency-key-invalid': 'must be 16 to 64 letters, digits, - or _',
  'request.idempotency-key-reused': 'was already used for another request',
  'request.in-progress': 'The same request is still being handled. Try again in a moment.',

  // Field problems found by the request schemas (zod issue kinds)
  'validation.required': 'is required',
  'validation.wrong-type': 'must be {expected}',
  'validation.too-small': 'must be at least {min}',
  'validation.too-small-exclusive': 'must be more than {min}',
  'validation.too-big': 'must be at most {max}',
  'validation.too-big-exclusive': 'must be less than {max}',
  'validation.too-short': 'must be at least {min, plural, one {# character} other {# characters}}',
  'validation.too-long': 'must be at most {max, plural, one {# character} other {# characters}}',
  'validation.too-few': 'must have at least {min, plural, one {# item} other {# items}}',
  'validation.too-many': 'must have at most {max, plural, one {# item} other {# items}}',
  'validation.not-multiple': 'must be a multiple of {divisor}',
  'validation.invalid-email': 'must be an email address',
  'validation.invalid-url': 'must be a web address',
  'validation.invalid-date': 'must be a date and time',
  'validation.invalid-format': 'is not in the expected format',
  'validation.not-allowed': 'must be one of {allowed}',
  'validation.unknown-keys': 'has fields this request does not take: {keys}',
  'validation.unstorable-text': 'contains characters that cannot be stored as text',
  'validation.control-character': 'must not contain line breaks, tabs or other control characters',
  'validation.shows-nothing': 'must show at least one letter, digit or sign',
  'validation.invalid': 'is not valid',

  // The server's side
  'service.internal': 'Something went wrong on our side. It has been logged as request {requestId}.',
  'service.unavailable': 'Temporarily unavailable. Please try again in a moment.',
  'service.database-unavailable': 'The database is not reachable right now. Please try again in a moment.',
  'service.restarting': 'This server is restarting. Please try again in a moment.',

  // Signing in and access
  'auth.sign-in-required': 'Sign in to continue.',
  'auth.wrong-credentials': 'Email or password is incorrect.',
  'auth.admin-only': 'Only an administrator can do this.',
  'auth.admin-or-delegate-only': 'Only an administrator or someone they allowed can do this.',
  'auth.role-not-allowed': 'A {role} of this organization cannot do this.',
  'auth.invitation-expired':
    'This invitation has expired, was replaced by a newer one or was withdrawn. Ask for a new one.',
  'auth.invitation-for-new-account':
    'This invitation is for a new account, not the one signed in. Sign out, then open the link again to choose its password.',
  'auth.invitation-for-other-account':
    'This invitation is for another account. Sign out, sign in as the invited person, then open the link again.',
  'auth.invitation-for-existing-account':
    'This invitation is for an account that already exists. Sign in with it, then open the link again.',
  'auth.password-needed': 'choose a password for your new account',
  'auth.password-already-set': 'your account has a password already; accepting does not change it',
  'auth.current-password-wrong': 'is not your current password',

  // Organizations, people, teams
  'organization.not-found': 'There is no such organization.',
  'account.not-found': 'There is no such account.',
  'account.not-active':
    'This account has not been activated yet: it can be given this right once its owner has chosen a password.',
  'member.not-found': 'That person is not a member of this organization.',
  'member.team-only-for-leaders': 'only leaders can be limited to a team',
  'member.unknown-team': 'there is no team "{team}" in this organization',
  'member.last-consultant':
    'This would leave the organization without a consultant, and then only an administrator could manage it. Give someone else the consultant role first.',
  'teams.columns-unreadable': "The file's columns cannot be read: each problem is listed in fields.",
  'teams.invalid': 'The hierarchy has problems: each is listed in fields.',
  // {teams}: the team keys as sent, joined by commas, for each language to quote its own way;
  // {count}: how many, for the plural.
  'teams.removed-team-has-responses':
    '{count, plural, one {Team "{teams}" has responses and cannot be removed; keep it in the hierarchy.} other {These teams have responses and cannot be removed; keep them in the hierarchy: {teams}.}}',
  'teams.team-has-responses': 'has responses',
  'teams.removed-team-in-open-wave':
    '{count, plural, one {Team "{teams}" is in an open wave and cannot be removed until it closes; keep it in the hierarchy.} other {These teams are in open waves and cannot be removed while those are open; keep them in the hierarchy: {teams}.}}',
  'teams.team-in-open-wave': 'takes part in the open wave "{wave}"',
  'teams.removed-team-scopes-member':
    "{count, plural, one {A member's access is limited to team \"{teams}\", so it cannot be removed; change or remove that member's scope first.} other {Members' access is limited to these teams, so they cannot be removed; change or remove those members' scopes first: {teams}.}}",
  'teams.team-scopes-member': "limits a member's access; change or remove that member's scope first",
  'teams.new-team-scopes-member':
    "{count, plural, one {A member's access is limited to team \"{teams}\", which no longer exists; a new team with that key would open its part to them. Change or remove that member's scope first, or give the team another key.} other {Members' access is limited to these teams, which no longer exist; new teams with those keys would open their parts to them. Change or remove those scopes first, or give the teams other keys: {teams}.}}",
  'teams.team-key-scopes-member':
    "was the team a member's access is limited to; a new team with this key would open its part to them",
  'teams.key-of-past-team':
    '{count, plural, one {The key "{teams}" belonged to a team of a closed wave that was removed since; a new team with it would take over that team\'s history (its actions, shared results and trends). Give it another key.} other {These keys belonged to teams of closed waves that were removed since; new teams with them would take over those teams\' history (their actions, shared results and trends). Give them other keys: {teams}.}}',
  'teams.team-key-of-past-team':
    'belonged to a team of the closed wave "{wave}", removed since; give the new team another key',
  'teams.changed-since-preview':
    'The teams were changed by someone else after this preview; preview the file again before saving it.',
  'teams.removed-team-just-answered':
    'A team this import removes has just received an answer; keep it in the hierarchy.',

  // Questionnaires
  'questionnaire.not-found': 'There is no questionnaire {questionnaire}.',
  'questionnaire.version-not-found': 'Questionnaire {questionnaire} has no version {version}.',
  'questionnaire.locale-unavailable':
    'Questionnaire {questionnaire} is not available in "{locale}"; it is in {locales}.',

  // Waves
  'wave.not-found': 'There is no such wave.',
  'wave.unknown-questionnaire': 'there is no questionnaire {questionnaire}',
  'wave.closes-at-in-past': 'must be in the future',
  'wave.opens-at-in-past': 'must be in the future',
  'wave.opens-after-closing': 'must be before closesAt',
  'wave.time-too-far': 'must be at most two years from now',
  'wave.closes-before-opening': 'must be after the opening time, opensAt',
  'wave.locale-unavailable': 'must be one of {locales}',
  'wave.needs-teams': 'import the team hierarchy before creating a wave',
  'wave.teams-changed':
    'The teams changed meanwhile (a hierarchy was imported), so nothing was saved. Try again.',
  'wave.unknown-teams':
    '{count, plural, one {there is no team "{teams}"} other {these teams do not exist: {teams}}}',
  'wave.team-not-in-wave': 'team "{team}" is not part of this wave',
  'wave.personal-codes-off':
    'Team "{team}" takes answers through its shared link; turn on personal codes for it first.',
  'wave.closed': 'This wave is closed.',
  'wave.closed-recipients-gone': 'This wave is closed; its recipients are gone.',
  'wave.reminders-need-open': 'This wave is {status}; only an open wave sends reminders.',
  'wave.no-recipients': 'This wave has no recipients; upload them first.',
  'wave.already-open': 'This wave is already open.',
  'wave.opening-in-past': 'The opening time must be in the future.',
  'wave.must-open-before-closing': 'The wave must open before it closes.',
  'wave.wrong-step': 'This wave is {status}; it can only go draft → open → closed.',
  'wave.closing-time-passed': 'Its closing time has passed; create a new wave.',
  'wave.no-teams':
    'This wave has no teams left (a team import removed them), so it cannot open; create a new wave.',
  'wave.csv-after-close': 'The CSV export is available once the wave has closed.',

  // Email delivery
  'delivery.email-not-configured':
    'Email is not set up on this server (SMTP_URL and MAIL_FROM); share the team links yourself.',
  'delivery.header-missing-columns': 'The CSV header must be email,team_key; missing: {columns}',
  'delivery.column-missing': 'is missing',
  'delivery.invalid-list': 'The list has problems: each is listed in fields.',
  'delivery.too-many-recipients': 'at most {max} per wave',
  'delivery.email-invalid': 'is not an email address',
  // {row}: as the list names its rows, a CSV line or a JSON list's index.
  'delivery.email-repeated': 'is already listed in row {row}',
  'delivery.team-not-in-wave': '"{team}" is not a team of this wave',

  // Reports, shared results, actions
  'report.not-found': 'There is no report for this wave yet.',
  'report.being-prepared': 'This report is being prepared. Please try again in a moment.',
  'results.needs-closed-wave': 'Results can be shared once the wave has closed.',
  'results.link-unknown': 'This results link is not valid, or it has been withdrawn.',
  'action.not-found': 'There is no such action.',
  'action.needs-closed-wave': "Actions follow a closed wave's published results; this wave is {status}.",
  'action.unknown-dimension': 'this wave\'s questionnaire has no dimension "{dimension}"',
  'action.team-outside-scope':
    'You can commit to and change actions only for teams inside your part of the organization.',
  'action.cell-hidden':
    'The report hides this cell (too few answers, or hidden so that a small group cannot be worked out by subtraction), so it has no score to measure an action against. Choose a team or dimension the report shows.',
  'action.due-date-out-of-range':
    "must be from {earliest} to {latest}: a year before the action's wave closed to ten years after",
  'action.nothing-to-change': 'name at least one of status, note, dueDate, owner and title',
  'action.changed-meanwhile':
    'Someone changed this action after you opened it. Here it is as it is now: make your change again if it still applies.',

  // The survey
  'survey.link-unknown': 'This survey link is not valid. Please check that you copied the whole link.',
  'survey.not-open': 'This survey has not started yet. Please come back when it opens.',
  'survey.closed': 'This survey has closed and no longer takes answers. Thank you for your interest.',
  'survey.team-full':
    'This survey link has received more answers than the team has members, so it takes no more. If you have not answered yet, please tell the person who sent you the link.',
  'survey.invitation-required': 'this survey needs the personal code you received',
  'survey.invitation-unknown': 'is not a valid personal code for this survey',
  'survey.invitation-used': 'This personal code has already been used. Each code can answer once.',
  'survey.invitation-not-needed': 'This survey link needs no personal code.',
  'survey.answers-invalid': 'Some answers need a look: each is listed in fields.',
  'survey.not-a-question': 'is not a question of this survey',
  'survey.answer-required': 'is required',
  'survey.answer-out-of-range': 'must be a whole number from 1 to 5, or null to skip',
  'survey.no-answers': 'answer at least one question',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof errorMessages;

/**
 * The names a wording takes, as `messageParameters` reads them: `{name}`, and the count of a plural
 * block `{name, plural, one {…} other {…}}`. A branch's own words (`{# items}`, `=0 {no items}`)
 * name nothing; a placeholder inside one (`{the one in {team}}`) does.
 */
export type Placeholders<S extends string> = S extends `${string}{${infer Body}}${infer Rest}`
  ? NameIn<Body> | Placeholders<Rest>
  : never;
type Trim<S extends string> = S extends ` ${infer R}` ? Trim<R> : S extends `${infer R} ` ? Trim<R> : S;
type NameIn<Body extends string> = Body extends `${infer Name},${infer After}`
  ? Trim<After> extends `plural${string}`
    ? Trim<Name>
    : BranchName<Body>
  : BranchName<Body>;
type BranchName<Body extends string> = Body extends `${string}{${infer Inner}`
  ? NameIn<Inner>
  : Body extends `${string}${' ' | '#' | ','}${string}`
    ? never
    : Body;

/** The parameters a code's wording names: exactly those, each a string or a number. */
export type ErrorParams<C extends ErrorCode> = {
  [K in Placeholders<(typeof errorMessages)[C]>]: string | number;
};

/** `[]` for a code without parameters, `[params]` for one with: so a call cannot forget one. */
export type ParamsArg<C extends ErrorCode> = [Placeholders<(typeof errorMessages)[C]>] extends [never]
  ? []
  : [params: ErrorParams<C>];

/** The placeholder names in a wording, sorted: what every language's wording must also name. */
export const placeholdersOf = messageParameters;

/** A code's English wording with its parameters filled in. */
export function errorMessage(code: ErrorCode, params: Record<string, string | number> = {}): string {
  return formatMessage('en', errorMessages[code], params);
}

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(errorMessages, code);
