import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../i18n/en.ts';
import { useAppState } from '../state/app-state.ts';
import type { Resource } from './resource.ts';
import './console-navigation.css';

/** A way back from a page that cannot be shown: where to, and what the link says. */
export interface WayBack {
  href: string;
  label: MessageKey;
}

/**
 * A page's content once its data is there; until then, a loading line; a clear message with a way
 * back when the thing asked for does not exist; the reason and a retry when loading failed. So no
 * page is ever left saying "Loading…" for good.
 */
export function LoadState<T>({
  resource,
  missing,
  back,
  onRetry,
  children,
}: {
  resource: Resource<T>;
  /** What was asked for and is not there, e.g. "There is no such organization, or you have no access to it." */
  missing: MessageKey;
  back: WayBack;
  onRetry: () => void;
  children: (data: T) => ComponentChildren;
}) {
  const { t } = useAppState().state;
  if (resource.status === 'ready') return <>{children(resource.data)}</>;
  if (resource.status === 'loading')
    return (
      <p class="muted" role="status">
        {t('common.loading')}
      </p>
    );
  if (resource.status === 'missing')
    return (
      <section class="card empty-state">
        <h1>{t('state.notFound')}</h1>
        <p>{t(missing)}</p>
        <p>
          <a class="button" href={back.href}>
            {t(back.label)}
          </a>
        </p>
      </section>
    );
  return <LoadFailed error={resource.error} back={back} onRetry={onRetry} heading={1} />;
}

/** Why loading failed, a retry, and the way back. */
export function LoadFailed({
  error,
  back,
  onRetry,
  heading,
}: {
  error: unknown;
  back?: WayBack;
  onRetry: () => void;
  /** The page's own title when nothing else of the page could be shown; else under its part's. */
  heading: 1 | 3;
}) {
  const Heading = heading === 1 ? 'h1' : 'h3';
  const { t, explain } = useAppState().state;
  // A call that never reached the server (a TypeError, not an ApiError) is said as the connection
  // by explain itself.
  const reason = explain(error);
  return (
    <section class="card empty-state" role="alert">
      <Heading>{t('state.failed')}</Heading>
      <p>{reason}</p>
      <p class="row">
        <button type="button" class="primary" onClick={onRetry}>
          {t('common.retry')}
        </button>
        {back && <a href={back.href}>{t(back.label)}</a>}
      </p>
    </section>
  );
}

/** Inside a page already shown: a part's loading line or its failure with a retry; nothing once ready. */
export function PartState<T>({ resource, onRetry }: { resource: Resource<T>; onRetry: () => void }) {
  const { t } = useAppState().state;
  if (resource.status === 'loading')
    return (
      <p class="muted" role="status">
        {t('common.loading')}
      </p>
    );
  if (resource.status === 'ready') return null;
  return (
    <LoadFailed error={resource.status === 'failed' ? resource.error : null} onRetry={onRetry} heading={3} />
  );
}

/**
 * A part that polls, before its first answer has come: its heading, then the loading line or the
 * failure with a retry. A failed first load needs the retry: a draft or closed wave is not polled,
 * so nothing else would bring the part back. Its frame stays the part's own (a named region or not).
 */
export function PolledPart<T>({
  title,
  headingId,
  resource,
  onRetry,
}: {
  title: string;
  headingId: string;
  resource: Resource<T>;
  onRetry: () => void;
}) {
  return (
    <>
      <h2 id={headingId}>{title}</h2>
      <PartState resource={resource} onRetry={onRetry} />
    </>
  );
}
