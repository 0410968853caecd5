// Scan-first input (issue #6 §3): keyboard-wedge scans are caught at the document level wherever the
// focus is (pos-practice.md §5 timing heuristics, src/common/scan/wedge-detector.ts), and serial/HID
// scans arrive from the core as 'scan' events. Both end in the same callback.
import { useEffect, useRef } from 'react';
import { WedgeDetector } from '../../common/scan/wedge-detector';
import { getBridge } from '../bridge/bridge';

type Snapshot = { el: HTMLInputElement | HTMLTextAreaElement; value: string } | null;

function editable(t: EventTarget | null): HTMLInputElement | HTMLTextAreaElement | null {
  const el = t as HTMLElement | null;
  return el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') ? (el as HTMLInputElement) : null;
}

/** Undo the first keys of a burst that reached a field before the detector recognised the scan. */
function restore(s: Snapshot): void {
  if (!s || s.el.value === s.value) return;
  const proto = s.el.tagName === 'INPUT' ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(s.el, s.value);
  s.el.dispatchEvent(new Event('input', { bubbles: true })); // React-controlled fields listen to 'input'
}

export function useScanner(onScan: (raw: string, source: string) => void, enabled: boolean): void {
  const cb = useRef(onScan);
  cb.current = onScan;
  const on = useRef(enabled);
  on.current = enabled;

  useEffect(() => {
    // Odoo's barcode service allows 100 ms between keys (pos-practice.md §5): a busy 2-core till or a
    // slow USB poll can stretch a gap past 40 ms, and the 30 ms average still rejects human typing.
    const detector = new WedgeDetector({ maxInterKeyMs: 100 });
    let timer: number | undefined;
    let snapshot: Snapshot = null;
    let lastAt = 0;
    const emit = (raw: string, source: string) => {
      if (on.current) cb.current(raw, source);
    };
    const arm = () => {
      window.clearTimeout(timer);
      const d = detector.nextDeadline();
      if (d !== null)
        timer = window.setTimeout(
          () => {
            const s = detector.poll(performance.now());
            if (s) emit(s.payload, 'wedge');
          },
          Math.max(0, d - performance.now()) + 5,
        );
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const at = performance.now();
      if (e.key.length === 1 && at - lastAt > 100) {
        const el = editable(e.target);
        snapshot = el ? { el, value: el.value } : null;
      }
      lastAt = at;
      const r = detector.feed({ key: e.key, at, repeat: e.repeat });
      if (r.swallow) {
        e.preventDefault();
        e.stopPropagation();
      }
      if (r.scan) {
        restore(snapshot);
        snapshot = null;
        emit(r.scan.payload, 'wedge');
      }
      arm();
    };
    // Capture phase: the detector sees the key before any field or shortcut handler.
    window.addEventListener('keydown', onKey, { capture: true });
    const off = getBridge().listen('scan', (s) => emit(s.raw, s.source));
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      window.clearTimeout(timer);
      off();
    };
  }, []);
}
