import type { Signal } from '@preact/signals';

// An error in the person's words comes from the app state: `explainLines` (i18n/problem-text.ts).

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
