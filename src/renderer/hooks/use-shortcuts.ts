// Keyboard shortcuts (issue #6 §3: "every frequent action; no action more than two steps away").
// Function keys and Escape work everywhere, even inside a text field; plain keys only outside fields.
import { useEffect, useRef } from 'react';

export type ShortcutMap = Partial<Record<string, () => void>>;

function isEditable(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

export function useShortcuts(map: ShortcutMap, enabled = true): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const isFn = /^F\d{1,2}$/.test(e.key) || e.key === 'Escape';
      if (!isFn && isEditable(e.target)) return;
      const fn = ref.current[e.key];
      if (fn) {
        e.preventDefault();
        fn();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
