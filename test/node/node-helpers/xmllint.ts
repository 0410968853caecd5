// Runs `xmllint --noout --schema` on many body files at once and reports valid/invalid per file.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The vendored official schema (vendor/pagopa-api, see its SOURCE.md): repository-relative, no sibling checkout. */
export const NODE_FOR_PSP_XSD = path.resolve(import.meta.dirname, '..', '..', '..', 'vendor', 'pagopa-api', 'wsdl', 'xsd', 'nodeForPsp.xsd');

/** Extracts the element inside soapenv:Body (it declares its own namespace, so it stands alone). */
export function bodyOf(envelope: string): string {
  const m = /<([A-Za-z_][\w.-]*:)?Body>([\s\S]*)<\/\1?Body>/.exec(envelope);
  if (!m) throw new Error('no Body in envelope');
  return (m[2] as string).trim();
}

/** Validates each XML text against nodeForPsp.xsd with xmllint; true = valid. */
export async function xmllintValidate(docs: string[], schema = NODE_FOR_PSP_XSD): Promise<boolean[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xsd-'));
  try {
    const files = docs.map((d, i) => {
      const f = path.join(dir, `doc${i}.xml`);
      fs.writeFileSync(f, d);
      return f;
    });
    const stderr = await new Promise<string>((resolve) => {
      execFile('xmllint', ['--noout', '--schema', schema, ...files], { maxBuffer: 64 * 1024 * 1024 }, (_err, _out, err) => resolve(String(err)));
    });
    return files.map((f) => {
      if (stderr.includes(`${f} validates`)) return true;
      if (stderr.includes(`${f} fails to validate`) || stderr.includes(`${f}:`)) return false;
      throw new Error(`xmllint said nothing about ${f}: ${stderr.slice(0, 500)}`);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
