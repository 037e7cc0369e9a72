/**
 * Brings something just opened into view and puts the keyboard's place on it: a panel opened
 * below the fold looked as if nothing had happened. `start` puts it at the top of the window (its
 * `scroll-margin-top` keeps a little of the page above it); `nearest` scrolls no further than it
 * takes to show it whole. The focus does not scroll again on its own.
 */
export function bringIntoView(element: HTMLElement, block: 'start' | 'nearest' = 'start'): void {
  element.scrollIntoView({ block, inline: 'nearest' });
  element.focus({ preventScroll: true });
}
