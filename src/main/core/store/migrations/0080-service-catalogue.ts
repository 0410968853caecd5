import type { Migration } from './index';

/**
 * Spontaneous payments (issue #13): the services catalogue as last fetched from nodoChiediCatalogoServiziV2
 * (one row per soggettoErogante, with its validity dates; the meta row says when and keeps the document),
 * and, for each payment started by demandPaymentNotice, the service and the data the citizen gave (the plate),
 * printed on the receipt.
 */
export const m0080ServiceCatalogue: Migration = {
  version: 80,
  name: 'service-catalogue',
  up(db) {
    db.exec(`
      CREATE TABLE service_catalogue_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        fetched_at INTEGER NOT NULL,
        document TEXT NOT NULL
      ) STRICT;
      CREATE TABLE service_catalogue (
        id_soggetto_servizio TEXT PRIMARY KEY,
        id_servizio TEXT NOT NULL,
        descrizione TEXT NOT NULL,
        categoria TEXT,
        xsd_riferimento TEXT NOT NULL,
        id_dominio TEXT NOT NULL,
        ente TEXT NOT NULL,
        valid_from TEXT NOT NULL,
        valid_to TEXT,
        commissione TEXT CHECK (commissione IN ('Y','N'))
      ) STRICT;
      CREATE TABLE spontaneous_payments (
        payment_id TEXT PRIMARY KEY REFERENCES payments(id),
        id_soggetto_servizio TEXT NOT NULL,
        id_servizio TEXT NOT NULL,
        service_name TEXT NOT NULL,
        xsd_riferimento TEXT NOT NULL,
        summary TEXT NOT NULL,
        details TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
