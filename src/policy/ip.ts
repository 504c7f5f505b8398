/**
 * IPv4 and IPv6 addresses and CIDR blocks for the `IpAddress` / `NotIpAddress` condition
 * operators. Written by hand (no regular expressions over the whole input) so that odd values
 * from policy files are rejected predictably.
 */

/** An address as bytes: 4 for IPv4, 16 for IPv6. */
export type IpBytes = readonly number[];

/** A block of addresses: its first bytes and how many leading bits are fixed. */
export interface IpBlock {
  bytes: IpBytes;
  prefix: number;
}

/** Parses a dotted IPv4 address (`192.0.2.10`). */
export function parseIpv4(text: string): IpBytes | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    bytes.push(value);
  }

  return bytes;
}

/** Parses an IPv6 address, with `::` compression and an optional dotted IPv4 tail. */
export function parseIpv6(text: string): IpBytes | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];

  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

/** Hex groups of one side of `::`; a trailing dotted IPv4 counts as two groups. */
function groupsOf(side: string): number[] | undefined {
  if (side === '') return [];
  const parts = side.split(':');
  const groups: number[] = [];
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (!v4) return undefined;
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
      groups.push(parseInt(part, 16));
    }
  }

  return groups;
}

/**
 * Parses an address of either family. An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) is
 * returned as IPv4, so it matches IPv4 blocks.
 */
export function parseIp(text: string): IpBytes | undefined {
  if (!text.includes(':')) return parseIpv4(text);
  const bytes = parseIpv6(text);
  if (bytes && isV4Mapped(bytes)) return bytes.slice(12);

  return bytes;
}

function isV4Mapped(bytes: IpBytes): boolean {
  return bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

/** Parses `address/prefix`, or a bare address (a block of one). */
export function parseIpBlock(text: string): IpBlock | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const bytes = address.includes(':') ? parseIpv6(address) : parseIpv4(address);
  if (!bytes) return undefined;
  const max = bytes.length * 8;
  if (slash < 0) return { bytes, prefix: max };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);

  return prefix <= max ? { bytes, prefix } : undefined;
}

/** Whether the address lies in the block; addresses of the other family never do. */
export function ipInBlock(address: IpBytes, block: IpBlock): boolean {
  if (address.length !== block.bytes.length) return false;
  for (let bit = 0; bit < block.prefix; bit += 8) {
    const i = bit / 8;
    const width = Math.min(8, block.prefix - bit);
    const mask = (0xff << (8 - width)) & 0xff;
    if (((address[i] ?? 0) & mask) !== ((block.bytes[i] ?? 0) & mask)) return false;
  }

  return true;
}
