/**
 * The server's problems (the `code` of its error answers), as a page says them. The codes and
 * each wording's `{placeholders}` match server/http/error-codes.ts (tested); every other language
 * has exactly these keys. A wording under a field is shown after the field's name.
 */
export const en = {
  'request.invalid': 'Some fields need a look:',
  'request.not-found': 'There is nothing here: the address does not exist, or you do not have access to it.',
  'request.invalid-json': 'The data sent could not be read. Please reload the page and try again.',
  'request.too-large': 'This is too large to send: at most {limit}.',
  'request.unsupported-type': 'This kind of file cannot be read here. Send one of {accepted}.',
  'request.refused': 'The request was refused. Please reload the page and try again.',
  'request.bad-path': 'This address is not valid. Check that it was copied whole, or open the link again.',
  'request.path-too-long': 'This address is too long to lead anywhere. Check that it was copied correctly.',
  'request.not-utf8': 'The file is not UTF-8 text. Save it as UTF-8 (CSV UTF-8 in Excel) and try again.',
  'request.not-utf16': 'The file is not valid UTF-16 text. Save it as UTF-8 and try again.',
  'request.csv-unreadable': 'The CSV file could not be read. Check that it is a plain CSV file.',
  'request.file-unreadable': 'The file cannot be read:',
  'request.too-many':
    'Too many attempts. Please wait {seconds, plural, one {# second} other {# seconds}} and try again.',
  'request.cross-site': 'This change must be made from this site itself.',
  'request.idempotency-key-invalid': 'must be 16 to 64 letters, digits, - or _',
  'request.idempotency-key-reused': 'was already sent with another request',
  'request.in-progress': 'This was already sent and is still being handled. Wait a moment, then try again.',

  'validation.required': 'is required',
  'validation.wrong-type': 'has the wrong kind of value (expected: {expected})',
  'validation.too-small': 'must be at least {min}',
  'validation.too-small-exclusive': 'must be more than {min}',
  'validation.too-big': 'must be at most {max}',
  'validation.too-big-exclusive': 'must be less than {max}',
  'validation.too-short': 'must be at least {min, plural, one {# character} other {# characters}} long',
  'validation.too-long': 'must be at most {max, plural, one {# character} other {# characters}} long',
  'validation.too-few': 'needs at least {min}',
  'validation.too-many': 'takes at most {max}',
  'validation.not-multiple': 'must be a multiple of {divisor}',
  'validation.invalid-email': 'is not an email address',
  'validation.invalid-url': 'is not a web address',
  'validation.invalid-date': 'is not a date and time',
  'validation.invalid-format': 'is not in the expected format',
  'validation.not-allowed': 'must be one of: {allowed}',
  'validation.unknown-keys': 'has fields that are not expected: {keys}',
  'validation.unstorable-text': 'contains characters that cannot be saved as text',
  'validation.control-character': 'must not contain line breaks, tabs or other control characters',
  'validation.shows-nothing': 'must show at least one letter, digit or sign',
  'validation.invalid': 'is not valid',

  'service.internal':
    'Something went wrong on our side. It has been logged; if you contact us, mention request {requestId}.',
  'service.unavailable': 'The service is busy for a moment. Please try again shortly.',
  'service.database-unavailable':
    'The service cannot reach its data right now. Please try again in a moment.',
  'service.restarting': 'The service is restarting. Please try again in a moment.',

  'auth.sign-in-required': 'Please sign in to continue.',
  'auth.wrong-credentials': 'The email or the password is not right.',
  'auth.admin-only': 'Only an administrator can do this.',
  'auth.admin-or-delegate-only': 'Only an administrator, or someone they have allowed, can do this.',
  'auth.role-not-allowed': 'Your role in this organization ({role}) does not allow this.',
  'auth.invitation-expired':
    'This invitation has expired, or it was replaced or withdrawn. Please ask for a new one.',
  'auth.invitation-for-new-account':
    'This invitation is for a new account, not the one you are signed in with. Sign out, then open the link again to choose its password.',
  'auth.invitation-for-other-account':
    'This invitation is for another account. Sign out, sign in as the invited person, then open the link again.',
  'auth.invitation-for-existing-account':
    'This invitation is for an account that already exists. Sign in with it, then open the link again.',
  'auth.password-needed': 'Choose a password for your new account.',
  'auth.password-already-set':
    'Your account already has a password; accepting the invitation does not change it.',
  'auth.current-password-wrong': 'This is not your current password.',

  'organization.not-found': 'This organization does not exist, or you do not have access to it.',
  'account.not-found': 'This account does not exist.',
  'account.not-active':
    'This account is not active yet. It can be given this right once its owner has chosen a password.',
  'member.not-found': 'This person is not a member of this organization.',
  'member.team-only-for-leaders': 'Only leaders can be limited to one team.',
  'member.unknown-team': 'There is no team "{team}" in this organization.',
  'member.last-consultant':
    'This would leave the organization without a consultant, and then only an administrator could manage it. Make someone else a consultant first.',
  'teams.columns-unreadable': "The file's columns cannot be matched:",
  'teams.invalid': 'The hierarchy has problems to fix:',
  'teams.removed-team-has-responses':
    '{count, plural, one {The team "{teams}" already has answers and cannot be removed; keep it in the hierarchy.} other {These teams already have answers and cannot be removed; keep them in the hierarchy: {teams}.}}',
  'teams.team-has-responses': 'has answers and cannot be removed',
  'teams.removed-team-in-open-wave':
    '{count, plural, one {The team "{teams}" is in an open wave: its people are answering through its link. Keep it in the hierarchy until the wave closes.} other {These teams are in open waves, and their people are answering through their links: {teams}. Keep them in the hierarchy until those waves close.}}',
  'teams.team-in-open-wave': 'takes part in the open wave “{wave}” and cannot be removed until it closes',
  'teams.removed-team-scopes-member':
    '{count, plural, one {A member’s access is limited to the team "{teams}", so it cannot be removed; change or remove that member’s limit first.} other {Members’ access is limited to these teams, so they cannot be removed; change or remove those limits first: {teams}.}}',
  'teams.team-scopes-member':
    'limits a member’s access and cannot be removed; change or remove that member’s limit first',
  'teams.new-team-scopes-member':
    '{count, plural, one {A member’s access is limited to the team "{teams}", which no longer exists; a new team with that key would open its part to them. Change or remove that member’s limit first, or give the team another key.} other {Members’ access is limited to these teams, which no longer exist; new teams with those keys would open their parts to them. Change or remove those limits first, or give the teams other keys: {teams}.}}',
  'teams.team-key-scopes-member':
    'was the team a member’s access is limited to; a new team with this key would open its part to them',
  'teams.key-of-past-team':
    '{count, plural, one {The key "{teams}" belonged to a team of a closed wave that was removed since; a new team with it would take over that team’s history (its actions, shared results and trends). Give it another key.} other {These keys belonged to teams of closed waves that were removed since; new teams with them would take over those teams’ history (their actions, shared results and trends). Give them other keys: {teams}.}}',
  'teams.team-key-of-past-team':
    'belonged to a team of the closed wave “{wave}”, removed since; give the new team another key',
  'teams.changed-since-preview':
    'Someone else changed the teams after this preview, so nothing was saved. Check the new preview below, then save again.',
  'teams.removed-team-just-answered':
    'A team this import would remove has just received an answer; keep it in the hierarchy.',

  'questionnaire.not-found': 'There is no questionnaire {questionnaire}.',
  'questionnaire.version-not-found': 'The questionnaire {questionnaire} has no version {version}.',
  'questionnaire.locale-unavailable':
    'The questionnaire {questionnaire} is not available in "{locale}"; it is available in {locales}.',

  'wave.not-found': 'This wave does not exist, or you do not have access to it.',
  'wave.unknown-questionnaire': 'There is no questionnaire {questionnaire}.',
  'wave.closes-at-in-past': 'The closing time must be in the future.',
  'wave.opens-at-in-past': 'The opening time must be in the future.',
  'wave.time-too-far': 'must be at most two years from now',
  'wave.opens-after-closing': 'The wave must open before it closes.',
  'wave.closes-before-opening': 'The deadline must come after the opening time.',
  'wave.locale-unavailable': 'This questionnaire is available in: {locales}.',
  'wave.needs-teams': 'Import the team hierarchy before creating a wave.',
  'wave.teams-changed':
    'The teams changed meanwhile (someone imported a hierarchy), so nothing was saved. Try again.',
  'wave.unknown-teams':
    '{count, plural, one {There is no team "{teams}".} other {These teams do not exist: {teams}.}}',
  'wave.team-not-in-wave': 'The team "{team}" is not part of this wave.',
  'wave.personal-codes-off':
    'The team "{team}" answers through its shared link; turn on personal codes for it first.',
  'wave.closed': 'This wave is closed.',
  'wave.closed-recipients-gone': 'This wave is closed; its recipient list has been deleted.',
  'wave.reminders-need-open': 'Reminders go out only while a wave is open (this wave: {status}).',
  'wave.no-recipients': 'This wave has no recipients yet; upload the list first.',
  'wave.already-open': 'This wave is already open.',
  'wave.opening-in-past': 'The opening time must be in the future.',
  'wave.must-open-before-closing': 'The wave must open before it closes.',
  'wave.wrong-step': 'A wave goes only from draft to open to closed (this wave: {status}).',
  'wave.closing-time-passed': 'Its closing time has passed; create a new wave.',
  'wave.no-teams':
    'This wave has no teams left (an import of the hierarchy removed them), so it cannot open; create a new wave.',
  'wave.csv-after-close': 'The CSV export is available once the wave has closed.',

  'delivery.email-not-configured':
    'This server does not send email yet; share the team links yourself, or ask your administrator to set up email.',
  'delivery.header-missing-columns':
    'The first row of the file must name the columns email and team_key; missing: {columns}.',
  'delivery.column-missing': 'is missing',
  'delivery.too-many-recipients': 'A wave takes at most {max} recipients.',
  'delivery.email-invalid': 'is not an email address',
  'delivery.email-repeated': 'is already listed in row {row}',
  'delivery.team-not-in-wave': '"{team}" is not a team of this wave',
  'delivery.invalid-list': 'The list has problems to fix:',

  'report.not-found': 'There is no report for this wave yet.',
  'report.being-prepared': 'This report is being prepared. Please try again in a moment.',
  'results.needs-closed-wave': 'Results can be shared once the wave has closed.',
  'results.link-unknown': 'This results link is not valid, or it has been withdrawn.',
  'action.not-found': 'This action does not exist, or you do not have access to it.',
  'action.needs-closed-wave':
    'Actions build on the published results of a closed wave (this wave: {status}).',
  'action.unknown-dimension': 'This questionnaire has no dimension "{dimension}".',
  'action.team-outside-scope':
    'You can commit to and change actions only for teams in your part of the organization.',
  'action.cell-hidden':
    'The report hides this cell (too few answers, or hidden so that a small group cannot be worked out by subtraction), so there is no score to measure an action against. Choose a team or dimension the report shows.',
  'action.due-date-out-of-range':
    'must be from {earliest} to {latest}: from a year before the wave closed to ten years after',
  'action.nothing-to-change': 'Change at least one of: status, note, due date, owner, title.',
  'action.changed-meanwhile':
    'Someone changed this action after you opened it. It now shows what they did: make your change again if it still applies.',

  'survey.link-unknown': 'This survey link is not valid. Check that you have the whole link.',
  'survey.not-open': 'This survey has not opened yet. Please come back later.',
  'survey.closed': 'This survey has closed and no longer takes answers.',
  'survey.team-full':
    'This link has received more answers than the team has members, so it takes no more. If you have not answered yet, tell the person who sent it.',
  'survey.invitation-required': 'Please enter the personal code from your invitation.',
  'survey.invitation-unknown': 'This personal code is not valid for this survey. Check it and try again.',
  'survey.invitation-used': 'This personal code has already been used; each code answers once.',
  'survey.invitation-not-needed': 'This survey link needs no personal code.',
  'survey.not-a-question': 'is not a question of this survey',
  'survey.answer-required': 'needs an answer',
  'survey.answer-out-of-range': 'must be one of the five answers, or skipped',
  'survey.no-answers': 'Please answer at least one question.',
  'survey.answers-invalid': 'Some answers need a look:',
} as const;

export type ErrorCode = keyof typeof en;
export type ErrorCatalog = Record<ErrorCode, string>;
