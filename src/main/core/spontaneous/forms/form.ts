// What one catalogue service needs to be collected (issue #13 §4): its fields (as the screens show them),
// their validation with a message per mistake in Italian and English, the builder of the service-specific
// XML and the XSD that XML must satisfy. Adding a service = one ServiceForm + its name in the
// configuration (`spontaneous.forms`); the engine, the screens and the CLI stay as they are.
import type { ServiceSchema } from '../../node/service-xsd';

export type Text = { readonly it: string; readonly en: string };

export type FormOption = { readonly value: string; readonly label: Text };

export type FormField = {
  readonly id: string;
  readonly label: Text;
  readonly hint?: Text;
  /** 'choice': one of `options`; 'text': free text the form normalises (e.g. upper case, no spaces). */
  readonly kind: 'choice' | 'text';
  readonly options?: readonly FormOption[];
  readonly maxLength?: number;
  /** Which on-screen keyboard suits it at the kiosk. */
  readonly keyboard?: 'alphanumeric' | 'digits';
  /** The CLI flag that carries it (`--plate`, `--vehicle-type`). */
  readonly cliFlag: string;
  /** Printed on the receipt (with its label). */
  readonly onReceipt: boolean;
};

export type FieldError = { readonly field: string; readonly code: string; readonly message: Text };

export type FormValues = Readonly<Record<string, string>>;

export type ServiceForm = {
  /** The catalogue's xsdRiferimento this form serves (with or without `.xsd`). */
  readonly xsdRiferimento: string;
  readonly title: Text;
  readonly fields: readonly FormField[];
  readonly schema: ServiceSchema;
  /** Trims, upper-cases, drops separators: what the citizen means, before validation. */
  normalize(values: FormValues): Record<string, string>;
  /** Every mistake, each with its own message; [] = valid. Runs on normalised values. */
  validate(values: FormValues): FieldError[];
  /** The service-specific XML (a whole document), only for values validate() accepted. */
  buildXml(values: FormValues): string;
  /** One line that identifies the request to people (e.g. the plate). */
  summary(values: FormValues): string;
};

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
