// Pure logic behind the hand-made form widgets: GUID generator, ISO-8601 duration input,
// base64/hex/text blob editor, SSID name <-> hex. No DOM, no Node: the renderer and the tests
// call these directly.
import { durationSeconds } from '../schema-model/queries';
import { placeholderKind } from '../schema-model/placeholders';

// ---------------------------------------------------------------------------------------------
// GUID

export const GUID_PATTERN = /^\{[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}$/;

/** A random (version 4) GUID in braces, upper-case, as Windows writes them. */
export function newGuid(randomBytes: (length: number) => Uint8Array): string {
  const bytes = randomBytes(16);
  if (bytes.length !== 16) throw new Error('need 16 random bytes');
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('').toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}}`;
}

export function isGuid(value: string): boolean {
  return GUID_PATTERN.test(value.trim());
}

/** The schema documentation's example CarrierId, which people copy: the GUID widget offers to replace it too. */
const DOCUMENTATION_EXAMPLE_GUID = '{00000000-1111-2222-3333-444444444444}';

/** True for the nil GUID the blank file and the templates carry as a placeholder (placeholders.ts), or the documentation's example. */
export function isPlaceholderGuid(value: string): boolean {
  return placeholderKind(value) === 'zeroGuid' || value.trim() === DOCUMENTATION_EXAMPLE_GUID;
}

/** Accepts a GUID pasted with or without braces and normalises it to `{…}`; null when it is not one. */
export function normaliseGuid(value: string): string | null {
  const trimmed = value.trim().replace(/^\{?/, '{').replace(/\}?$/, '}');
  return GUID_PATTERN.test(trimmed) ? trimmed : null;
}

// ---------------------------------------------------------------------------------------------
// ISO 8601 durations (the day-time subset the schemas use for Delay and RetryInterval)

export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Parses `PnDTnHnMnS` (years and months are refused: they have no fixed length). Null when it is not one. */
export function parseDuration(value: string): DurationParts | null {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value.trim());
  if (!match || value.trim() === 'P' || value.trim().endsWith('T')) return null;
  return { days: Number(match[1] ?? 0), hours: Number(match[2] ?? 0), minutes: Number(match[3] ?? 0), seconds: Number(match[4] ?? 0) };
}

/** The shortest canonical form: `PT0S` for zero, `PT1H30M`, `P1DT2H`. */
export function formatDuration(parts: DurationParts): string {
  const total = partsToSeconds(parts);
  if (!Number.isFinite(total) || total < 0) throw new Error('negative or invalid duration');
  let rest = Math.floor(total);
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  let time = '';
  if (hours) time += `${hours}H`;
  if (minutes) time += `${minutes}M`;
  if (seconds) time += `${seconds}S`;
  if (!days && !time) return 'PT0S';
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

export function partsToSeconds(parts: DurationParts): number {
  return parts.days * 86400 + parts.hours * 3600 + parts.minutes * 60 + parts.seconds;
}

export function secondsToParts(total: number): DurationParts {
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  return { days, hours, minutes, seconds: total % 60 };
}

export interface DurationLimits {
  minInclusive?: string;
  maxInclusive?: string;
  minExclusive?: string;
  maxExclusive?: string;
}

export type DurationProblem = 'syntax' | 'tooSmall' | 'tooLarge' | null;

/** Checks a duration against the schema's bounds (compared in seconds, as the schema model does). */
export function checkDuration(value: string, limits: DurationLimits): DurationProblem {
  if (parseDuration(value) === null) return 'syntax';
  const seconds = durationSeconds(value);
  const bound = (limit: string | undefined) => (limit === undefined ? NaN : durationSeconds(limit));
  if (seconds < bound(limits.minInclusive) || seconds <= bound(limits.minExclusive)) return 'tooSmall';
  if (seconds > bound(limits.maxInclusive) || seconds >= bound(limits.maxExclusive)) return 'tooLarge';
  return null;
}

/** Clamps a number of seconds into the bounds (integer seconds). */
export function clampDurationSeconds(seconds: number, limits: DurationLimits): number {
  let low = 0;
  let high = Number.POSITIVE_INFINITY;
  if (limits.minInclusive !== undefined) low = Math.max(low, durationSeconds(limits.minInclusive));
  if (limits.minExclusive !== undefined) low = Math.max(low, durationSeconds(limits.minExclusive) + 1);
  if (limits.maxInclusive !== undefined) high = Math.min(high, durationSeconds(limits.maxInclusive));
  if (limits.maxExclusive !== undefined) high = Math.min(high, durationSeconds(limits.maxExclusive) - 1);
  return Math.max(low, Math.min(high, Math.round(seconds)));
}

/** Integer stepper: clamps to [min, max] given as schema facet strings. */
export function clampInteger(value: number, min?: string, max?: string): number {
  let result = Math.round(value);
  if (min !== undefined && result < Number(min)) result = Number(min);
  if (max !== undefined && result > Number(max)) result = Number(max);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Bytes: base64, hex, UTF-8 text

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const a = bytes[index]!;
    const b = bytes[index + 1];
    const c = bytes[index + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64_ALPHABET[(triple >> 18) & 63]! + BASE64_ALPHABET[(triple >> 12) & 63]!;
    out += b === undefined ? '=' : BASE64_ALPHABET[(triple >> 6) & 63]!;
    out += c === undefined ? '=' : BASE64_ALPHABET[triple & 63]!;
  }
  return out;
}

/** Decodes base64 (white space ignored, as xs:base64Binary allows); null when it is not valid base64. */
export function base64ToBytes(value: string): Uint8Array | null {
  const clean = value.replace(/[ \t\r\n]/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return null;
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((clean.length / 4) * 3 - padding);
  let position = 0;
  for (let index = 0; index < clean.length; index += 4) {
    const values = [0, 1, 2, 3].map((offset) => {
      const character = clean[index + offset]!;
      return character === '=' ? 0 : BASE64_ALPHABET.indexOf(character);
    });
    const triple = (values[0]! << 18) | (values[1]! << 12) | (values[2]! << 6) | values[3]!;
    for (const shift of [16, 8, 0]) if (position < out.length) out[position++] = (triple >> shift) & 255;
  }
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('').toUpperCase();
}

/** Hex digits (spaces and colons allowed between pairs) to bytes; null when not an even number of hex digits. */
export function hexToBytes(value: string): Uint8Array | null {
  const clean = value.replace(/[ \t\r\n:]/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return null;
  const out = new Uint8Array(clean.length / 2);
  for (let index = 0; index < out.length; index++) out[index] = parseInt(clean.slice(index * 2, index * 2 + 2), 16);
  return out;
}

/** UTF-8 bytes of a string (lone surrogates become U+FFFD), without TextEncoder (pure layer). */
export function utf8Encode(text: string): Uint8Array {
  const out: number[] = [];
  for (const character of text) {
    let code = character.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return Uint8Array.from(out);
}

/** UTF-8 text, or null when the bytes are not valid UTF-8 (binary blobs). */
export function utf8Decode(bytes: Uint8Array): string | null {
  let out = '';
  for (let index = 0; index < bytes.length; ) {
    const first = bytes[index]!;
    const length = first < 0x80 ? 1 : first >= 0xc2 && first < 0xe0 ? 2 : first >= 0xe0 && first < 0xf0 ? 3 : first >= 0xf0 && first < 0xf5 ? 4 : 0;
    if (length === 0 || index + length > bytes.length) return null;
    let code = length === 1 ? first : first & (0xff >> (length + 1));
    for (let offset = 1; offset < length; offset++) {
      const next = bytes[index + offset]!;
      if ((next & 0xc0) !== 0x80) return null;
      code = (code << 6) | (next & 63);
    }
    const minimum = [0, 0, 0x80, 0x800, 0x10000][length]!;
    if (code < minimum || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
    out += String.fromCodePoint(code);
    index += length;
  }
  return out;
}

export type BlobEncoding = 'base64' | 'hex' | 'text';

/** Converts a blob shown in one encoding to another; null when the input is not valid in its encoding. */
export function convertBlob(value: string, from: BlobEncoding, to: BlobEncoding): string | null {
  const bytes = from === 'base64' ? base64ToBytes(value) : from === 'hex' ? hexToBytes(value) : utf8Encode(value);
  if (!bytes) return null;
  if (to === 'base64') return bytesToBase64(bytes);
  if (to === 'hex') return bytesToHex(bytes);
  return utf8Decode(bytes);
}

// ---------------------------------------------------------------------------------------------
// SSIDs

/** Bytes an SSID name takes over the air (UTF-8). */
export function ssidByteLength(name: string): number {
  return utf8Encode(name).length;
}

export function ssidNameToHex(name: string): string {
  return bytesToHex(utf8Encode(name));
}

export function ssidHexToName(hex: string): string | null {
  const bytes = hexToBytes(hex);
  return bytes ? utf8Decode(bytes) : null;
}

// ---------------------------------------------------------------------------------------------
// URLs

/** RefreshURL must be https (Windows refuses plain http for refresh). */
export function isHttpsUrl(value: string): boolean {
  return /^https:\/\/[^\s/?#]+[^\s]*$/i.test(value.trim());
}
