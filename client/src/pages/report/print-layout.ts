import { useEffect } from 'preact/hooks';

/** A CSS string literal of any text: quotes and backslashes escaped, line breaks as spaces. */
export const cssString = (text: string) => `"${text.replace(/["\\]/g, '\\$&').replace(/\s+/g, ' ')}"`;

/**
 * The running header of every printed page. The page's margin boxes (styles.css, `@page`) can only
 * show CSS values, not the page's text, so the header reaches them as a custom property on the
 * root element; it is removed when the report goes, so no other page prints it.
 */
export function usePrintHeader(text: string | null) {
  useEffect(() => {
    if (text === null) return;
    const root = document.documentElement.style;
    root.setProperty('--print-header', cssString(text));
    return () => root.removeProperty('--print-header');
  }, [text]);
}

/**
 * Opens every folded part of the page (recommendations, explanations) while it prints, and folds
 * back what was folded afterwards. Chromium prints them open from CSS alone (styles.css,
 * ::details-content); this does it for browsers that do not support that yet.
 */
export function useDetailsOpenInPrint() {
  useEffect(() => {
    let opened: HTMLDetailsElement[] = [];
    const open = () => {
      opened = [...document.querySelectorAll<HTMLDetailsElement>('details:not([open])')];
      for (const details of opened) details.open = true;
    };
    const restore = () => {
      for (const details of opened) details.open = false;
      opened = [];
    };
    window.addEventListener('beforeprint', open);
    window.addEventListener('afterprint', restore);
    return () => {
      window.removeEventListener('beforeprint', open);
      window.removeEventListener('afterprint', restore);
    };
  }, []);
}
