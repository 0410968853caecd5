// The simulator's copy of the node's configuration registry (issue 15 rule 3): PSPs, PSP brokers, channels,
// creditors (EC fiscal codes) and their stations, each enabled or disabled. The node checks the caller and
// the notice against it before it asks the creditor anything (pagopa-psp.md §3.10 fault table:
// PPT_PSP_*, PPT_INTERMEDIARIO_PSP_*, PPT_CANALE_*, PPT_AUTENTICAZIONE, PPT_AUTORIZZAZIONE, PPT_DOMINIO_*,
// PPT_STAZIONE_INT_PA_SCONOSCIUTA "no EC station for the aux digit/segregation code",
// PPT_STAZIONE_INT_PA_DISABILITATA). The order is the node test suite's (pagopa-psp.md §6 [S10],
// NewMod3/primitives/verifyPaymentNotice_semantic_ko.feature and activatePaymentNotice_semantic_ko.feature).
import type { NodeFault, NodeIdentity } from '../core/node/types';
import { nodeFault } from './fault-codes';

export type RegistryPsp = { idPSP: string; /** Prefix of its idempotency keys (SANP: `<CF_PSP>_<RANDOM>`, pagopa-psp.md §3.11). */ fiscalCode: string; enabled: boolean };
export type RegistryBroker = { idBrokerPSP: string; enabled: boolean };
export type RegistryChannel = { idChannel: string; idBrokerPSP: string; password: string; enabled: boolean };
export type RegistryCreditor = { fiscalCode: string; enabled: boolean };
export type RegistryStation = {
  idStation: string;
  enabled: boolean;
  /** Creditor fiscal codes this station serves. */
  creditors: string[];
  /** Aux digit of the notices it serves (pagopa-psp.md §2.1: 0, 1, 2 or 3). */
  auxDigit: 0 | 1 | 2 | 3;
  /** Aux 3: segregation codes; aux 0: application codes (digits 2-3 of the notice). Omitted = any. */
  codes?: string[];
};

export type SimRegistry = { psps: RegistryPsp[]; brokers: RegistryBroker[]; channels: RegistryChannel[]; creditors: RegistryCreditor[]; stations: RegistryStation[] };
export type RegistryPatch = Partial<SimRegistry>;
export type RegistryRemoval = { psps?: string[]; brokers?: string[]; channels?: string[]; creditors?: string[]; stations?: string[] };

const KEY_PREFIX = /^([a-zA-Z0-9]{2,18})_[a-zA-Z0-9]{10}$/;

/** The PSP side of the default registry: the identity the simulator (and the default config) uses. */
export function defaultIdentityRegistry(id: NodeIdentity): Pick<SimRegistry, 'psps' | 'brokers' | 'channels'> {
  const alnum = id.idPSP.replace(/[^a-zA-Z0-9]/g, '');
  return {
    psps: [{ idPSP: id.idPSP, fiscalCode: alnum.slice(0, 18).padEnd(2, '0'), enabled: true }],
    brokers: [{ idBrokerPSP: id.idBrokerPSP, enabled: true }],
    channels: [{ idChannel: id.idChannel, idBrokerPSP: id.idBrokerPSP, password: id.password, enabled: true }],
  };
}

/** The station code a notice is routed by: aux 3 → segregation code, aux 0 → application code, aux 1/2 → none. */
function stationCode(noticeNumber: string): { aux: number; code?: string } {
  const aux = Number(noticeNumber[0]);
  return aux === 0 || aux === 3 ? { aux, code: noticeNumber.slice(1, 3) } : { aux };
}

export class Registry {
  private psps = new Map<string, RegistryPsp>();
  private brokers = new Map<string, RegistryBroker>();
  private channels = new Map<string, RegistryChannel>();
  private creditors = new Map<string, RegistryCreditor>();
  private stations = new Map<string, RegistryStation>();

  constructor(initial: RegistryPatch = {}) {
    this.apply(initial);
  }

  clear(): void {
    for (const m of [this.psps, this.brokers, this.channels, this.creditors, this.stations]) m.clear();
  }

  /** Adds or replaces entries by id. */
  apply(p: RegistryPatch): void {
    for (const x of p.psps ?? []) this.psps.set(x.idPSP, { ...x });
    for (const x of p.brokers ?? []) this.brokers.set(x.idBrokerPSP, { ...x });
    for (const x of p.channels ?? []) this.channels.set(x.idChannel, { ...x });
    for (const x of p.creditors ?? []) this.creditors.set(x.fiscalCode, { ...x });
    for (const x of p.stations ?? []) this.stations.set(x.idStation, { ...x, creditors: [...x.creditors], ...(x.codes ? { codes: [...x.codes] } : {}) });
  }

  remove(r: RegistryRemoval): number {
    let n = 0;
    const del = (m: Map<string, unknown>, ids: string[] | undefined) => {
      for (const id of ids ?? []) if (m.delete(id)) n++;
    };
    del(this.psps, r.psps);
    del(this.brokers, r.brokers);
    del(this.channels, r.channels);
    del(this.creditors, r.creditors);
    del(this.stations, r.stations);
    return n;
  }

  snapshot(): SimRegistry {
    return structuredClone({
      psps: [...this.psps.values()],
      brokers: [...this.brokers.values()],
      channels: [...this.channels.values()],
      creditors: [...this.creditors.values()],
      stations: [...this.stations.values()],
    });
  }

  /**
   * A position the simulator holds implies its creditor and a station for its notice exist: add what is
   * missing (enabled), never touching entries that are there (a disabled creditor stays disabled).
   * `anyCode` registers an aux-3 station for every segregation code (auto-create ECs).
   */
  registerNotice(fiscalCode: string, noticeNumber: string | undefined, anyCode = false): void {
    if (!this.creditors.has(fiscalCode)) this.creditors.set(fiscalCode, { fiscalCode, enabled: true });
    const { aux, code } = noticeNumber === undefined ? { aux: 3, code: undefined } : stationCode(noticeNumber);
    if (aux > 3 || (noticeNumber !== undefined && this.stationFor(fiscalCode, noticeNumber))) return;
    const auxDigit = aux as 0 | 1 | 2 | 3;
    const own = [...this.stations.values()].find((s) => s.idStation.startsWith(`${fiscalCode}_`) && s.auxDigit === auxDigit && s.creditors.includes(fiscalCode));
    if (own) {
      if (anyCode) delete own.codes;
      else if (own.codes && code !== undefined && !own.codes.includes(code)) own.codes.push(code);
      return;
    }
    let i = 1;
    while (this.stations.has(`${fiscalCode}_${String(i).padStart(2, '0')}`)) i++;
    this.stations.set(`${fiscalCode}_${String(i).padStart(2, '0')}`, {
      idStation: `${fiscalCode}_${String(i).padStart(2, '0')}`,
      enabled: true,
      creditors: [fiscalCode],
      auxDigit,
      ...(anyCode || code === undefined ? {} : { codes: [code] }),
    });
  }

  private stationFor(fiscalCode: string, noticeNumber: string): RegistryStation | undefined {
    const { aux, code } = stationCode(noticeNumber);
    return [...this.stations.values()].find((s) => s.auxDigit === aux && s.creditors.includes(fiscalCode) && (code === undefined || !s.codes || s.codes.includes(code)));
  }

  /**
   * The caller's identity, in the node's order: PSP unknown/disabled, broker unknown/disabled, channel
   * unknown/disabled, password of the channel (PPT_AUTENTICAZIONE), broker–channel pairing (PPT_AUTORIZZAZIONE,
   * "Configurazione intermediario-canale non corretta").
   */
  checkIdentity(id: NodeIdentity): NodeFault | undefined {
    const psp = this.psps.get(id.idPSP);
    if (!psp) return nodeFault('PPT_PSP_SCONOSCIUTO');
    if (!psp.enabled) return nodeFault('PPT_PSP_DISABILITATO');
    const broker = this.brokers.get(id.idBrokerPSP);
    if (!broker) return nodeFault('PPT_INTERMEDIARIO_PSP_SCONOSCIUTO');
    if (!broker.enabled) return nodeFault('PPT_INTERMEDIARIO_PSP_DISABILITATO');
    const channel = this.channels.get(id.idChannel);
    if (!channel) return nodeFault('PPT_CANALE_SCONOSCIUTO');
    if (!channel.enabled) return nodeFault('PPT_CANALE_DISABILITATO');
    if (channel.password !== id.password) return nodeFault('PPT_AUTENTICAZIONE');
    if (channel.idBrokerPSP !== id.idBrokerPSP) return nodeFault('PPT_AUTORIZZAZIONE', 'Configurazione intermediario-canale non corretta');
    return undefined;
  }

  /**
   * SANP: the idempotency key is `<CF_PSP>_<RANDOM>` (pagopa-psp.md §3.11); a key whose prefix is not the
   * calling PSP's fiscal code is a syntax error beyond the XSD (PPT_SINTASSI_EXTRAXSD). An unknown PSP is
   * left to checkIdentity (PPT_PSP_SCONOSCIUTO).
   */
  checkIdempotencyKey(idPSP: string, key: string | undefined): NodeFault | undefined {
    if (key === undefined) return undefined;
    const psp = this.psps.get(idPSP);
    if (!psp) return undefined;
    const prefix = KEY_PREFIX.exec(key)?.[1];
    return prefix === psp.fiscalCode ? undefined : nodeFault('PPT_SINTASSI_EXTRAXSD', `idempotencyKey: the prefix must be the PSP fiscal code ${psp.fiscalCode}`);
  }

  /** The notice's creditor and station (pagopa-psp.md §2.1 aux digit routing, §3.10 PPT_DOMINIO_*, PPT_STAZIONE_INT_PA_*). */
  checkNotice(fiscalCode: string, noticeNumber: string): NodeFault | undefined {
    const ec = this.creditors.get(fiscalCode);
    if (!ec) return nodeFault('PPT_DOMINIO_SCONOSCIUTO');
    if (!ec.enabled) return nodeFault('PPT_DOMINIO_DISABILITATO');
    const station = this.stationFor(fiscalCode, noticeNumber);
    if (!station)
      return nodeFault('PPT_STAZIONE_INT_PA_SCONOSCIUTA', `no station of ${fiscalCode} for aux digit ${noticeNumber[0] ?? ''}${/^[03]/.test(noticeNumber) ? ` code ${noticeNumber.slice(1, 3)}` : ''}`);
    if (!station.enabled) return nodeFault('PPT_STAZIONE_INT_PA_DISABILITATA');
    return undefined;
  }
}
