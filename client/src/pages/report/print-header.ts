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
