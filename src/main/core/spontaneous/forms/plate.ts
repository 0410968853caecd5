// Italian number plates for the car tax (issue #13 §2). The XSD (TassaAutomobilistica_1_1_0.xsd, stTarga)
// only bounds the length (7..8) and names the vehicle types (stTipoVeicoloTarga: 1 autoveicoli, 2 rimorchi,
// 4 motoveicolo); the formats people carry are the ones the Motorizzazione issues:
//   - cars since 1994: AA 999 AA (two letters, three digits, two letters);
//   - trailers since 1994: XA 999 AA (like a car plate, always starting with X);
//   - motorcycles since 1999: AA 99999 (two letters, five digits);
//   - before 1994 (cars, trailers): the province's initials then digits/letters, e.g. RM 123456, MI A12345.
// The letters I, O, Q and U are never issued in the current series (they look like 1, 0, 0 and V).
import type { FieldError, Text } from './form';

export const VEHICLE_TYPES = [
  { value: '1', label: { it: 'Autoveicolo (auto, autocarro, camper)', en: 'Motor vehicle (car, van, camper)' } },
  { value: '2', label: { it: 'Rimorchio o semirimorchio', en: 'Trailer or semi-trailer' } },
  { value: '4', label: { it: 'Motoveicolo (moto, scooter sopra 50 cc)', en: 'Motorcycle (motorbike, scooter over 50 cc)' } },
] as const satisfies readonly { value: string; label: Text }[];

export type VehicleType = (typeof VEHICLE_TYPES)[number]['value'];

const PROVINCES = new Set(
  (
    'AG AL AN AO AP AQ AR AT AV BA BG BI BL BN BO BR BS BT BZ CA CB CE CH CL CN CO CR CS CT CZ EN FC FE FG FI FM FO FR GE GO GR IM IS KR LC LE LI LO LT LU ' +
    'MB MC ME MI MN MO MS MT NA NO NU OR PA PC PD PE PG PI PN PO PR PS PT PU PV PZ RA RC RE RG RI RM RN RO SA SI SO SP SR SS SU SV TA TE TN TO TP TR TS TV UD VA VB VC VE VI VR VT VV'
  ).split(' '),
);

const CURRENT = '[A-HJ-NPR-TV-Z]';
const CAR = new RegExp(`^${CURRENT}{2}[0-9]{3}${CURRENT}{2}$`);
const TRAILER = new RegExp(`^X${CURRENT}[0-9]{3}${CURRENT}{2}$`);
const MOTO = new RegExp(`^${CURRENT}{2}[0-9]{5}$`);
/** Provincial series before 1994: initials + 5..6 characters, mostly digits. */
function oldProvincial(p: string): boolean {
  const prov = p.slice(0, 2);
  const rest = p.slice(2);
  return PROVINCES.has(prov) && /^[0-9A-Z]{5,6}$/.test(rest) && (rest.match(/[0-9]/g)?.length ?? 0) >= 4;
}

/** What the citizen typed, as a plate: upper case, no spaces, dots or dashes. */
export function normalizePlate(raw: string): string {
  return raw.toUpperCase().replace(/[\s.\-·]/g, '');
}

const err = (code: string, it: string, en: string, field = 'plate'): FieldError => ({ field, code, message: { it, en } });

export function vehicleTypeError(type: string): FieldError | null {
  if (VEHICLE_TYPES.some((v) => v.value === type)) return null;
  return err(
    'vehicle-type',
    'Tipo di veicolo non valido: scegli 1 (autoveicolo), 2 (rimorchio) o 4 (motoveicolo).',
    'Invalid vehicle type: choose 1 (motor vehicle), 2 (trailer) or 4 (motorcycle).',
    'vehicleType',
  );
}

/** The first mistake in `plate` (already normalised) for `type`, or null when it is a plate of that type. */
export function plateError(plate: string, type: string): FieldError | null {
  if (plate === '') return err('plate-empty', 'Scrivi la targa del veicolo.', 'Type the vehicle’s number plate.');
  if (!/^[A-Z0-9]+$/.test(plate))
    return err('plate-characters', 'La targa contiene solo lettere e cifre (niente simboli o lettere accentate).', 'A plate holds only letters and digits (no symbols or accented letters).');
  const n = plate.length;
  if (n <= 6)
    return n === 6
      ? err(
          'plate-moped',
          'Targa di 6 caratteri: è la targa di un ciclomotore, che non paga il bollo qui. Le targhe di auto, moto e rimorchi hanno 7 o 8 caratteri.',
          'A 6-character plate belongs to a moped, which does not pay the car tax here. Car, motorcycle and trailer plates have 7 or 8 characters.',
        )
      : err('plate-too-short', `Targa troppo corta (${n} caratteri): ne servono 7 o 8, per esempio AB123CD.`, `Plate too short (${n} characters): it needs 7 or 8, e.g. AB123CD.`);
  if (n > 8) return err('plate-too-long', `Targa troppo lunga (${n} caratteri): ne servono 7 o 8, per esempio AB123CD.`, `Plate too long (${n} characters): it needs 7 or 8, e.g. AB123CD.`);
  if (type === '1') {
    if (CAR.test(plate) || oldProvincial(plate)) {
      if (TRAILER.test(plate)) return err('plate-is-trailer', 'Questa è una targa da rimorchio (inizia con X): scegli «Rimorchio».', 'This is a trailer plate (it starts with X): choose “Trailer”.');
      return null;
    }
    if (MOTO.test(plate)) return err('plate-is-moto', 'Questa sembra una targa da moto (AB12345): scegli «Motoveicolo».', 'This looks like a motorcycle plate (AB12345): choose “Motorcycle”.');
    return formatError(plate, 'plate-format-car', 'autoveicolo: due lettere, tre cifre, due lettere (AB123CD)', 'motor vehicle: two letters, three digits, two letters (AB123CD)');
  }
  if (type === '2') {
    if (TRAILER.test(plate) || oldProvincial(plate)) return null;
    if (CAR.test(plate))
      return err(
        'plate-is-car',
        'Le targhe dei rimorchi iniziano con X (XA123BC): questa è una targa da auto, scegli «Autoveicolo».',
        'Trailer plates start with X (XA123BC): this is a car plate, choose “Motor vehicle”.',
      );
    return formatError(plate, 'plate-format-trailer', 'rimorchio: X, una lettera, tre cifre, due lettere (XA123BC)', 'trailer: X, a letter, three digits, two letters (XA123BC)');
  }
  if (type === '4') {
    if (MOTO.test(plate)) return null;
    if (CAR.test(plate)) return err('plate-is-car', 'Questa sembra una targa da auto (AB123CD): scegli «Autoveicolo».', 'This looks like a car plate (AB123CD): choose “Motor vehicle”.');
    return formatError(plate, 'plate-format-moto', 'motoveicolo: due lettere e cinque cifre (AB12345)', 'motorcycle: two letters and five digits (AB12345)');
  }
  return vehicleTypeError(type);
}

function formatError(plate: string, code: string, itShape: string, enShape: string): FieldError {
  // The commonest slip: O for 0 or I for 1 (never issued in the current series).
  if (/[IOQU]/.test(plate))
    return err(
      'plate-letters-ioqu',
      `Le lettere I, O, Q e U non si usano nelle targhe: forse è la cifra 0 o 1? Formato atteso per ${itShape}.`,
      `The letters I, O, Q and U are not used on plates: is it the digit 0 or 1? Expected for a ${enShape}.`,
    );
  return err(code, `Targa non valida per ${itShape}.`, `Not a valid plate for a ${enShape}.`);
}
