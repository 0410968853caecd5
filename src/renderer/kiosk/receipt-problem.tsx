// A kiosk receipt that did not print (issue #11 §6): which device failed and why (the receipt printer,
// not the card terminal), that the payment is valid, and a reference with its QR that staff look up in
// the technician screen ("Payments and receipts") to print a copy.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import type { PrintJob } from '../../common/ipc/receipt';

export { receiptFailed } from './receipt-state';

/** The printer's reason ('paper-out' or 'paper-out: detail…') → the key of a sentence for the citizen. */
function printerReason(reason: string | null): 'paper-out' | 'cover-open' | 'other' {
  const code = /^[a-z-]+/.exec(reason ?? '')?.[0];
  return code === 'paper-out' || code === 'cover-open' ? code : 'other';
}

export function ReceiptProblem({ job, reference }: { job: PrintJob; reference: string }) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // The QR holds the reference only: a scanner types it into the staff's search field as it is.
    QRCode.toDataURL(reference, { errorCorrectionLevel: 'M', margin: 2, scale: 6 }).then(
      (url) => live && setQr(url),
      () => live && setQr(null),
    );
    return () => {
      live = false;
    };
  }, [reference]);
  return (
    <div className="kiosk-receipt-problem" role="alert" data-testid="kiosk-receipt-problem" data-reason={printerReason(job.reason)}>
      <p className="lead">
        <strong>{t(`kiosk.receipt.printer.${printerReason(job.reason)}`)}</strong> {t('kiosk.receipt.paymentValid')}
      </p>
      <div className="row center">
        {qr && <img src={qr} alt={t('kiosk.receipt.qrAlt', { reference })} className="receipt-ref-qr" data-testid="kiosk-receipt-qr" />}
        <div>
          <p>{t('kiosk.receipt.showStaff')}</p>
          <p className="code receipt-ref" data-testid="kiosk-receipt-ref">
            {reference}
          </p>
          <p className="small muted">{t('kiosk.receipt.staffHow')}</p>
        </div>
      </div>
    </div>
  );
}
