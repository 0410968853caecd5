// The revenue stamps (marcheDaBollo) of a sendPaymentOutcomeV2: each MBDAttachment is a base64 marcaDaBollo
// document of xsd-common/MarcaDaBollo.xsd. The node validates it against that schema before looking at the
// tokens, and a document that fails (an empty attachment included) is PPT_SINTASSI_XSD "Errore validazione
// marca da bollo" (node test suite, pagopa-psp.md §6 [S10]: MBD/primitives/sendPaymentOutcomeV2_MBDSyntaxCheck
// and NewMod1/primitives/sendPaymentOutcomeV2_syntax "MBDAttachment Empty --> PPT_SINTASSI_XSD"). Bad base64
// is already refused by nodeForPsp.xsd (PPT_SINTASSI_EXTRAXSD). Checked here: the root element and the
// sequence of its required children (PSP, IUBD, OraAcquisto, Importo, TipoBollo, ImprontaDocumento).
import type { NodeFault } from '../core/node/types';
import { nodeFault } from './fault-codes';
import { parseXmlTree, type XmlEl } from './xml-tree';

const NS_MBD = 'http://www.agenziaentrate.gov.it/2014/MarcaDaBollo';
const REQUIRED = ['PSP', 'IUBD', 'OraAcquisto', 'Importo', 'TipoBollo', 'ImprontaDocumento'];

function validMarca(base64: string): boolean {
  const xml = Buffer.from(base64.replace(/[\t\n\r ]/g, ''), 'base64').toString('utf8');
  if (xml.trim() === '') return false;
  let root: XmlEl;
  try {
    root = parseXmlTree(xml);
  } catch {
    return false;
  }
  if (root.local !== 'marcaDaBollo' || root.ns !== NS_MBD) return false;
  const names = root.children.filter((c) => c.ns === NS_MBD).map((c) => c.local);
  if (names.slice(0, REQUIRED.length).join() !== REQUIRED.join()) return false;
  return root.children.filter((c) => ['IUBD', 'OraAcquisto', 'Importo', 'TipoBollo'].includes(c.local)).every((c) => c.text.trim() !== '');
}

/** The first invalid revenue stamp of an (XSD-valid) sendPaymentOutcomeV2Request, as the node's fault. */
export function checkMarcheDaBollo(req: XmlEl): NodeFault | undefined {
  const details = req.children.find((c) => c.local === 'details');
  const list = details?.children.find((c) => c.local === 'marcheDaBollo');
  for (const m of list?.children ?? []) {
    const att = m.children.find((c) => c.local === 'MBDAttachment');
    if (!att || !validMarca(att.text)) return nodeFault('PPT_SINTASSI_XSD', 'Errore validazione marca da bollo');
  }
  return undefined;
}
