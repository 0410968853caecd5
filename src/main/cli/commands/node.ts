// `sportello node verify`: the technician's connectivity check (issue #3 §3). One verifyPaymentNotice
// (or verificaBollettino with --cc-post) against the configured node, or against the embedded simulator
// when no node URL is configured. Exit 0 whenever the node answered (OK or KO). With --upstream mil (or
// upstream.kind "mil" in the configuration) the same check goes through MIL (issue #14): the embedded MIL
// simulator when no MIL URL is configured; the output says which upstream answered.
import { faultCategory, nodeFaultMessage } from '../../../common/node-faults';
import { loadConfig } from '../../core/config/load';
import { NodeCallError, NodeConfigError, NodeRequestError } from '../../core/node/errors';
import { parseNoticeCode } from '../../../common/notice';
import { createMilClientFromConfig, upstreamSettingsFromFlags } from '../../core/mil/from-config';
import { createNodeClientFromConfig, nodeSettingsFromFlags } from '../../core/node/from-config';
import type { KO, VerifyOk } from '../../core/node/types';
import { startMilSimulator, type MilSimulator } from '../../mil-sim/simulator';
import { startNodeSimulator, type NodeSimulator } from '../../node-sim/simulator';
import { NODE_FLAGS, milSecrets, nodeSecrets, parseCliArgs, requireString } from '../args';
import { CliError, printJson, type CliCommand, type CliIo } from '../command';
import type { SportelloConfig } from '../../core/config/schema';

const USAGE = `Usage: sportello node verify --notice <18 digits> --ec <11 digits> | --qr PAYLOAD [--cc-post <12 digits>] [--lang it|en]
                             [--config FILE] [--node-url URL] [--subscription-key-file FILE]
                             [--psp ID] [--broker ID] [--channel ID] [--password-file FILE]
                             [--upstream node|mil] [--mil-url URL] [--mil-auth-url URL] [--acquirer ID] [--merchant ID]
                             [--terminal-id ID] [--mil-channel POS|ATM|TOTEM|CASH_REGISTER|CSA] [--mil-client-id UUID]
                             [--mil-client-secret-file FILE]

Calls verifyPaymentNotice (verificaBollettino with --cc-post) and prints one JSON object:
  OK: {"outcome","amountCents","companyName","description","fiscalCode","noticeNumber","dueDate"?}
  KO: {"outcome","faultCode","originalFaultCode"?,"category","message"}
"message" is in English, like every CLI message; --lang it gives the wording the clerk reads in Italian.
Both carry "upstream" ("node" or "mil") and "endpoint" (which one answered).
Exit 0 when the node answered (OK or KO); 1 when it could not be reached or answered garbage; 2 for bad input.
Without --node-url and without node.url in the configuration, the embedded simulator (default seed) answers.
With --upstream mil (or --mil-url) the check goes through MIL: GET /paymentNotices (by QR code with --qr);
without a MIL URL the embedded MIL simulator answers, in front of the node above. The MIL client secret comes
from upstream.mil.clientSecret, SPORTELLO_MIL_CLIENT_SECRET or --mil-client-secret-file, never a flag.
`;

export const nodeCommand: CliCommand = {
  name: 'node',
  summary: 'Talk to the pagoPA node (node verify: the technician check)',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'verify') throw new CliError(sub ? `unknown sub-command "node ${sub}" (see sportello node --help)` : 'missing sub-command (see sportello node --help)');
    const { values } = parseCliArgs(
      rest,
      { ...NODE_FLAGS, notice: { type: 'string' }, ec: { type: 'string' }, qr: { type: 'string' }, 'cc-post': { type: 'string' }, lang: { type: 'string' } },
      false,
    );
    let qr: string | undefined;
    if (typeof values.qr === 'string') {
      // The QR text gives the notice and the creditor; MIL is asked by QR code.
      try {
        const parsed = parseNoticeCode(values.qr);
        qr = values.qr.trim();
        values.notice = parsed.noticeNumber;
        values.ec = parsed.fiscalCode;
      } catch (e) {
        throw new CliError(`--qr: ${(e as Error).message}`);
      }
    }
    const notice = requireString(values.notice, 'notice').replace(/\s+/g, '');
    if (!/^\d{18}$/.test(notice)) throw new CliError('--notice must be 18 digits (stNoticeNumber)');
    const ccPost = typeof values['cc-post'] === 'string' ? values['cc-post'] : undefined;
    if (ccPost !== undefined && !/^\d{12}$/.test(ccPost)) throw new CliError('--cc-post must be 12 digits (stPostalAccount)');
    const ec = ccPost === undefined ? requireString(values.ec, 'ec') : typeof values.ec === 'string' ? values.ec : undefined;
    if (ec !== undefined && !/^\d{11}$/.test(ec)) throw new CliError('--ec must be 11 digits (stFiscalCodePA)');
    const config = loadConfig(typeof values.config === 'string' ? values.config : undefined);
    // The CLI speaks English (issue #11 §11: one language); --lang it shows the Italian wording a clerk reads.
    const lang = values.lang === 'en' || values.lang === 'it' ? values.lang : values.lang === undefined ? 'en' : undefined;
    if (!lang) throw new CliError('--lang must be it or en');
    const settings = nodeSettingsFromFlags(config, { ...values, ...nodeSecrets(values, io.env) });
    const upstream = upstreamSettingsFromFlags(config, { ...values, ...milSecrets(values, io.env) });
    if (upstream.kind === 'mil') {
      if (ccPost !== undefined) throw new CliError('--cc-post: verificaBollettino is not offered by MIL (use --upstream node)');
      return verifyThroughMil({ ...config, node: settings, upstream }, { fiscalCode: ec as string, noticeNumber: notice, ...(qr ? { qrPayload: qr } : {}) }, lang, io);
    }

    let sim: NodeSimulator | undefined;
    if (!settings.url) {
      sim = await startNodeSimulator({
        seed: 'default',
        identity: { idPSP: settings.idPSP, idBrokerPSP: settings.idBrokerPSP, idChannel: settings.idChannel, password: settings.password },
        ...(settings.subscriptionKey ? { subscriptionKey: settings.subscriptionKey } : {}),
      });
    }
    let client;
    try {
      client = createNodeClientFromConfig(settings, sim ? { embeddedUrl: sim.soapUrl } : {});
    } catch (e) {
      await sim?.close();
      if (e instanceof NodeConfigError) throw new CliError(e.message);
      throw e;
    }
    try {
      const r = ccPost !== undefined ? await client.verificaBollettino({ ccPost, noticeNumber: notice }) : await client.verifyPaymentNotice({ fiscalCode: ec as string, noticeNumber: notice });
      printJson(io, answerJson(r, { upstream: 'node', endpoint: sim ? 'embedded simulator' : new URL(settings.url as string).origin }, ec, notice, lang));
      return 0;
    } catch (e) {
      if (e instanceof NodeCallError) throw new CliError(`node not reachable or answered garbage: ${e.kind}: ${e.message}`, 1);
      if (e instanceof NodeRequestError) throw new CliError(e.message);
      throw e;
    } finally {
      await client.close();
      await sim?.close();
    }
  },
};

type Answered = { upstream: 'node' | 'mil'; endpoint: string };

function answerJson(r: VerifyOk | KO, by: Answered, ec: string | undefined, notice: string, lang: 'it' | 'en'): Record<string, unknown> {
  if (r.outcome === 'OK')
    return {
      outcome: 'OK',
      amountCents: r.amountCents,
      companyName: r.companyName,
      description: r.paymentDescription,
      fiscalCode: r.fiscalCodePA ?? ec,
      noticeNumber: notice,
      ...(r.dueDate ? { dueDate: r.dueDate } : {}),
      ...by,
    };
  return {
    outcome: 'KO',
    faultCode: r.fault.faultCode,
    ...(r.fault.originalFaultCode ? { originalFaultCode: r.fault.originalFaultCode } : {}),
    category: faultCategory(r.fault),
    message: nodeFaultMessage(r.fault, lang, 'clerk'),
    ...by,
  };
}

/** The MIL path: the configured MIL, or the embedded MIL simulator in front of the configured (or embedded) node. */
async function verifyThroughMil(config: SportelloConfig, req: { fiscalCode: string; noticeNumber: string; qrPayload?: string }, lang: 'it' | 'en', io: CliIo): Promise<number> {
  const m = config.upstream.mil;
  let nodeSim: NodeSimulator | undefined;
  let milSim: MilSimulator | undefined;
  let client;
  try {
    if (m.url === null) {
      if (config.node.url === null)
        nodeSim = await startNodeSimulator({
          seed: 'default',
          identity: { idPSP: config.node.idPSP, idBrokerPSP: config.node.idBrokerPSP, idChannel: config.node.idChannel, password: config.node.password },
        });
      milSim = await startMilSimulator({
        nodeUrl: config.node.url ?? (nodeSim as NodeSimulator).soapUrl,
        nodeIdentity: { idPSP: config.node.idPSP, idBrokerPSP: config.node.idBrokerPSP, idChannel: config.node.idChannel, password: config.node.password },
        ...(config.node.subscriptionKey ? { nodeSubscriptionKey: config.node.subscriptionKey } : {}),
      });
    }
    client = createMilClientFromConfig(config, milSim ? { embedded: { url: milSim.url, authUrl: milSim.authUrl } } : {});
  } catch (e) {
    await milSim?.close();
    await nodeSim?.close();
    if (e instanceof NodeConfigError) throw new CliError(e.message);
    throw e;
  }
  try {
    const r = await client.verifyPaymentNotice(req);
    printJson(io, answerJson(r, { upstream: 'mil', endpoint: milSim ? 'embedded MIL simulator' : new URL(m.url as string).origin }, req.fiscalCode, req.noticeNumber, lang));
    return 0;
  } catch (e) {
    if (e instanceof NodeCallError) throw new CliError(`MIL not reachable, refused the terminal or answered garbage: ${e.kind}: ${e.message}`, 1);
    throw e;
  } finally {
    await client.close();
    await milSim?.close();
    await nodeSim?.close();
  }
}
