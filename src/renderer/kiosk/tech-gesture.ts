// Hidden maintenance entry on a kiosk (pos-practice.md §6 "Maintenance escape"): five taps on the
// logo within three seconds open the technician screen, which then asks for the technician PIN.
import { useRef } from 'react';

export function useTechGesture(onOpen: () => void): { onClick: () => void } {
  const taps = useRef<number[]>([]);
  return {
    onClick: () => {
      const now = Date.now();
      taps.current = [...taps.current.filter((x) => now - x < 3000), now];
      if (taps.current.length >= 5) {
        taps.current = [];
        onOpen();
      }
    },
  };
}
