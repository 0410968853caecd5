// The stored services catalogue (issue #13 §1): replaced whole on every successful fetch, read when the node
// is unreachable. Also the service data kept for each spontaneous payment (plate on the receipt).
import type { Db } from '../store/database';
import { writeTransaction } from '../store/database';
import type { CatalogueEntry } from './catalogue';

export type StoredCatalogue = { readonly fetchedAt: number; readonly entries: readonly CatalogueEntry[] };

/** A payment's service data: shown and printed as `label: value` lines. */
export type SpontaneousRecord = {
  readonly paymentId: string;
  readonly idSoggettoServizio: string;
  readonly idServizio: string;
  readonly serviceName: string;
  readonly xsdRiferimento: string;
  readonly summary: string;
  readonly details: readonly { readonly label: string; readonly value: string }[];
  readonly createdAt: number;
};

type Row = {
  id_soggetto_servizio: string;
  id_servizio: string;
  descrizione: string;
  categoria: string | null;
  xsd_riferimento: string;
  id_dominio: string;
  ente: string;
  valid_from: string;
  valid_to: string | null;
  commissione: 'Y' | 'N' | null;
};

export class CatalogueStore {
  constructor(private readonly db: Db) {}

  replace(entries: readonly CatalogueEntry[], document: string, fetchedAt: number): void {
    writeTransaction(this.db, () => {
      this.db.prepare('DELETE FROM service_catalogue').run();
      const ins = this.db.prepare(
        'INSERT INTO service_catalogue (id_soggetto_servizio, id_servizio, descrizione, categoria, xsd_riferimento, id_dominio, ente, valid_from, valid_to, commissione) VALUES (?,?,?,?,?,?,?,?,?,?)',
      );
      for (const e of entries)
        ins.run(
          e.idSoggettoServizio,
          e.idServizio,
          e.descrizioneServizio,
          e.categoria,
          e.xsdRiferimento,
          e.idDominio,
          e.denominazioneEnteCreditore,
          e.dataInizioValidita,
          e.dataFineValidita,
          e.commissione,
        );
      this.db
        .prepare('INSERT INTO service_catalogue_meta (id, fetched_at, document) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET fetched_at = excluded.fetched_at, document = excluded.document')
        .run(fetchedAt, document);
    });
  }

  load(): StoredCatalogue | null {
    // A read-only view of a database no writer of this version has opened yet has no catalogue tables.
    const exists = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'service_catalogue_meta'").get();
    if (!exists) return null;
    const meta = this.db.prepare('SELECT fetched_at FROM service_catalogue_meta WHERE id = 1').get() as { fetched_at: number } | undefined;
    if (!meta) return null;
    const rows = this.db.prepare('SELECT * FROM service_catalogue ORDER BY id_servizio, id_soggetto_servizio').all() as Row[];
    return {
      fetchedAt: meta.fetched_at,
      entries: rows.map((r) => ({
        idSoggettoServizio: r.id_soggetto_servizio,
        idServizio: r.id_servizio,
        descrizioneServizio: r.descrizione,
        categoria: r.categoria,
        xsdRiferimento: r.xsd_riferimento,
        idDominio: r.id_dominio,
        denominazioneEnteCreditore: r.ente,
        dataInizioValidita: r.valid_from,
        dataFineValidita: r.valid_to,
        commissione: r.commissione,
      })),
    };
  }

  recordPayment(r: SpontaneousRecord): void {
    writeTransaction(this.db, () => {
      this.db
        .prepare('INSERT INTO spontaneous_payments (payment_id, id_soggetto_servizio, id_servizio, service_name, xsd_riferimento, summary, details, created_at) VALUES (?,?,?,?,?,?,?,?)')
        .run(r.paymentId, r.idSoggettoServizio, r.idServizio, r.serviceName, r.xsdRiferimento, r.summary, JSON.stringify(r.details), r.createdAt);
    });
  }

  forPayment(paymentId: string): SpontaneousRecord | null {
    const row = this.db.prepare('SELECT * FROM spontaneous_payments WHERE payment_id = ?').get(paymentId) as
      { payment_id: string; id_soggetto_servizio: string; id_servizio: string; service_name: string; xsd_riferimento: string; summary: string; details: string; created_at: number } | undefined;
    if (!row) return null;
    return {
      paymentId: row.payment_id,
      idSoggettoServizio: row.id_soggetto_servizio,
      idServizio: row.id_servizio,
      serviceName: row.service_name,
      xsdRiferimento: row.xsd_riferimento,
      summary: row.summary,
      details: JSON.parse(row.details) as SpontaneousRecord['details'],
      createdAt: row.created_at,
    };
  }
}
