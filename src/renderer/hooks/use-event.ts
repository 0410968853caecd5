import { useEffect, useRef } from 'react';
import type { EventName, Events } from '../../common/ipc/events';
import { getBridge } from '../bridge/bridge';

/** Subscribe to a pushed core event for the lifetime of the component. */
export function useEvent<E extends EventName>(name: E, cb: (payload: Events[E]) => void): void {
  const ref = useRef(cb);
  ref.current = cb;
  useEffect(() => getBridge().listen(name, (p) => ref.current(p)), [name]);
}
