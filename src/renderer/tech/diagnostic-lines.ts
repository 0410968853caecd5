// A diagnostic's transcript in the language on screen (issue #11 §11). The core writes each result as
// "label: value" lines in English, the wording the CLI's `devices test` prints too; the labels and the fixed
// phrases the core always uses are translated here, and a value is translated when it is one of the words
// the drivers always use (device-detail.tsx). Anything else (a terminal's own text, an error message, a scan)
// stays as the device or the core said it, and the screen marks it as data.
import type { TFunction } from 'i18next';
import { deviceDetailKey } from '../components/device-detail';

const LABELS = ['state', 'detail', 'last error', 'last result', 'drawer', 'page', 'printer', 'transactions', 'total'] as const;
const VALUES: Record<string, string> = {
  none: 'tech.diagLine.none',
  'not reported': 'device.detail.notReported',
  full: 'tech.diagLine.pageFull',
  codepage: 'tech.diagLine.pageCodepage',
  qr: 'tech.diagLine.pageQr',
};

function value(t: TFunction, v: string): string {
  const key = VALUES[v.trim()] ?? deviceDetailKey(v);
  return key ? t(key) : v;
}

/** One transcript line in the screen's language; lines the core words freely come back unchanged. */
export function diagnosticLine(t: TFunction, line: string): string {
  let m = /^sent (\d+) bytes$/.exec(line);
  if (m) return t('tech.diagLine.sent', { count: Number(m[1]) });
  m = /^pulse sent on pin (\d)$/.exec(line);
  if (m) return t('tech.diagLine.pulse', { pin: m[1] });
  m = /^no scan within (\d+) s$/.exec(line);
  if (m) return t('tech.diagLine.noScan', { count: Number(m[1]) });
  for (const label of LABELS) {
    if (line.startsWith(`${label}: `)) return `${t(`tech.diagLabel.${label.replace(' ', '-')}`)}: ${value(t, line.slice(label.length + 2))}`;
  }
  return line;
}
