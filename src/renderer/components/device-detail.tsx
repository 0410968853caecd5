// A device's detail line in the language on screen (issue #11 §11). The drivers and the device manager
// describe a device in English words for the logs; the ones they always use map to a translation, and
// anything else (a terminal's own status text, an OS error) is shown as the device's text, marked as data.
import { useTranslation } from 'react-i18next';

const KNOWN: Record<string, string> = {
  ready: 'ready',
  open: 'open',
  closed: 'closed',
  'state not reported': 'notReported',
  listening: 'listening',
  'not checked yet': 'notChecked',
  'not started': 'notStarted',
  'follows the printer': 'followsPrinter',
  'keystrokes are read by the renderer (wedge detector)': 'wedge',
  'read in the renderer (getUserMedia + zxing)': 'camera',
  'no device service attached': 'noService',
  disconnected: 'disconnected',
};

/** The i18n key of a detail the drivers always word the same way, else null. */
export function deviceDetailKey(detail: string): string | null {
  const k = KNOWN[detail.trim().toLowerCase()];
  return k ? `device.detail.${k}` : null;
}

export function DeviceDetail({ detail }: { detail: string }) {
  const { t } = useTranslation();
  const key = deviceDetailKey(detail);
  return key ? (
    <span className="small muted">{t(key)}</span>
  ) : (
    <span className="small muted code" data-i18n="data">
      {detail}
    </span>
  );
}
