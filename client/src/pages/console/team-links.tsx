import { type Signal, useSignal } from '@preact/signals';
import { Fragment } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { encode } from 'uqr';
import type { PersonalCodes } from '../../../../shared/contract/delivery.ts';
import type { InvitationRequest } from '../../../../shared/contract/waves.ts';
import { api } from '../../api.ts';
import { bringIntoView } from '../../components/bring-into-view.ts';
import { useAppState } from '../../state/app-state.ts';
import type { IssuedInvitations, TeamPersonalCodes, Wave, WaveLink } from './wave-types.ts';

/** A QR code as an SVG data URL: no script, no inline style, allowed by the page's policy. */
function qrDataUrl(text: string): string {
  const { size, data } = encode(text, { border: 2 });
  let path = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function download(filename: string, text: string, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.click();
  URL.revokeObjectURL(url);
}

/**
 * Each team's shared link, and whether it needs a personal code. Personal codes are for teams
 * where a forwarded link would let outsiders answer; codes made here are for handing out by hand,
 * and nothing records who got which (A3).
 */
export function TeamLinks({
  wave,
  links,
  onProblem,
  onClear,
}: {
  wave: Wave;
  links: Signal<WaveLink[] | null>;
  onProblem: (error: unknown) => void;
  /** Takes down the page's last refusal as a new step here starts. */
  onClear: () => void;
}) {
  const { state } = useAppState();
  const { t } = state;
  const copied = useSignal('');
  const qrFor = useSignal<WaveLink | null>(null);
  const qrFigure = useRef<HTMLElement>(null);
  const shownQr = qrFor.value?.code;
  const switching = useSignal('');
  const invitationTeam = useSignal('');
  // The box's text, not a number: a cleared box must stay empty for the browser's `required` to
  // say so, where Number('') would write 0 back into it. Sent as a number once the form is valid.
  const invitationCount = useSignal('20');

  async function setPersonalCodes(link: WaveLink, on: boolean, input: HTMLInputElement) {
    // Switching on changes what the link asks of everyone who already has it, so say so first.
    if (on && !window.confirm(t('links.personalCodesWarning', { team: link.teamName }))) {
      input.checked = false;
      return;
    }
    onClear();
    switching.value = link.teamKey;
    try {
      const result = await api<TeamPersonalCodes>(
        `/api/waves/${wave.id}/teams/${encodeURIComponent(link.teamKey)}`,
        { method: 'PUT', body: { personalCodes: on } satisfies PersonalCodes },
      );
      links.value = (links.value ?? []).map((l) =>
        l.teamKey === result.teamKey ? { ...l, personalCodes: result.personalCodes } : l,
      );
      if (!result.personalCodes && invitationTeam.value === result.teamKey) invitationTeam.value = '';
    } catch (error) {
      input.checked = link.personalCodes;
      onProblem(error);
    } finally {
      switching.value = '';
    }
  }

  // In a form, so the browser holds a count outside 1 to 2000 back before it is sent.
  async function invitations(event: Event) {
    event.preventDefault();
    onClear();
    try {
      const result = await api<IssuedInvitations>(`/api/waves/${wave.id}/invitations`, {
        method: 'POST',
        body: {
          teamKey: invitationTeam.value,
          count: Number(invitationCount.value),
        } satisfies InvitationRequest,
      });
      download(
        `invitations-${result.teamKey}.csv`,
        `team,link,invitation_code\r\n${result.codes.map((code) => `${result.teamKey},${result.url},${code}`).join('\r\n')}\r\n`,
      );
    } catch (error) {
      onProblem(error);
    }
  }

  // A QR code opens in a row under its team, and takes the focus there: drawn under the whole list
  // it was out of sight of whoever asked for it, with nothing to say it had appeared.
  useEffect(() => {
    const figure = qrFigure.current;
    if (!shownQr || !figure) return;
    bringIntoView(figure, 'nearest');
  }, [shownQr]);

  function closeQr(link: WaveLink) {
    qrFor.value = null;
    // Back to the button that opened it, rather than to the top of the page.
    document.getElementById(`qr-button-${link.code}`)?.focus();
  }

  const list = links.value;
  if (!list) return null;
  const withCodes = list.filter((link) => link.personalCodes);
  const closed = wave.status === 'closed';
  return (
    <>
      <h2>{t('wave.links')}</h2>
      <div class="scroll-x">
        <table class="data team-links">
          <tbody>
            {list.map((link) => (
              <Fragment key={link.code}>
                <tr>
                  <th scope="row">{link.teamName}</th>
                  <td>
                    <code class="link-url">{link.url}</code>
                  </td>
                  <td class="link-buttons">
                    <button
                      type="button"
                      class="small"
                      onClick={async (event) => {
                        // Read before waiting: the event forgets its target once handled.
                        const shown = event.currentTarget.closest('tr')?.querySelector('.link-url');
                        // The clipboard is given only to pages served over HTTPS or from localhost:
                        // elsewhere the link is selected, for the consultant to copy themselves.
                        const done = await navigator.clipboard
                          ?.writeText(link.url)
                          .then(() => true)
                          .catch(() => false);
                        if (done) {
                          copied.value = link.code;
                          return;
                        }
                        if (shown) getSelection()?.selectAllChildren(shown);
                        copied.value = `selected:${link.code}`;
                      }}
                    >
                      {copied.value === link.code
                        ? t('common.copied')
                        : copied.value === `selected:${link.code}`
                          ? t('common.selectedToCopy')
                          : t('common.copy')}
                    </button>
                    <button
                      type="button"
                      class="small"
                      id={`qr-button-${link.code}`}
                      aria-label={t('wave.qr', { team: link.teamName })}
                      aria-expanded={shownQr === link.code}
                      aria-controls={shownQr === link.code ? `qr-${link.code}` : undefined}
                      onClick={() => {
                        qrFor.value = qrFor.value?.code === link.code ? null : link;
                      }}
                    >
                      QR
                    </button>
                  </td>
                  <td>
                    <label class="switch">
                      <input
                        type="checkbox"
                        checked={link.personalCodes}
                        disabled={closed || switching.value !== ''}
                        aria-describedby={`codes-help-${wave.id}`}
                        onChange={(e) =>
                          void setPersonalCodes(link, e.currentTarget.checked, e.currentTarget)
                        }
                      />
                      <span>{t('links.personalCodes')}</span>
                      <span class="visually-hidden"> · {link.teamName}</span>
                    </label>
                  </td>
                </tr>
                {shownQr === link.code && (
                  <tr class="qr-row">
                    <td colSpan={4}>
                      <figure
                        class="qr"
                        id={`qr-${link.code}`}
                        ref={qrFigure}
                        tabIndex={-1}
                        aria-labelledby={`qr-caption-${link.code}`}
                        onKeyDown={(e) => {
                          if (e.key === 'Escape') closeQr(link);
                        }}
                      >
                        <img
                          src={qrDataUrl(link.url)}
                          width={200}
                          height={200}
                          alt={t('wave.qr', { team: link.teamName })}
                        />
                        <figcaption id={`qr-caption-${link.code}`}>{link.teamName}</figcaption>
                        <button type="button" class="small" onClick={() => closeQr(link)}>
                          {t('common.close')}
                        </button>
                      </figure>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted" id={`codes-help-${wave.id}`}>
        {t('links.personalCodesHelp')}
      </p>
      {!closed && withCodes.length > 0 && (
        <form class="inline-form" onSubmit={invitations}>
          <h3>{t('wave.invitations')}</h3>
          <p class="muted form-help">{t('links.generateHelp')}</p>
          <label class="field">
            <span>{t('report.team')}</span>
            <select
              value={invitationTeam.value}
              onChange={(e) => {
                invitationTeam.value = e.currentTarget.value;
              }}
            >
              <option value="">—</option>
              {withCodes.map((link) => (
                <option key={link.teamKey} value={link.teamKey}>
                  {link.teamName}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>{t('wave.invitationCount')}</span>
            <input
              type="number"
              required
              min={1}
              max={2000}
              value={invitationCount.value}
              onInput={(e) => {
                invitationCount.value = e.currentTarget.value;
              }}
            />
          </label>
          <button type="submit" disabled={!invitationTeam.value}>
            {t('wave.generate')}
          </button>
        </form>
      )}
    </>
  );
}
