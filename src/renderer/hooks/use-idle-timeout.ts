// Kiosk idle handling (issue #6 §4): after `idleMs` without input, warn for `warningMs` with a
// visible countdown (WCAG 2.2.1: the user can extend it), then call onExpire.
import { useCallback, useEffect, useRef, useState } from 'react';

export type IdleState = { phase: 'active' } | { phase: 'warning'; secondsLeft: number };

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

export function useIdleTimeout(opts: { enabled: boolean; idleMs: number; warningMs: number; onExpire: () => void }): {
  state: IdleState;
  extend: () => void;
} {
  const { enabled, idleMs, warningMs } = opts;
  const onExpire = useRef(opts.onExpire);
  onExpire.current = opts.onExpire;
  const [state, setState] = useState<IdleState>({ phase: 'active' });
  const lastActivity = useRef(Date.now());

  const extend = useCallback(() => {
    lastActivity.current = Date.now();
    setState({ phase: 'active' });
  }, []);

  useEffect(() => {
    if (!enabled) {
      setState({ phase: 'active' });
      return;
    }
    lastActivity.current = Date.now();
    const touch = () => {
      lastActivity.current = Date.now();
      setState((s) => (s.phase === 'active' ? s : { phase: 'active' }));
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, touch, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      const idle = Date.now() - lastActivity.current;
      if (idle >= idleMs + warningMs) {
        lastActivity.current = Date.now();
        setState({ phase: 'active' });
        onExpire.current();
      } else if (idle >= idleMs) {
        const secondsLeft = Math.ceil((idleMs + warningMs - idle) / 1000);
        setState((s) => (s.phase === 'warning' && s.secondsLeft === secondsLeft ? s : { phase: 'warning', secondsLeft }));
      }
    }, 250);
    return () => {
      window.clearInterval(timer);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, touch, { capture: true });
    };
  }, [enabled, idleMs, warningMs]);

  return { state, extend };
}
