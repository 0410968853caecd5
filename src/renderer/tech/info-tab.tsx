// Version and build info (issue #6 §5).
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/terminal-time';
import type { AppInfo } from '../../common/ipc/system';

export function InfoTab({ info }: { info: AppInfo }) {
  const { t, i18n } = useTranslation();
  const rows: [string, string][] = [
    ['tech.info.version', `${info.name} ${info.version}`],
    ['tech.info.build', info.build],
    ['tech.info.mode', t(`tech.info.modes.${info.mode}`)],
    ['tech.info.transport', info.transport],
    ['tech.info.terminal', info.terminalId],
    ['tech.info.location', info.location],
    ['tech.info.node', info.node === 'simulator' ? t('tech.info.simulator') : t('tech.info.configured')],
    ['tech.info.devices', info.virtualDevices ? t('tech.info.virtual') : t('tech.info.real')],
    ['tech.info.started', formatDateTime(info.startedAt, i18n.language)],
  ];
  return (
    <table className="data" data-testid="info-table">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th>{t(k)}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
