// Telling device and subscriber identifiers apart by their shape.
//   IMEI   15 digits, last one a Luhn check digit (IMEISV: 16 digits, no check digit).
//   IMSI   14-15 digits starting with a mobile country code (MCC 2xx-7xx; 001 and 901 are test
//          and international codes). No check digit.
//   ICCID  19-20 digits starting with 89 (telecom industry identifier), Luhn check digit.

/** The Luhn check digit that completes `digits` (which must not yet contain it). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    // Double every second digit counting from the right of the final number (check digit excluded).
    let value = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 0) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
  }
  return (10 - (sum % 10)) % 10;
}

export function passesLuhn(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}

export function startsWithPlausibleMcc(digits: string): boolean {
  return /^[2-7]\d\d/.test(digits) || digits.startsWith('001') || digits.startsWith('901');
}

export function looksLikeIccid(value: string): boolean {
  return /^89\d{17,18}$/.test(value);
}

export function looksLikeImsi(value: string): boolean {
  return /^\d{14,15}$/.test(value) && startsWithPlausibleMcc(value);
}

export function looksLikeImei(value: string): boolean {
  return /^\d{15}$/.test(value) && passesLuhn(value);
}
