import { type Signal, useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { MessageKey } from '../i18n/en.ts';
import { useAppState } from '../state/app-state.ts';
import './console-navigation.css';

/** What an irreversible step asks before it runs: what will happen, in words, and the button. */
export interface Confirmation {
  title: MessageKey;
  body: MessageKey;
  values: Record<string, string | number>;
  confirm: MessageKey;
}

interface Pending {
  confirmation: Confirmation;
  resolve: (confirmed: boolean) => void;
}

/**
 * `ask` opens a modal dialog and resolves true only when the person presses its confirm button;
 * Cancel, Escape and closing it otherwise resolve false. Render `dialog` once in the page.
 */
export function useConfirm() {
  const pending = useSignal<Pending | null>(null);
  const ask = (confirmation: Confirmation) =>
    new Promise<boolean>((resolve) => {
      pending.value?.resolve(false);
      pending.value = { confirmation, resolve };
    });
  return { ask, dialog: <ConfirmDialog pending={pending} /> };
}

let dialogs = 0;

function ConfirmDialog({ pending }: { pending: Signal<Pending | null> }) {
  const { t } = useAppState().state;
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const id = useRef(`confirm-${++dialogs}`).current;
  const current = pending.value;

  useEffect(() => {
    const element = dialog.current;
    if (!element || !current || element.open) return;
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    // The step cannot be undone, so the safe answer has the focus: Enter alone changes nothing.
    cancel.current?.focus();
  }, [current]);

  function finish(confirmed: boolean) {
    const open = pending.value;
    pending.value = null;
    if (dialog.current?.open) dialog.current.close();
    // Back where the person was, so a keyboard user does not restart from the top of the page.
    opener.current?.focus();
    open?.resolve(confirmed);
  }

  return (
    <dialog
      ref={dialog}
      class="confirm"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        // Escape: the browser would close it; closing it here also answers the question.
        event.preventDefault();
        finish(false);
      }}
    >
      {current && (
        <>
          <h2 id={`${id}-title`}>{t(current.confirmation.title, current.confirmation.values)}</h2>
          <p id={`${id}-body`}>{t(current.confirmation.body, current.confirmation.values)}</p>
          <div class="row dialog-buttons">
            <button type="button" ref={cancel} onClick={() => finish(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" class="danger" onClick={() => finish(true)}>
              {t(current.confirmation.confirm, current.confirmation.values)}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
