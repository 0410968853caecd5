// Kiosk camera reader: getUserMedia frames are copied to a canvas and decoded in a Web Worker, one
// frame in flight at a time, so the UI never stalls. The same text twice in a row is read once.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraFrame, CameraResult } from './camera-worker';

export function CameraScanner({ onCode, onClose }: { onCode: (text: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const cb = useRef(onCode);
  cb.current = onCode;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let busy = false;
    let last = '';
    const worker = new Worker(new URL('./camera-worker.ts', import.meta.url), { type: 'module' });
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    worker.onmessage = (e: MessageEvent<CameraResult>) => {
      busy = false;
      const text = e.data.text;
      if (text && text !== last) {
        last = text;
        cb.current(text);
      }
    };
    const tick = () => {
      if (stopped) return;
      const v = video.current;
      if (v && ctx && !busy && v.readyState >= 2 && v.videoWidth > 0) {
        // 640 px wide is plenty for a 25 mm QR at arm's length and keeps each decode cheap.
        const scale = Math.min(1, 640 / v.videoWidth);
        canvas.width = Math.round(v.videoWidth * scale);
        canvas.height = Math.round(v.videoHeight * scale);
        ctx.drawImage(v, 0, 0, canvas.width, canvas.height);
        const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
        busy = true;
        const frame: CameraFrame = { width: img.width, height: img.height, rgba: img.data };
        worker.postMessage(frame, [img.data.buffer]);
      }
      window.setTimeout(tick, 120);
    };
    void (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera API');
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1280 } }, audio: false });
        if (stopped) return;
        if (video.current) {
          video.current.srcObject = stream;
          await video.current.play().catch(() => undefined);
        }
        tick();
      } catch {
        setError(t('camera.unavailable'));
      }
    })();
    return () => {
      stopped = true;
      worker.terminate();
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [t]);

  return (
    <div className="camera" data-testid="camera">
      {error ? (
        <div className="alert warn" role="alert">
          {error}
        </div>
      ) : (
        <div className="camera-frame">
          <video ref={video} muted playsInline aria-label={t('camera.label')} />
          <div className="camera-target" aria-hidden="true" />
        </div>
      )}
      <p className="lead">{t('camera.hint')}</p>
      <button type="button" className="btn huge" onClick={onClose}>
        {t('camera.close')}
      </button>
    </div>
  );
}
