// `sportello catalogue` and `sportello demand` (issue #13): the pagoPA services catalogue as stored (or
// fetched first with --refresh), and demandPaymentNotice for one catalogue service with the values of its
// form, printing the notice the creditor answers. The rules — plate formats, the XSD check, the faults —
// are the core's (src/main/core/spontaneous); `sportello pay --demand-service` pays such a notice.
import path from 'node:path';
import { databasePathFor, loadConfig } from '../../core/config/load';
import { createLogger } from '../../core/log/logger';
import { SERVICE_FORMS } from '../../core/spontaneous/forms';
import type { FormValues } from '../../core/spontaneous/forms';
import { CatalogueStore } from '../../core/spontaneous/catalogue-store';
import { SpontaneousService, type CatalogueSnapshot } from '../../core/spontaneous/spontaneous-service';
import { openDatabase } from '../../core/store/database';
import { NODE_FLAGS, parseCliArgs } from '../args';
import { CliError, printJson, type CliCommand, type CliIo } from '../command';
import { cliErrorFor, openPaymentRuntime } from './payment-runtime';

/** Every flag a service form reads (`--plate`, `--vehicle-type`, `--permit`, `--year`), from the form definitions. */
export const SERVICE_FIELD_FLAGS = Object.fromEntries(SERVICE_FORMS.flatMap((f) => f.fields.map((x) => [x.cliFlag, { type: 'string' as const }]))) as Record<string, { type: 'string' }>;

/** The form values named on the command line, by field id. */
export function formValuesFromFlags(values: Record<string, unknown>): FormValues {
  const out: Record<string, string> = {};
  for (const f of SERVICE_FORMS)
    for (const x of f.fields) {
      const v = values[x.cliFlag];
      if (typeof v === 'string') out[x.id] = v;
    }
  return out;
}

function catalogueJson(c: CatalogueSnapshot): Record<string, unknown> {
  return {
    fetchedAt: c.fetchedAt === null ? null : new Date(c.fetchedAt).toISOString(),
    stale: c.stale,
    lastError: c.lastError,
    services: c.entries.map((e) => ({ ...e, formTitle: e.formTitle?.en ?? null })),
  };
}

const CATALOGUE_USAGE = `Usage: sportello catalogue [--refresh] [--db FILE] [--config FILE] [--node-url URL] [node flags]

Prints the pagoPA services catalogue (nodoChiediCatalogoServiziV2) as stored in the database, one entry per
creditor of each service (idSoggettoServizio = what \`sportello demand --service\` takes), with its validity
dates and whether this terminal can collect it today (a form for its xsdRiferimento). --refresh fetches it
from the node first and stores it (exit 1 when the node refuses or cannot be reached: the stored copy is
printed anyway). Without --refresh the database is opened read-only.`;

export const catalogueCommand: CliCommand = {
  name: 'catalogue',
  summary: 'The pagoPA services catalogue (bollo auto and other spontaneous payments)',
  usage: CATALOGUE_USAGE,
  async run(argv, io) {
    const { values } = parseCliArgs(argv, { ...NODE_FLAGS, refresh: { type: 'boolean' }, db: { type: 'string' } }, false);
    if (values.refresh) {
      const rt = await openPaymentRuntime(values, io, { devices: 'none', command: 'catalogue' });
      try {
        const s = rt.app.services.spontaneous;
        const r = await s.refreshCatalogue();
        printJson(io, { refreshed: r.ok, embeddedNode: rt.embeddedNode, ...catalogueJson(s.catalogue()) });
        if (!r.ok) io.stderr(`catalogue not refreshed: ${r.error}\n`);
        return r.ok ? 0 : 1;
      } catch (err) {
        throw cliErrorFor(err);
      } finally {
        await rt.close();
      }
    }
    const config = loadConfig(typeof values.config === 'string' ? values.config : undefined);
    const dbPath = path.resolve(databasePathFor(config, typeof values.db === 'string' ? values.db : undefined));
    let db;
    try {
      db = openDatabase(dbPath, { readonly: true });
    } catch (err) {
      throw cliErrorFor(err);
    }
    try {
      // Read-only: the node is never asked here.
      const never = () => Promise.reject(new Error('read-only'));
      const s = new SpontaneousService({
        node: { chiediCatalogoServizi: never, demandPaymentNotice: never },
        store: new CatalogueStore(db),
        config: () => config,
        clock: { now: () => Date.now() },
        logger: createLogger('cli', { sinks: [] }),
      });
      const c = s.catalogue();
      printJson(io, catalogueJson(c));
      if (c.fetchedAt === null) io.stderr('no catalogue stored yet: run `sportello catalogue --refresh`\n');
      return 0;
    } finally {
      db.close();
    }
  },
};

const DEMAND_USAGE = `Usage: sportello demand --service ID (--plate P --vehicle-type 1|2|4 | --permit N --year Y)
                       [--db FILE] [--config FILE] [--node-url URL] [node flags]

Asks pagoPA for the notice of a spontaneous payment (demandPaymentNotice): --service is the catalogue's
idSoggettoServizio (see \`sportello catalogue\`); the other flags are the fields of that service's form. Bollo
auto: --vehicle-type 1 (autoveicolo), 2 (rimorchio) or 4 (motoveicolo) and --plate (e.g. AB123CD). The
service XML is validated against its XSD before anything is sent. Prints the notice (number, creditor,
amount, description) as JSON; pay it with \`sportello pay --demand-service\`.

Exit 0 with the notice, 1 when pagoPA or the creditor refuses (plate not found, nothing due, service
closed, node unreachable: spontaneous payments are never taken offline), 2 for bad input (a wrong plate or
vehicle type, with the reason).`;

/** A field mistake as the CLI's one-line reason (the core's English message). */
export function fieldErrorsLine(errors: readonly { field: string; message: { en: string } }[]): string {
  return errors.map((e) => `${e.field}: ${e.message.en}`).join('; ');
}

export const demandCommand: CliCommand = {
  name: 'demand',
  summary: 'Ask pagoPA for the notice of a spontaneous payment (bollo auto)',
  usage: DEMAND_USAGE,
  async run(argv, io: CliIo) {
    const { values } = parseCliArgs(argv, { ...NODE_FLAGS, ...SERVICE_FIELD_FLAGS, service: { type: 'string' }, db: { type: 'string' } }, false);
    if (typeof values.service !== 'string') throw new CliError('--service ID is required (the idSoggettoServizio from `sportello catalogue`)');
    const rt = await openPaymentRuntime(values, io, { devices: 'none', command: 'demand' });
    try {
      const d = await rt.app.services.spontaneous.demand(values.service, formValuesFromFlags(values));
      if (d.kind === 'invalid') throw new CliError(fieldErrorsLine(d.errors));
      if (d.kind === 'refused') {
        printJson(io, { status: 'refused', code: d.code, message: d.message.en, ...(d.faultCode ? { faultCode: d.faultCode } : {}) });
        io.stderr(`demand refused: ${d.message.en}\n`);
        return 1;
      }
      const n = d.notice;
      printJson(io, {
        status: 'ok',
        embeddedNode: rt.embeddedNode,
        service: {
          id: d.entry.idSoggettoServizio,
          idServizio: d.entry.idServizio,
          description: d.entry.descrizioneServizio,
          creditor: d.entry.denominazioneEnteCreditore,
          summary: d.form.summary(d.values),
        },
        values: d.values,
        notice: {
          noticeNumber: n.noticeNumber,
          fiscalCode: n.fiscalCode,
          amountCents: n.amountCents,
          description: n.paymentDescription ?? null,
          companyName: n.companyName ?? null,
          dueDate: n.dueDate ?? null,
        },
      });
      return 0;
    } catch (err) {
      throw cliErrorFor(err);
    } finally {
      await rt.close();
    }
  },
};
