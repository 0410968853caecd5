// The terminal's configuration file (JSON). Every field has a default, so an empty file — or none —
// runs the whole terminal against the embedded node simulator and virtual devices (brief: "Embedded
// default"). Pointing at a real node or real devices is configuration only.
import { z } from 'zod';

const cents = z.number().int().nonnegative();

/** True for a host that never leaves the machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * A URL that carries secrets or code (the node, the update feed) must be https:// unless it stays on this
 * machine (issue #10 §4/§5): plain http would hand the password, the key or an installer to the network.
 */
const secureUrl = z
  .string()
  .url()
  .refine((u) => {
    try {
      const parsed = new URL(u);
      return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname));
    } catch {
      return false;
    }
  }, 'must be an https:// URL (plain http only on this machine: 127.0.0.1, ::1, localhost)');

export const nodeConfigSchema = z
  .object({
    /** SOAP endpoint, used exactly as given. null = the embedded node simulator. */
    url: secureUrl.nullable().default(null),
    subscriptionKey: z.string().min(1).optional(),
    idPSP: z.string().min(1).max(35).default('88888888888'),
    /**
     * The PSP's fiscal code: the prefix of every idempotency key (SANP `<CF_PSP>_<RANDOM>`, pagopa-psp.md
     * §3.11); the real node refuses any other prefix (PPT_SINTASSI_EXTRAXSD). null = idPSP, which is the
     * fiscal code for most PSPs.
     */
    pspFiscalCode: z
      .string()
      .regex(/^[a-zA-Z0-9]{2,18}$/)
      .nullable()
      .default(null),
    idBrokerPSP: z.string().min(1).max(35).default('88888888888'),
    idChannel: z.string().min(1).max(35).default('88888888888_01'),
    /** stPassword: 8..15 chars (nodeForPsp.xsd). */
    password: z.string().min(8).max(15).default('pwdpwdpwd'),
    /** SANP Indicatori di qualità: minimum waits 12 s (verify/activate) and 15 s (outcome). */
    timeouts: z
      .object({
        verifyMs: z.number().int().positive().default(12_000),
        activateMs: z.number().int().positive().default(12_000),
        outcomeMs: z.number().int().positive().default(15_000),
        /** demandPaymentNotice: at least 12 s, no automatic retry (pagopa-extra.md §e, issue #13). */
        demandMs: z.number().int().positive().default(12_000),
        /** nodoChiediCatalogoServizi: 15 s (pagopa-psp.md §3.11). */
        catalogueMs: z.number().int().positive().default(15_000),
      })
      .prefault({}),
    /** Use activatePaymentNotice/sendPaymentOutcome V1 instead of V2 (fallback for old channels). */
    apiVersion: z.enum(['v2', 'v1']).default('v2'),
    /** Payment token lifetime requested in activate (ms, ≤ 1800000 per stExpirationTime). */
    tokenExpirationMs: z.number().int().positive().max(1_800_000).default(1_800_000),
    tls: z.object({ caFile: z.string().optional(), certFile: z.string().optional(), keyFile: z.string().optional() }).prefault({}),
    /** How often the sync worker probes the node when it believes it is offline. */
    probeIntervalMs: z.number().int().positive().default(10_000),
    /**
     * Sanity ceiling on the amount of one notice as the node answers it (issue #10 §3): verify/activate
     * answers above it (or of 0) are refused before any money moves. Default €99.999,99.
     */
    maxNoticeAmountCents: z.number().int().positive().default(9_999_999),
  })
  .prefault({});

/**
 * MIL, the Multi-channel Integration Layer (issue #14, pagopa-extra.md §a): the terminal's own identity and
 * client credentials; the PSP's node credentials stay with pagoPA. Patterns from vendor/pagopa-mil/.
 */
export const milConfigSchema = z
  .object({
    /** mil-payment-notice base URL. null = the embedded MIL simulator. */
    url: secureUrl.nullable().default(null),
    /** mil-auth base URL (POST {authUrl}/token). null = the embedded simulator's, or `url` when that is set. */
    authUrl: secureUrl.nullable().default(null),
    acquirerId: z
      .string()
      .regex(/^\d{1,11}$/)
      .default('4585625'),
    channel: z.enum(['ATM', 'POS', 'TOTEM', 'CASH_REGISTER', 'CSA']).default('POS'),
    /** Mandatory when channel = POS (MIL CommonHeader). */
    merchantId: z
      .string()
      .regex(/^[0-9a-zA-Z]{1,15}$/)
      .nullable()
      .default('28405fHfk73x88D'),
    /** Unique per acquirer and channel. */
    terminalId: z
      .string()
      .regex(/^[0-9a-zA-Z]{1,8}$/)
      .default('0aB9wXyZ'),
    clientId: z.uuid().default('d0d654e6-97da-4848-b568-99fedccb642b'),
    /** A secret like node.password: never on the command line, masked by config/get. Default = the simulator's demo client. */
    clientSecret: z
      .string()
      .regex(/^[0-9a-zA-Z-]{36}$/)
      .default('265a5ac0-c651-428e-bed6-763f6cd244b5'),
    /** Optional `Version` header (semver). */
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/)
      .nullable()
      .default(null),
    timeouts: z
      .object({
        tokenMs: z.number().int().positive().default(10_000),
        verifyMs: z.number().int().positive().default(12_000),
        activateMs: z.number().int().positive().default(12_000),
        outcomeMs: z.number().int().positive().default(15_000),
      })
      .prefault({}),
    /** Renew the access token this long before it expires (at most half its lifetime). */
    tokenRefreshMarginMs: z.number().int().nonnegative().default(60_000),
  })
  .refine((m) => m.channel !== 'POS' || m.merchantId !== null, { message: 'merchantId is mandatory when channel is POS', path: ['merchantId'] })
  .prefault({});

/** Which pagoPA gateway the terminal talks to: nodeForPsp SOAP (`node`) or MIL (`mil`). */
export const upstreamConfigSchema = z.object({ kind: z.enum(['node', 'mil']).default('node'), mil: milConfigSchema }).prefault({});

export const pspConfigSchema = z
  .object({
    /** Printed on every receipt (SANP "Attestazione di pagamento": ragione sociale e codice fiscale del PSP). */
    name: z.string().min(1).default('Sportello Demo PSP S.p.A.'),
    fiscalCode: z.string().min(1).default('88888888888'),
  })
  .prefault({});

export const terminalConfigSchema = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9]{1,10}$/, 'letters and digits, at most 10')
      .default('T01'),
    mode: z.enum(['counter', 'kiosk']).default('counter'),
    location: z.string().default('Tabaccheria Demo, Via Roma 1, Roma'),
  })
  .prefault({});

/** Fee (commissione) in cents per payment method and terminal mode, shown before payment and sent in the outcome. */
export const feesConfigSchema = z
  .object({
    /**
     * Issue #12 §4, pagopa-extra.md §c. 'fixed': the per-method table below. 'node': the fee pagoPA's GEC
     * suggests in activatePaymentNoticeV2Response (suggestedUserFee, with suggestedPaFee and the bundle ids
     * sent back in the outcome's details); known only after activation, so the quote shows the table's fee
     * as provisional, and the table applies when the node suggests none (no bundle, apiVersion v1).
     */
    policy: z.enum(['fixed', 'node']).default('fixed'),
    /**
     * activatePaymentNoticeV2 touchPoint (stTouchpointFee), which GEC matches bundles on: null = by mode,
     * TS (tabaccheria) at a counter, ATM at a kiosk; PSP for a generic PSP branch (post office, bank).
     */
    touchPoint: z.enum(['TS', 'PSP', 'ATM', 'BETTING', 'POS']).nullable().default(null),
    counter: z.object({ cash: cents.default(200), card: cents.default(200) }).prefault({}),
    kiosk: z.object({ cash: cents.default(150), card: cents.default(150) }).prefault({}),
  })
  .prefault({});

/** Limits on a transaction (issue #12 §7). */
export const limitsConfigSchema = z
  .object({
    /**
     * Cash ceiling per transaction (amount + fee, a cart's total): above it cash is refused and the card
     * remains. Default €1.000,00, the practice of the Italian networks for cash.
     */
    cashMaxCents: cents.default(100_000),
  })
  .prefault({});

/** Optional payer data sent in sendPaymentOutcome details.payer (issue #12 §6, pagopa-extra.md §f). */
export const payerConfigSchema = z
  .object({
    /** A kiosk asks the citizen for payer data only when this is on (never required). Counters always offer it. */
    kioskAsks: z.boolean().default(false),
  })
  .prefault({});

export const offlineConfigSchema = z
  .object({
    /** Counters may accept payments while the node is unreachable; kiosks never by default. */
    counterEnabled: z.boolean().default(true),
    kioskEnabled: z.boolean().default(false),
    maxAmountCents: cents.default(100_000),
    maxTotalCents: cents.default(500_000),
    maxQueueAgeHours: z.number().positive().default(24),
    methods: z
      .array(z.enum(['cash', 'card']))
      .min(1)
      .default(['cash']),
  })
  .prefault({});

const transport = z.discriminatedUnion('type', [
  z.object({ type: z.literal('virtual') }),
  z.object({ type: z.literal('tcp'), host: z.string().min(1), port: z.number().int().min(1).max(65535) }),
  z.object({ type: z.literal('serial'), path: z.string().min(1), baudRate: z.number().int().positive().default(9600) }),
  z.object({ type: z.literal('file'), path: z.string().min(1) }),
  z.object({ type: z.literal('hid'), vendorId: z.number().int(), productId: z.number().int(), path: z.string().optional() }),
  z.object({ type: z.literal('wedge') }),
]);
export type TransportConfig = z.infer<typeof transport>;

export const devicesConfigSchema = z
  .object({
    printer: z
      .object({
        enabled: z.boolean().default(true),
        transport: transport.default({ type: 'virtual' }),
        /** Epson code table for Italian text and €: PC858 (ESC t 19) by default, WPC1252 (ESC t 16) as override. */
        codePage: z.enum(['pc858', 'wpc1252']).default('pc858'),
        paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
        /** Native GS ( k QR or a raster image (for clones that print GS ( k as garbage). */
        qrMode: z.enum(['native', 'raster']).default('native'),
        /** Use Automatic Status Back instead of polling DLE EOT. */
        asb: z.boolean().default(false),
        /** ESC t number override for clones that number code tables differently (pos-practice.md §4). */
        codeTable: z.number().int().min(0).max(255).optional(),
        /** Characters per line; default 48 (80 mm) or 32 (58 mm); 42 on 58 mm uses Font B. */
        columns: z.union([z.literal(32), z.literal(42), z.literal(48)]).optional(),
        /** 'none' for one-way clones that never answer DLE EOT: jobs then count as printed once written. */
        statusMode: z.enum(['query', 'none']).default('query'),
        /** How long to wait for the GS r completion barrier after a job (ms). */
        barrierTimeoutMs: z.number().int().positive().default(15_000),
        /** Receipt logo: a PNG printed as GS v 0 raster bands, at most widthDots (≤ printable width) wide. */
        logo: z.object({ file: z.string().min(1), widthDots: z.number().int().min(8).max(576).optional() }).optional(),
      })
      .prefault({}),
    drawer: z.object({ enabled: z.boolean().default(true), pin: z.union([z.literal(2), z.literal(5)]).default(2) }).prefault({}),
    terminal: z
      .object({
        enabled: z.boolean().default(true),
        protocol: z.literal('protocollo17').default('protocollo17'),
        transport: transport.default({ type: 'virtual' }),
        terminalId: z
          .string()
          .regex(/^\d{8}$/)
          .default('00000000'),
        cashRegisterId: z
          .string()
          .regex(/^\d{8}$/)
          .default('00000001'),
        /** Which framing bytes the LRC covers varies by firmware (pos-practice.md §3.1). */
        lrcMode: z.enum(['std', 'stx', 'noext', 'stx_noext']).default('std'),
        ackTimeoutMs: z.number().int().positive().default(2_000),
        /** Wait for a payment result; Adyen's local-terminal guidance is 120 s (pos-practice.md §3.2). */
        responseTimeoutMs: z.number().int().positive().default(120_000),
      })
      .prefault({}),
    scanners: z
      .array(z.object({ name: z.string().min(1), transport, prefix: z.string().default(''), suffix: z.string().default('\r') }))
      .default([{ name: 'wedge', transport: { type: 'wedge' }, prefix: '', suffix: '\r' }]),
    camera: z.object({ enabled: z.boolean().default(true) }).prefault({}),
  })
  .prefault({});

export const uiConfigSchema = z
  .object({
    language: z.enum(['it', 'en']).default('it'),
    /** Kiosk: seconds without input before a warning, then return to the start. */
    kioskIdleSeconds: z.number().int().positive().default(60),
    kioskIdleWarningSeconds: z.number().int().positive().default(15),
  })
  .prefault({});

/** Composition-root settings (src/main/app). */
export const appConfigSchema = z
  .object({
    /** Methods a kiosk offers: card only by default (no cash handling unattended). */
    kioskMethods: z
      .array(z.enum(['cash', 'card']))
      .min(1)
      .default(['card']),
    /** Notice verified by node/check (any node answer = reachable); null = the simulator's demo notice. */
    nodeCheckNotice: z
      .object({ fiscalCode: z.string().regex(/^\d{11}$/), noticeNumber: z.string().regex(/^\d{18}$/) })
      .nullable()
      .default(null),
  })
  .prefault({});

/** Spontaneous payments (issue #13): bollo auto and other catalogue services collected with demandPaymentNotice. */
export const spontaneousConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /**
     * The terminal's region: the idDominio (the Region's fiscal code) whose bollo service the counter and the
     * kiosk preselect. null = none preselected. Default: Regione Lazio (the demo terminal is in Rome).
     */
    regionIdDominio: z.string().min(1).max(35).nullable().default('80143490581'),
    /** The service forms (catalogue xsdRiferimento) this terminal collects; each must have a form definition. */
    forms: z.array(z.string().min(1).max(35)).default(['TassaAutomobilistica_1_1_0', 'PermessoSostaResidenti_1_0_0']),
    /** The catalogue is refreshed at start and then every this many hours (SANP: published daily). */
    refreshHours: z.number().positive().default(24),
    /** A stored catalogue older than this is stale: no demand until it has been refreshed. */
    staleAfterHours: z.number().positive().default(72),
  })
  .prefault({});

/** Auto-update of the Electron shell (electron-updater, generic provider; pos-practice.md §6 "Auto-update"). */
export const updateConfigSchema = z
  .object({
    /** Off by default: a fleet opts in per site. */
    enabled: z.boolean().default(false),
    /** latest.yml or beta.yml on the update server. */
    channel: z.enum(['latest', 'beta']).default('latest'),
    /** Generic-provider base URL; overrides electron.builder.yml `publish` (pin a site with a per-site path). */
    url: secureUrl.optional(),
    checkIntervalMinutes: z.number().int().positive().default(240),
  })
  .prefault({});

export const configSchema = z
  .object({
    dataDir: z.string().optional(),
    terminal: terminalConfigSchema,
    psp: pspConfigSchema,
    node: nodeConfigSchema,
    upstream: upstreamConfigSchema,
    fees: feesConfigSchema,
    limits: limitsConfigSchema,
    payer: payerConfigSchema,
    offline: offlineConfigSchema,
    devices: devicesConfigSchema,
    ui: uiConfigSchema,
    app: appConfigSchema,
    update: updateConfigSchema,
    spontaneous: spontaneousConfigSchema,
  })
  .strict();

export type SportelloConfig = z.infer<typeof configSchema>;
export type NodeConfig = SportelloConfig['node'];
export type MilConfig = SportelloConfig['upstream']['mil'];
export type DevicesConfig = SportelloConfig['devices'];
export type UpdateConfig = SportelloConfig['update'];
