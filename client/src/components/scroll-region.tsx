import type { ComponentChildren } from 'preact';

/**
 * A wide table that scrolls sideways inside its card on a phone. It takes the keyboard focus, and
 * is named (a named section is a region), so that someone without a pointer can scroll it too
 * (WCAG 2.1.1).
 */
export function ScrollRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section class="scroll-x" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
