import { useSignal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { useAppState } from '../../state/app-state.ts';
import type { Report } from './report-types.ts';

/** Beyond this many characters or lines a comment folds, so one long one cannot bury the others. */
const FOLD_CHARACTERS = 280;
const FOLD_LINES = 4;

function Comment({ text }: { text: string }) {
  const { t } = useAppState().state;
  const open = useSignal(false);
  const id = useId();
  const long = text.length > FOLD_CHARACTERS || text.split('\n').length > FOLD_LINES;
  return (
    <li class={`comment${long && !open.value ? ' folded' : ''}`}>
      <p class="comment-text" id={id}>
        “{text}”
      </p>
      {long && (
        <button
          type="button"
          class="link"
          aria-expanded={open.value}
          aria-controls={id}
          onClick={() => {
            open.value = !open.value;
          }}
        >
          {open.value ? t('report.comment.less') : t('report.comment.more')}
        </button>
      )}
    </li>
  );
}

/** The comments of each group the report may show them for (R5), with their own line breaks. */
export function CommentsSection({ blocks }: { blocks: Report['comments'] }) {
  const { t } = useAppState().state;
  return (
    <section class="card">
      <h2>{t('report.comments')}</h2>
      {blocks.map((block) => (
        <div key={block.teamKey ?? 'org'}>
          <h3>{block.teamKey === null ? t('report.organization') : block.name}</h3>
          <ul class="comments">
            {block.comments.map((comment, i) => (
              <Comment key={i} text={comment} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
