import type { Page } from 'playwright-core';
import type { CaughtMail, MailCatcher } from '../support/mail-catcher.ts';

/** Waits for the server's own mail task (every 5 s) to deliver `count` messages to an address. */
export async function mailFor(smtp: MailCatcher, address: string, count = 1): Promise<CaughtMail[]> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const mails = smtp.received.filter((m) => m.to === address);
    if (mails.length >= count) return mails;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no mail for ${address} after 30 s`);
}

/** The survey link of a message, which stands on a line of its own in the text part. */
export function linkIn(mail: CaughtMail, base: string): string {
  const found = mail.text.split('\n').find((line) => line.startsWith(`${base}/s/`));
  if (!found) throw new Error(`no survey link in: ${mail.text}`);
  return found.trim();
}

/**
 * Answers every question of the pulse, one screen at a time, with the buttons named in the page's
 * language. `onFirstScreen` runs once the first screen's answers are chosen.
 */
export async function answerAll(
  page: Page,
  words = { start: 'Start', next: 'Next' },
  onFirstScreen?: () => Promise<void>,
) {
  await page.getByRole('button', { name: words.start }).click();
  for (let step = 0; step < 5; step++) {
    const groups = page.locator('fieldset.question');
    const count = await groups.count();
    for (let i = 0; i < count; i++)
      await groups
        .nth(i)
        .locator('label.scale-option')
        .nth((step + i) % 5)
        .click();
    if (step === 0) await onFirstScreen?.();
    await page.getByRole('button', { name: words.next }).click();
  }
}

/** Calls the API from inside the page, with its session cookie, and returns status and body. */
export function pageApi(page: Page) {
  return (method: string, url: string, body?: unknown, contentType = 'application/json') =>
    page.evaluate(
      async ({ method, url, body, contentType }) => {
        const response = await fetch(url, {
          method,
          headers: body === undefined ? {} : { 'content-type': contentType },
          ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        });
        // biome-ignore lint/suspicious/noExplicitAny: a test reads what the API answered.
        return { status: response.status, body: (await response.json().catch(() => null)) as any };
      },
      { method, url, body, contentType },
    );
}

/** As `pageApi`, for set-up that must work: the answer's body, or an error naming the call and its answer. */
export function setUpApi(page: Page) {
  const call = pageApi(page);
  return async (method: string, url: string, body?: unknown, contentType = 'application/json') => {
    const answer = await call(method, url, body, contentType);
    if (answer.status >= 400)
      throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
}
