/**
 * The English strings of the pages employees open on their phones (the survey, shared results),
 * and of what every page shows: the only ones that ship with every page. Kept apart from the
 * console's, which come with the console's pages (`full-english.ts`), so a survey on a phone
 * downloads its own strings and no more (scripts/check-bundle-size.mjs).
 */
export const enPublic = {
  'app.name': 'Trust OS Diagnostic',
  'app.tagline': 'Where agreement turns into action, team by team.',
  'nav.language': 'Language',
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.copy': 'Copy',
  'common.copied': 'Copied',
  'common.selectedToCopy': 'Selected: copy with Ctrl+C (⌘C on a Mac)',
  'common.download': 'Download',
  'common.error': 'Something went wrong.',
  // Any page's call that heard nothing back: no connection, or an answer given up on.
  'state.offline': 'The server could not be reached. Check your connection, then try again.',
  /** A figure after its name ("Ownership: 60.5"); French sets its colon apart. */
  'common.labelled': '{label}: {value}',
  'common.offline': 'No connection. Your answers are kept on this device; we will try again.',
  'survey.anonymity.title': 'Your answers are anonymous',
  'survey.anonymity.stored':
    'We store your answers and your team, nothing else: no name, no email, no address, no time.',
  'survey.anonymity.threshold':
    'Results are shown only for groups of at least {k} people, so no one can see your answers.',
  'survey.anonymity.final':
    'Once you submit, your answers cannot be withdrawn, because nothing links them to you.',
  'survey.anonymity.device': 'Until you submit, your answers stay only on this device.',
  'survey.start': 'Start',
  'survey.step': 'Step {current} of {total}',
  'survey.next': 'Next',
  'survey.back': 'Back',
  'survey.skip': 'Skip this question',
  'survey.skipped': 'Skipped',
  'survey.openQuestion': 'One last question',
  'survey.submit': 'Submit my answers',
  'survey.submitting': 'Sending…',
  'survey.code.label': 'Your personal code',
  'survey.code.help':
    'It is in your invitation email, for example K7QM-3XD2-9PFR-… Capitals, spaces and hyphens do not matter.',
  'survey.code.anonymity':
    'The code only makes sure each invitation answers once. It is not stored with your answers, and nothing records who received which code.',
  'survey.code.continue': 'Continue',
  'survey.code.checking': 'Checking your code…',
  'survey.error.link-unknown': 'This survey link is not valid. Check that you have the whole link.',
  'survey.error.wave-not-open': 'This survey has not opened yet. Please come back later.',
  'survey.error.wave-closed': 'This survey has closed and no longer takes answers.',
  'survey.error.closed-maybe-recorded':
    'This survey closed before your answers could be confirmed. If one of the earlier tries reached us, they were counted. Nobody can check which, because nothing links an answer to your phone.',
  'survey.error.team-full':
    'This survey link has received more answers than the team has members, so it takes no more. If you have not answered yet, please tell the person who sent you the link.',
  'survey.error.invitation-required': 'Please enter the personal code from your invitation.',
  'survey.error.invitation-unknown':
    'This code is not valid for this survey. Check it against your invitation.',
  'survey.error.invitation-used':
    'This code has already been used: each code answers once. If you have not answered yet, please tell the person who sent the invitation.',
  'survey.thanks.title': 'Thank you',
  'survey.thanks.body':
    'Your answers were recorded anonymously. Results appear once at least {k} people in a group have answered and the survey has closed.',
  'survey.already': 'You have already answered this survey on this device. Thank you.',
  'survey.alreadyOtherInvitation':
    'Opened someone else’s invitation on this device? Their personal code lets them answer here too.',
  'survey.answerWithInvitation': 'Answer with this invitation',
  'survey.sentWaiting':
    'Your answers have been sent. They can no longer be changed while the server confirms them.',
  'survey.answerSomething': 'Please answer at least one question before submitting.',
  'survey.remaining': '{n, plural, one {# character left} other {# characters left}}',
  'survey.team': 'Team: {team}',
  'survey.busyOpening':
    'Many people are opening this survey right now. It will open by itself in a moment; there is nothing you need to do.',
  'survey.busy':
    'Many people are answering right now. Your answers are kept on this device and will be sent by themselves as soon as there is room; there is nothing you need to do.',
  'actions.status.planned': 'Planned',
  'actions.status.in-progress': 'In progress',
  'actions.status.done': 'Done',
  'actions.status.dropped': 'Dropped',
  'actions.due': 'Due {date}',
  'actions.ownerIs': 'Owner: {owner}',
  'results.title': 'Results: {wave}',
  'results.organization': 'Whole organization',
  'results.team': 'Your team: {team}',
  'results.teamHidden':
    "Your team's own results are not shown: fewer than {k} people answered, or showing them could reveal a smaller group. Your answers count in the organization's results.",
  'results.trustIndex': 'Trust Index',
  'results.respondents': '{n, plural, one {# person answered} other {# people answered}}',
  'results.actions': 'What we are doing about it',
  'results.noActions': 'No actions have been recorded yet.',
  'results.anonymity':
    'Results are shown only for groups of at least {k} people. No comments are shown here.',
  'results.hiddenCell': 'not shown',
  'results.busy':
    'Many people are opening these results right now. They will appear by themselves in a moment; there is nothing you need to do.',
  'results.offline': 'No connection. The results will appear by themselves once the connection is back.',
} as const;
