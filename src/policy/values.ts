/**
 * Typed condition values. Huawei writes every condition value as a string (`["true"]`,
 * `["2012-11-11T23:59:59Z"]`); these parsers say whether a string is a valid number, date,
 * boolean or IP block, so comparisons and the `policy/condition-value-type` lint agree.
 */
import { parseIpBlock } from './ip.js';

/** The value types condition operators compare. */
export type ConditionValueType = 'string' | 'number' | 'date' | 'bool' | 'ip';

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

// Date, optional time with optional fraction, optional zone. No nested quantifiers.
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

/** Parses a decimal number; undefined for anything else (`"1e"`, `"0x10"`, `""`). */
export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text.trim()) ? Number(text) : undefined;
}

/** Parses `true` / `false` in any case. */
export function parseBool(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;

  return undefined;
}

/**
 * Parses an ISO 8601 date or date-time to epoch milliseconds. A value without a zone is read
 * as UTC, the zone Huawei's examples use (`2012-11-11T23:59:59Z`).
 */
export function parseIsoDate(text: string): number | undefined {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return undefined;
  const field = (i: number): number => Number(m[i] ?? 0);
  const [year, month, day, hour, minute, second] = [
    field(1),
    field(2),
    field(3),
    field(4),
    field(5),
    field(6),
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);

  return utc - zoneOffsetMinutes(m[8]) * 60_000;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));

  return zone.startsWith('-') ? -minutes : minutes;
}

/** Whether a policy value is valid for the type (strings always are). */
export function isValidValue(type: ConditionValueType, text: string): boolean {
  switch (type) {
    case 'string':
      return true;
    case 'number':
      return parseNumber(text) !== undefined;
    case 'date':
      return parseIsoDate(text) !== undefined;
    case 'bool':
      return parseBool(text) !== undefined;
    case 'ip':
      return parseIpBlock(text.trim()) !== undefined;
  }
}

/** What a valid value of the type looks like, for messages. */
export function describeValueType(type: ConditionValueType): string {
  switch (type) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number such as 3600';
    case 'date':
      return 'an ISO 8601 date such as 2012-11-11T23:59:59Z';
    case 'bool':
      return '"true" or "false"';
    case 'ip':
      return 'an IP address or CIDR block such as 192.0.2.0/24';
  }
}
