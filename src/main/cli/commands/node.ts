// `sportello node verify`: the technician's connectivity check (issue #3 §3). One verifyPaymentNotice
// (or verificaBollettino with --cc-post) against the configured node, or against the embedded simulator
// when no node URL is configured. Exit 0 whenever the node answered (OK or KO).
import { faultCategory, nodeFaultMessage } from '../../../common/node-faults';
import { loadConfig } from '../../core/config/load';
import { NodeCallError, NodeConfigError, NodeRequestError } from '../../core/node/errors';
import { createNodeClientFromConfig, nodeSettingsFromFlags } from '../../core/node/from-config';
import { startNodeSimulator, type NodeSimulator } from '../../node-sim/simulator';
import { NODE_FLAGS, nodeSecrets, parseCliArgs, requireString } from '../args';
import { CliError, printJson, type CliCommand } from '../command';

const USAGE = `Usage: sportello node verify --notice <18 digits> --ec <11 digits> [--cc-post <12 digits>] [--lang it|en]
                             [--config FILE] [--node-url URL] [--subscription-key-file FILE]
                             [--psp ID] [--broker ID] [--channel ID] [--password-file FILE]

Calls verifyPaymentNotice (verificaBollettino with --cc-post) and prints one JSON object:
  OK: {"outcome","amountCents","companyName","description","fiscalCode","noticeNumber","dueDate"?}
  KO: {"outcome","faultCode","originalFaultCode"?,"category","message"}
Exit 0 when the node answered (OK or KO); 1 when it could not be reached or answered garbage; 2 for bad input.
Without --node-url and without node.url in the configuration, the embedded simulator (default seed) answers.
`;

export const nodeCommand: CliCommand = {
  name: 'node',
  summary: 'Talk to the pagoPA node (node verify: the technician check)',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'verify') throw new CliError(sub ? `unknown sub-command "node ${sub}" (see sportello node --help)` : 'missing sub-command (see sportello node --help)');
    const { values } = parseCliArgs(rest, { ...NODE_FLAGS, notice: { type: 'string' }, ec: { type: 'string' }, 'cc-post': { type: 'string' }, lang: { type: 'string' } }, false);
    const notice = requireString(values.notice, 'notice').replace(/\s+/g, '');
    if (!/^\d{18}$/.test(notice)) throw new CliError('--notice must be 18 digits (stNoticeNumber)');
    const ccPost = typeof values['cc-post'] === 'string' ? values['cc-post'] : undefined;
    if (ccPost !== undefined && !/^\d{12}$/.test(ccPost)) throw new CliError('--cc-post must be 12 digits (stPostalAccount)');
    const ec = ccPost === undefined ? requireString(values.ec, 'ec') : typeof values.ec === 'string' ? values.ec : undefined;
    if (ec !== undefined && !/^\d{11}$/.test(ec)) throw new CliError('--ec must be 11 digits (stFiscalCodePA)');
    const config = loadConfig(typeof values.config === 'string' ? values.config : undefined);
    const lang = values.lang === 'en' || values.lang === 'it' ? values.lang : values.lang === undefined ? config.ui.language : undefined;
    if (!lang) throw new CliError('--lang must be it or en');
    const settings = nodeSettingsFromFlags(config, { ...values, ...nodeSecrets(values, io.env) });

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
      if (r.outcome === 'OK') {
        printJson(io, {
          outcome: 'OK',
          amountCents: r.amountCents,
          companyName: r.companyName,
          description: r.paymentDescription,
          fiscalCode: r.fiscalCodePA ?? ec,
          noticeNumber: notice,
          ...(r.dueDate ? { dueDate: r.dueDate } : {}),
        });
      } else {
        const category = faultCategory(r.fault);
        printJson(io, {
          outcome: 'KO',
          faultCode: r.fault.faultCode,
          ...(r.fault.originalFaultCode ? { originalFaultCode: r.fault.originalFaultCode } : {}),
          category,
          message: nodeFaultMessage(r.fault, lang, 'clerk'),
        });
      }
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
