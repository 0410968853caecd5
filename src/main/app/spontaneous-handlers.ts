// spontaneous/*: the services catalogue, the service forms and demandPaymentNotice (issue #13). The rules
// (validation with a message per mistake, XSD check, never offline) are the core's (SaleService.spontaneous,
// core/spontaneous); these handlers only translate its answers into the IPC contract.
import type { HandlerImpl } from '../../common/ipc/contract';
import type { CatalogueEntryView, CatalogueView, DemandResult, SpontaneousServices } from '../../common/ipc/spontaneous';
import { parseManualNotice } from '../../common/notice';
import type { CatalogueView as CoreCatalogueEntry } from '../core/spontaneous/spontaneous-service';
import { SERVICE_FORMS, formFor } from '../core/spontaneous/forms';
import { IpcFailure } from '../../common/ipc/result';
import { saleActor, type AppContext } from './app-context';
import { lookupResultView } from './notice-handlers';

type SpontaneousHandlers = Pick<HandlerImpl, 'spontaneous/services' | 'spontaneous/catalogue' | 'spontaneous/demand'>;

function entryView(e: CoreCatalogueEntry): CatalogueEntryView {
  return {
    serviceId: e.idSoggettoServizio,
    idServizio: e.idServizio,
    description: e.descrizioneServizio,
    category: e.categoria,
    xsdRiferimento: e.xsdRiferimento,
    creditorFiscalCode: e.idDominio,
    creditorName: e.denominazioneEnteCreditore,
    validFrom: e.dataInizioValidita,
    validTo: e.dataFineValidita,
    collectable: e.collectable,
    active: e.active,
  };
}

export function createSpontaneousHandlers(ctx: AppContext): SpontaneousHandlers {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const service = () => ctx.sale.spontaneous?.service ?? null;
  return {
    'spontaneous/services': (): SpontaneousServices => {
      const s = service();
      if (!s) return { enabled: false, fetchedAt: null, services: [], forms: [], defaults: {} };
      const enabled = ctx.config().spontaneous.forms;
      const forms = SERVICE_FORMS.filter((f) => formFor(f.xsdRiferimento, enabled) !== undefined);
      const defaults: Record<string, string> = {};
      for (const f of forms) {
        const id = s.defaultService(f.xsdRiferimento);
        if (id) defaults[f.xsdRiferimento] = id;
      }
      return {
        enabled: true,
        fetchedAt: iso(s.catalogue().fetchedAt),
        services: s.services().map(entryView),
        forms: forms.map((f) => ({
          xsdRiferimento: f.xsdRiferimento,
          title: f.title,
          fields: f.fields.map((x) => ({
            id: x.id,
            label: x.label,
            hint: x.hint ?? null,
            kind: x.kind,
            options: (x.options ?? []).map((o) => ({ value: o.value, label: o.label })),
            maxLength: x.maxLength ?? null,
            keyboard: x.keyboard ?? null,
          })),
        })),
        defaults,
      };
    },
    'spontaneous/catalogue': async (arg): Promise<CatalogueView> => {
      const s = service();
      if (!s) return { enabled: false, fetchedAt: null, stale: true, lastError: null, entries: [] };
      if (arg?.refresh) await s.refreshCatalogue();
      const c = s.catalogue();
      return { enabled: true, fetchedAt: iso(c.fetchedAt), stale: c.stale, lastError: c.lastError, entries: c.entries.map(entryView) };
    },
    'spontaneous/demand': async (arg): Promise<DemandResult> => {
      const sales = ctx.sale.spontaneous;
      if (!sales) throw new IpcFailure('conflict', 'spontaneous payments are not enabled on this terminal');
      const r = await sales.demand(saleActor(ctx), arg.serviceId, arg.values, arg.cartId === undefined ? {} : { cart: { cartId: arg.cartId } });
      ctx.refreshStatus();
      if (r.kind === 'invalid') return { kind: 'invalid', errors: r.errors.map((e) => ({ field: e.field, code: e.code, message: e.message })) };
      if (r.kind === 'refused') return { kind: 'refusal', code: r.code, message: r.message, ...(r.faultCode ? { faultCode: r.faultCode } : {}) };
      const view = lookupResultView(ctx, r.quote, parseManualNotice(r.quote.noticeNumber, r.quote.fiscalCode));
      if (view.kind !== 'quote') throw new IpcFailure('internal', 'a demanded notice was quoted without a quote');
      return {
        kind: 'quote',
        quote: view.quote,
        service: { serviceId: r.service.idSoggettoServizio, name: r.service.serviceName, summary: r.service.summary, details: r.service.details.map((d) => ({ ...d })) },
        cartId: r.cartId,
      };
    },
  };
}
