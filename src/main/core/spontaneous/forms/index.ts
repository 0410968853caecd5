// The service forms this build knows (issue #13 §4). The configuration (`spontaneous.forms`) says which of
// them a terminal collects; a catalogue entry is collectable when a known, enabled form serves its xsdRiferimento.
import type { ServiceForm } from './form';
import { permessoSostaForm } from './permesso-sosta';
import { tassaAutomobilisticaForm } from './tassa-automobilistica';

export type { FieldError, FormField, FormOption, FormValues, ServiceForm, Text } from './form';

export const SERVICE_FORMS: readonly ServiceForm[] = [tassaAutomobilisticaForm, permessoSostaForm];

const bare = (x: string) => x.trim().replace(/\.xsd$/i, '');

/** The form serving a catalogue entry's xsdRiferimento (with or without `.xsd`), among `enabled` ones. */
export function formFor(xsdRiferimento: string, enabled?: readonly string[]): ServiceForm | undefined {
  const name = bare(xsdRiferimento);
  const f = SERVICE_FORMS.find((x) => bare(x.xsdRiferimento) === name);
  if (!f) return undefined;
  return enabled === undefined || enabled.map(bare).includes(name) ? f : undefined;
}
