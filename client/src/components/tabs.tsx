import type { ComponentChildren } from 'preact';
import './console-navigation.css';

export interface Tab {
  id: string;
  label: string;
}

/**
 * Tabs as the ARIA pattern has them: one tab stop for the row (the active tab), the arrow keys,
 * Home and End move between tabs and show each at once. Which one is shown is the caller's state,
 * kept in the address so a reload or a shared link opens the same tab.
 */
export function Tabs({
  idPrefix,
  label,
  tabs,
  active,
  onSelect,
  children,
}: {
  idPrefix: string;
  label: string;
  tabs: readonly Tab[];
  active: string;
  onSelect: (id: string) => void;
  children: ComponentChildren;
}) {
  const tabId = (id: string) => `${idPrefix}-tab-${id}`;
  function onKeyDown(event: KeyboardEvent) {
    const index = tabs.findIndex((tab) => tab.id === active);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    const target = tabs[next]!;
    onSelect(target.id);
    document.getElementById(tabId(target.id))?.focus();
  }
  return (
    <>
      <div class="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const selected = tab.id === active;
          return (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={tabId(tab.id)}
              aria-selected={selected}
              aria-controls={`${idPrefix}-panel`}
              tabIndex={selected ? 0 : -1}
              onClick={() => onSelect(tab.id)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div class="tab-panel" role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={tabId(active)}>
        {children}
      </div>
    </>
  );
}
