import { useSignal } from '@preact/signals';
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
// The server's own limit, so the count shown is the one it enforces; a constant, nothing else comes along.
import { COMMENT_MAX_LENGTH } from '../../../../server/domain/participation/answers.ts';
// Pure text rules, no more: the same reading of a typed code as the server's.
import { normalizeInvitationCode } from '../../../../server/domain/participation/invitation-code.ts';
import type { InvitationCheck, Submission, Survey } from '../../../../shared/contract/participation.ts';
import { ApiError } from '../../api.ts';
import { busyDelayMs } from '../../busy-retry.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { useAppState } from '../../state/app-state.ts';
import { BusyError, replies, surveyApi } from './survey-api.ts';
import {
  isCodeProblem,
  isLinkGone,
  type SurveyProblem,
  surveyProblem,
  takePersonalCode,
  typedCode,
} from './survey-problems.ts';
import {
  codeMark,
  forgetDraft,
  freshDraft,
  loadDraft,
  type SurveyDraft,
  saveDraft,
} from './survey-storage.ts';

/** What the link opens; `invitationRequired`: the team's link takes an answer only with a personal code. */
type Participation = Survey;

// `waiting`: the server was too busy to open the survey; `busy`: too busy to take the answers.
// Both try again by themselves. `code`: the first screen of a team with personal codes asks for
// one; `checking`: the code is being checked, before any question is asked.
type Phase =
  | 'loading'
  | 'waiting'
  | 'error'
  | 'code'
  | 'checking'
  | 'survey'
  | 'sending'
  | 'busy'
  | 'offline'
  | 'done'
  | 'already';

/** Two personal codes alike as the server reads them (case, spaces, hyphens, O for 0 aside). */
const sameCode = (a: string, b: string) =>
  normalizeInvitationCode(typedCode(a)) === normalizeInvitationCode(typedCode(b));

/** What a device keeps of the code it answered with (`codeMark`). */
const markOf = (typed: string) => codeMark(normalizeInvitationCode(typedCode(typed)));

const later = (error: BusyError, attempt: number) =>
  busyDelayMs(error.retryAfter, attempt, Date.now(), Math.random());

export function SurveyPage({ code }: { code: string }) {
  const { state, actions } = useAppState();
  const { t } = state;
  const participation = useSignal<Participation | null>(null);
  const phase = useSignal<Phase>('loading');
  const problem = useSignal<SurveyProblem | null>(null);
  const draft = useSignal<SurveyDraft>(loadDraft(code));
  const busyAnswers = useSignal(0);
  // The survey could not be fetched in the language just chosen; it is shown as it was meanwhile.
  const translationLate = useSignal(false);
  // Someone opened an invitation link with a code on a device where the survey was answered.
  const otherInvitation = useSignal<string | null>(null);
  // Bumped to fetch the survey again for a fresh start on this device.
  const restarted = useSignal(0);
  // The personal code was accepted by the server in this visit; it is used only on submission.
  const codeAccepted = useSignal(false);
  // A code from the link or from an earlier visit is checked by itself once; after that, the
  // person asks for each check, so switching language does not check a wrong code again.
  const codeTried = useSignal(false);
  const say = (p: SurveyProblem) => ('key' in p ? t(p.key) : state.explain(p.refusal));

  const update = (change: Partial<SurveyDraft>) => {
    draft.value = { ...draft.value, ...change };
    saveDraft(code, draft.value);
  };

  const checkRetry = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(checkRetry.current), []);
  /** Checks the personal code on the first screen, so a typo shows before the questions. */
  async function checkCode(attempt = 0) {
    codeTried.value = true;
    phase.value = 'checking';
    problem.value = null;
    try {
      await surveyApi(`/api/participate/${encodeURIComponent(code)}/invitation`, replies.status('valid'), {
        // As typed: the server ignores case, spaces and hyphens. A pasted link gives its code.
        invitation: typedCode(draft.value.invitation),
      } satisfies InvitationCheck);
      codeAccepted.value = true;
      // The server took a code, so the team needs one now, whatever the survey said when it opened:
      // personal codes can be turned on while the survey is open on the phone.
      if (participation.value) participation.value = { ...participation.value, invitationRequired: true };
      phase.value = 'survey';
    } catch (error) {
      if (error instanceof BusyError) {
        phase.value = 'waiting';
        checkRetry.current = setTimeout(() => void checkCode(attempt + 1), later(error, attempt + 1));
      } else if (error instanceof ApiError && error.reason === 'invitation-not-needed') {
        // Personal codes were turned off for this team meanwhile: the link alone is enough.
        if (participation.value) participation.value = { ...participation.value, invitationRequired: false };
        phase.value = 'survey';
      } else if (!(error instanceof ApiError)) {
        // No connection: say so, keep the code, and check again by itself, as the message promises.
        problem.value = surveyProblem(error);
        phase.value = 'code';
        checkRetry.current = setTimeout(() => {
          if (phase.value === 'code') void checkCode(attempt + 1);
        }, 5000);
      } else {
        problem.value = surveyProblem(error);
        // A wrong code: let them type it again. A closed or full link: nothing they can do.
        phase.value = isCodeProblem(error) ? 'code' : 'error';
      }
    }
  }

  useEffect(() => {
    // Read the personal code from an emailed link first, and take it out of the address bar
    // whatever happens next, so it does not stay on a shared screen.
    const linked = takePersonalCode(window.location.href);
    if (linked.address !== null) history.replaceState(history.state, '', linked.address);
    if (linked.code !== null) {
      // Another person's invitation on a device someone of the team used (a shared tablet, a
      // partner's phone) starts afresh, never with the first person's unsent answers. Where the
      // survey was answered on this device, the page says so and offers a fresh start with the
      // link's code, which itself guards against answering twice. The same code keeps its draft.
      const kept = draft.value.invitation.trim();
      // The same invitation opened again after answering is told so, and nothing more.
      if (draft.value.submitted) {
        if (draft.value.answeredWith !== markOf(linked.code)) otherInvitation.value = linked.code;
      } else {
        // Answers kept without a code (personal codes turned on since they were begun) are
        // someone's too, and not necessarily this code's holder's.
        const answered = Object.keys(draft.value.answers).length > 0 || draft.value.comment.trim() !== '';
        if (kept === '' ? answered : !sameCode(kept, linked.code)) draft.value = freshDraft();
        update({ invitation: linked.code });
        codeAccepted.value = false;
        codeTried.value = false;
      }
    }
  }, [code]);

  useEffect(() => {
    // Answers being sent, or sent: a change of language translates the page and nothing more. The
    // sending and its retries go on, and a finished survey stays finished.
    const answering = () =>
      phase.value === 'sending' ||
      phase.value === 'busy' ||
      phase.value === 'offline' ||
      phase.value === 'done';
    if (draft.value.submitted) {
      if (phase.value !== 'done') phase.value = 'already';
      return;
    }
    // A survey already on screen stays there while it is fetched in another language: a poor
    // connection at that moment must not take away the questions (the page says so, and retries).
    const switching = participation.value !== null && phase.value !== 'error';
    if (!answering() && !switching) phase.value = 'loading';
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = (attempt: number) =>
      surveyApi<Participation>(
        `/api/participate/${encodeURIComponent(code)}?locale=${state.locale.value}`,
        replies.survey,
      )
        .then((data) => {
          translationLate.value = false;
          // A code the server took in this visit goes with the answers, whatever was cached.
          participation.value = {
            ...data,
            invitationRequired: data.invitationRequired || codeAccepted.value,
          };
          if (answering()) return;
          if (!participation.value.invitationRequired || codeAccepted.value) phase.value = 'survey';
          else if (draft.value.invitation.trim() !== '' && !codeTried.value) void checkCode();
          else phase.value = 'code';
        })
        .catch((error: unknown) => {
          if (answering()) return;
          if (switching && !(error instanceof ApiError)) {
            translationLate.value = true;
            const wait = error instanceof BusyError ? later(error, attempt + 1) : 5000;
            retry = setTimeout(() => void load(attempt + 1), wait);
            return;
          }
          if (error instanceof BusyError) {
            phase.value = 'waiting';
            retry = setTimeout(() => void load(attempt + 1), later(error, attempt + 1));
            return;
          }
          problem.value = surveyProblem(error, { unconfirmed: draft.value.unconfirmed });
          phase.value = 'error';
          if (error instanceof ApiError) {
            if (isLinkGone(error)) forgetDraft(code);
          } else {
            // No connection yet: the message says the page tries again, and it does.
            retry = setTimeout(() => void load(attempt + 1), 5000);
          }
        });
    void load(0);
    return () => clearTimeout(retry);
  }, [code, state.locale.value, restarted.value]);

  async function submit() {
    if (phase.value !== 'busy') phase.value = 'sending';
    try {
      // The same submissionId on every try: a retry of an answer already stored stores nothing.
      await surveyApi(
        `/api/participate/${encodeURIComponent(code)}/responses`,
        replies.status('recorded', 'already-recorded'),
        {
          submissionId: draft.value.submissionId,
          answers: draft.value.answers,
          comment: draft.value.comment.trim() || null,
          invitation: participation.value?.invitationRequired
            ? typedCode(draft.value.invitation) || null
            : null,
        } satisfies Submission,
      );
      const used = draft.value.invitation.trim();
      update({
        submitted: true,
        unconfirmed: false,
        ...(used !== '' && participation.value?.invitationRequired ? { answeredWith: markOf(used) } : {}),
      });
      phase.value = 'done';
    } catch (error) {
      // While the survey is open the server knows this submission id, and answers a repeat of one
      // it stored as stored: any other answer of its means no earlier send got through.
      if (error instanceof ApiError && !isLinkGone(error) && draft.value.unconfirmed)
        update({ unconfirmed: false });
      if (error instanceof BusyError) {
        // Busy is not a mistake of theirs: keep the answers and send them when there is room. A
        // 5xx may have come after they were stored (a reply lost on its way back through a proxy).
        if (error.status >= 500 && !draft.value.unconfirmed) update({ unconfirmed: true });
        busyAnswers.value += 1;
        phase.value = 'busy';
        setTimeout(
          () => {
            if (phase.value === 'busy') void submit();
          },
          later(error, busyAnswers.value),
        );
      } else if (isCodeProblem(error)) {
        // The code was used meanwhile (another device, say): back to the code screen, answers
        // kept, and the same step after a good code.
        codeAccepted.value = false;
        // Personal codes may have been turned on for the team since the survey opened: the code
        // typed next goes with the answers.
        if (participation.value) participation.value = { ...participation.value, invitationRequired: true };
        problem.value = surveyProblem(error);
        phase.value = 'code';
      } else if (error instanceof ApiError) {
        // The server said no: show why in their language. A full team may take the answers later
        // (a code, a larger headcount), so they stay; a closed wave or a dead link never will, so
        // the device forgets them and the form goes.
        problem.value = surveyProblem(error, { unconfirmed: draft.value.unconfirmed });
        if (isLinkGone(error)) {
          forgetDraft(code);
          phase.value = 'error';
        } else phase.value = 'survey';
      } else {
        // No answer at all: keep everything and retry with the same submission id. The send may
        // have arrived and only its reply been lost, which the page remembers, reloaded or not.
        update({ unconfirmed: true });
        phase.value = 'offline';
        setTimeout(() => {
          if (phase.value === 'offline') void submit();
        }, 5000);
      }
    }
  }

  const header = (
    <>
      <header class="survey-header">
        <span class="brand">{t('app.name')}</span>
        <LanguageSwitch
          locales={participation.value?.questionnaire.locales}
          value={state.locale.value}
          onChange={actions.setLocale}
        />
      </header>
      {translationLate.value && (
        <p class="card notice" role="status">
          {t('common.offline')}
        </p>
      )}
    </>
  );

  if (phase.value === 'already' || phase.value === 'done') {
    const k = participation.value?.anonymityThreshold ?? 5;
    return (
      <main class="survey">
        {header}
        <section class="card thanks" aria-live="polite">
          <h1>{t('survey.thanks.title')}</h1>
          <p>{phase.value === 'done' ? t('survey.thanks.body', { k }) : t('survey.already')}</p>
          {phase.value === 'already' && otherInvitation.value !== null && (
            <>
              <p class="muted">{t('survey.alreadyOtherInvitation')}</p>
              <button
                type="button"
                class="primary"
                onClick={() => {
                  draft.value = { ...freshDraft(), invitation: otherInvitation.value ?? '' };
                  saveDraft(code, draft.value);
                  otherInvitation.value = null;
                  codeAccepted.value = false;
                  codeTried.value = false;
                  participation.value = null;
                  phase.value = 'loading';
                  restarted.value += 1;
                }}
              >
                {t('survey.answerWithInvitation')}
              </button>
            </>
          )}
        </section>
      </main>
    );
  }
  if (phase.value === 'loading' || phase.value === 'waiting')
    return (
      <main class="survey">
        {header}
        <p class="card" role="status">
          {phase.value === 'waiting' ? t('survey.busyOpening') : t('common.loading')}
        </p>
      </main>
    );
  if (phase.value === 'error' || !participation.value) {
    return (
      <main class="survey">
        {header}
        <p class="card notice" role="alert">
          {problem.value ? say(problem.value) : t('common.error')}
        </p>
      </main>
    );
  }
  if (phase.value === 'code' || phase.value === 'checking') {
    const checking = phase.value === 'checking';
    return (
      <main class="survey">
        {header}
        <section class="card">
          <h1>{participation.value.questionnaire.title}</h1>
          <p class="muted">{t('survey.team', { team: participation.value.teamName })}</p>
          <form
            class="code-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!checking) void checkCode();
            }}
          >
            <div class="field">
              <label class="code-label" for="personal-code">
                {t('survey.code.label')}
              </label>
              <small class="muted" id="code-help">
                {t('survey.code.help')}
              </small>
              <input
                id="personal-code"
                class="code-input"
                autocomplete="off"
                autocapitalize="characters"
                autocorrect="off"
                spellcheck={false}
                aria-describedby={problem.value ? 'code-help code-problem' : 'code-help'}
                aria-invalid={problem.value !== null}
                // Room for a whole pasted invitation link, whose code is taken from it.
                maxLength={300}
                value={draft.value.invitation}
                onInput={(e) => update({ invitation: e.currentTarget.value })}
              />
            </div>
            {problem.value && (
              <p class="notice" role="alert" id="code-problem">
                {say(problem.value)}
              </p>
            )}
            <p class="muted">{t('survey.code.anonymity')}</p>
            <button
              type="submit"
              class="primary code-submit"
              disabled={checking || draft.value.invitation.trim() === ''}
            >
              {checking ? t('survey.code.checking') : t('survey.code.continue')}
            </button>
          </form>
        </section>
      </main>
    );
  }

  const { questionnaire, anonymityThreshold } = participation.value;
  const steps = questionnaire.dimensions.filter((d) => questionnaire.items.some((i) => i.dimension === d.id));
  const total = steps.length + 2; // the anonymity note, one step per dimension, the last step
  const step = Math.min(draft.value.step, total - 1);
  // A send that may have been stored fixes the answers: a retry carries the same submission id,
  // and the server keeps the first answers it stored under it, so a change made now would be
  // lost while the page said "recorded" (A4). They are shown, not editable, until a reply comes.
  const frozen = draft.value.unconfirmed === true || phase.value === 'sending';
  // A new step starts at the top of the page, with how far along it is: focus alone scrolls only
  // as far as the step's box shows, and after Next at the foot of a long step that left the new
  // one's last question on screen and its first ones above, easy to pass by without seeing.
  const go = (next: number) => {
    update({ step: next });
    problem.value = null;
    document.getElementById('survey-step')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  };

  let body: JSX.Element;
  if (step === 0) {
    body = (
      <section class="card">
        <h1>{questionnaire.title}</h1>
        <p class="muted">{t('survey.team', { team: participation.value.teamName })}</p>
        <p>{questionnaire.intro}</p>
        <div class="anonymity" role="note">
          <h2>{t('survey.anonymity.title')}</h2>
          <ul>
            <li>{t('survey.anonymity.stored')}</li>
            <li>{t('survey.anonymity.threshold', { k: anonymityThreshold })}</li>
            <li>{t('survey.anonymity.device')}</li>
            <li>{t('survey.anonymity.final')}</li>
          </ul>
        </div>
        <button type="button" class="primary" onClick={() => go(1)}>
          {t('survey.start')}
        </button>
      </section>
    );
  } else if (step <= steps.length) {
    const dimension = steps[step - 1]!;
    body = (
      <section class="card">
        <h1>{dimension.name}</h1>
        <p class="muted">{dimension.description}</p>
        {questionnaire.items
          .filter((item) => item.dimension === dimension.id)
          .map((item) => (
            <fieldset class="question" key={item.id}>
              <legend>{item.text}</legend>
              <div class="scale">
                {questionnaire.scale.map((point) => (
                  <label class="scale-option" key={point.value}>
                    <input
                      type="radio"
                      name={item.id}
                      value={point.value}
                      checked={draft.value.answers[item.id] === point.value}
                      disabled={frozen}
                      onChange={() => update({ answers: { ...draft.value.answers, [item.id]: point.value } })}
                    />
                    <span class="scale-value" aria-hidden="true">
                      {point.value}
                    </span>
                    <span class="scale-label">{point.label}</span>
                  </label>
                ))}
              </div>
              {!item.required && (
                <button
                  type="button"
                  class={draft.value.answers[item.id] === null ? 'link skipped' : 'link'}
                  aria-pressed={draft.value.answers[item.id] === null}
                  disabled={frozen}
                  onClick={() => update({ answers: { ...draft.value.answers, [item.id]: null } })}
                >
                  {draft.value.answers[item.id] === null ? t('survey.skipped') : t('survey.skip')}
                </button>
              )}
            </fieldset>
          ))}
        <nav class="step-buttons">
          <button type="button" onClick={() => go(step - 1)}>
            {t('survey.back')}
          </button>
          <button type="button" class="primary" onClick={() => go(step + 1)}>
            {t('survey.next')}
          </button>
        </nav>
      </section>
    );
  } else {
    const answered = Object.values(draft.value.answers).some((v) => v !== null);
    body = (
      <section class="card">
        <h1>{t('survey.openQuestion')}</h1>
        {questionnaire.openQuestion && (
          <label class="field">
            <span>{questionnaire.openQuestion.text}</span>
            {questionnaire.openQuestion.hint && (
              <small class="muted">{questionnaire.openQuestion.hint}</small>
            )}
            <textarea
              rows={5}
              maxLength={COMMENT_MAX_LENGTH}
              aria-describedby="comment-remaining"
              value={draft.value.comment}
              readOnly={frozen}
              onInput={(e) => update({ comment: e.currentTarget.value })}
            />
            <small id="comment-remaining" class="muted" aria-live="polite">
              {t('survey.remaining', { n: COMMENT_MAX_LENGTH - draft.value.comment.length })}
            </small>
          </label>
        )}
        {problem.value && (
          <p class="notice" role="alert">
            {say(problem.value)}
          </p>
        )}
        {(phase.value === 'offline' || phase.value === 'busy') && (
          <p class="notice" role="status">
            {phase.value === 'busy' ? t('survey.busy') : t('common.offline')}
          </p>
        )}
        {draft.value.unconfirmed && <p class="muted">{t('survey.sentWaiting')}</p>}
        {!answered && <p class="muted">{t('survey.answerSomething')}</p>}
        <nav class="step-buttons">
          <button type="button" disabled={frozen} onClick={() => go(step - 1)}>
            {t('survey.back')}
          </button>
          <button
            type="button"
            class="primary"
            disabled={!answered || phase.value === 'sending' || phase.value === 'busy'}
            onClick={submit}
          >
            {phase.value === 'sending' || phase.value === 'busy'
              ? t('survey.submitting')
              : t('survey.submit')}
          </button>
        </nav>
      </section>
    );
  }

  return (
    <main class="survey">
      {header}
      <div
        class="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total - 1}
        aria-valuenow={step}
        aria-label={t('survey.step', { current: step + 1, total })}
      >
        {/* Set through the CSSOM, which the content security policy allows. */}
        <div class="progress-bar" style={{ width: `${Math.round((step / (total - 1)) * 100)}%` }} />
      </div>
      <p class="muted step-label">{t('survey.step', { current: step + 1, total })}</p>
      <div id="survey-step" tabIndex={-1}>
        {body}
      </div>
    </main>
  );
}
