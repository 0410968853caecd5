// Live terminal status for the status bar and the out-of-service decision. The core pushes
// 'status/changed' (the browser bridge re-sends it on connect); until the first push arrives the
// status is assembled from the health/queue intents so the bar is never blank.
import { useCallback, useEffect, useState } from 'react';
import type { Status } from '../../common/ipc/events';
import { call, getBridge } from '../bridge/bridge';

export function useStatus(): { status: Status | null; refreshDevices: () => Promise<Status['devices'] | null> } {
  const [status, setStatus] = useState<Status | null>(null);
  useEffect(() => {
    let pushed = false;
    const off = getBridge().listen('status/changed', (s) => {
      pushed = true;
      setStatus(s);
    });
    void (async () => {
      // Each piece on its own: one missing intent must not blank the whole bar.
      const [devices, queue, node] = await Promise.allSettled([call('devices/health'), call('queue/snapshot'), call('node/check')]);
      if (pushed || devices.status !== 'fulfilled') return;
      setStatus({
        node: node.status === 'fulfilled' ? { online: node.value.online, checkedAt: node.value.checkedAt } : { online: false, checkedAt: null },
        queue: queue.status === 'fulfilled' ? { pending: queue.value.pending, failed: queue.value.failed } : { pending: 0, failed: 0 },
        exceptions: { open: 0 },
        devices: devices.value,
        offline: { allowed: false, methods: [], maxAmountCents: 0, remainingTotalCents: 0 },
        shiftOpen: false,
      });
    })();
    return off;
  }, []);
  /** Re-probe the devices now (kiosk self-check before a session, pos-practice.md §7.4). */
  const refreshDevices = useCallback(async () => {
    try {
      const devices = await call('devices/health');
      setStatus((s) => (s ? { ...s, devices } : s));
      return devices;
    } catch {
      return null;
    }
  }, []);
  return { status, refreshDevices };
}
