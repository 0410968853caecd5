// Version and build info (issue #6 §5).
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/terminal-time';
import type { AppInfo } from '../../common/ipc/system';
import { DevToolsButton } from './devtools-button';
import { devToolsOffered } from './devtools-offer';

export function InfoTab({ info }: { info: AppInfo }) {
  const { t, i18n } = useTranslation();
  // The third element marks a value shown as it is (names, versions, identifiers), not a word of the UI.
  const rows: [string, string, boolean?][] = [
    ['tech.info.version', `${info.name} ${info.version}`, true],
    ['tech.info.build', info.build, true],
    ['tech.info.mode', t(`tech.info.modes.${info.mode}`)],
    ['tech.info.transport', info.transport, true],
    ['tech.info.terminal', info.terminalId, true],
    ['tech.info.location', info.location, true],
    ['tech.info.node', info.node === 'simulator' ? t('tech.info.simulator') : t('tech.info.configured')],
    ['tech.info.devices', info.virtualDevices ? t('tech.info.virtual') : t('tech.info.real')],
    ['tech.info.started', formatDateTime(info.startedAt, i18n.language)],
  ];
  return (
    <>
      <table className="data" data-testid="info-table">
        <tbody>
          {rows.map(([k, v, data]) => (
            <tr key={k}>
              <th>{t(k)}</th>
              <td data-i18n={data ? 'data' : undefined}>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {devToolsOffered(info) && <DevToolsButton />}
    </>
  );
}
