import type { Signal } from '@preact/signals';
import { ApiError } from '../api.ts';
import type { AppState } from '../state/app-state.ts';

/** An error in words for the person: the server's own for a refused request, else a general one. */
export function problemsOf(error: unknown, t: AppState['state']['t']): string[] {
  if (error instanceof ApiError)
    return error.fields.length > 0 ? error.fields.map((f) => `${f.field}: ${f.message}`) : [error.message];
  return [t('common.error')];
}

/** What went wrong with the last step, announced as it appears. */
export function Problems({ problems }: { problems: Signal<string[]> }) {
  if (problems.value.length === 0) return null;
  return (
    <div class="notice" role="alert">
      <ul>
        {problems.value.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
