/**
 * Validation of a network's IPAM fields as typed (subnet, gateway, IP range), IPv4 and IPv6, with the rules
 * the engine applies on create: a subnet is a CIDR whose host bits are zero; a gateway is an address inside
 * the subnet; an IP range is a CIDR inside the subnet. Pure.
 *
 * Written here rather than taken from a library: Node's `net` says whether an address is valid, and the rest
 * is prefix arithmetic on a BigInt (a dependency for twenty lines of masking would weigh more than it saves).
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { Parsed } from '../registry/imageReference';

export interface Address {
  family: 4 | 6;
  value: bigint;
}

export interface Cidr extends Address {
  prefix: number;
}

const bits = { 4: 32, 6: 128 } as const;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const refuse = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

function ipv6Value(text: string): bigint {
  // An embedded IPv4 tail (::ffff:10.0.0.1) counts as the last two groups.
  let groups = text;
  const lastColon = groups.lastIndexOf(':');
  if (groups.includes('.')) {
    const tail = ipv4Value(groups.slice(lastColon + 1));
    groups = `${groups.slice(0, lastColon + 1)}${(tail >> 16n).toString(16)}:${(tail & 0xffffn).toString(16)}`;
  }
  const [head, rest] = groups.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const zeros = rest === undefined ? [] : Array<string>(8 - headGroups.length - restGroups.length).fill('0');
  return [...headGroups, ...zeros, ...restGroups].reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** An IPv4 or IPv6 address (no zone, no brackets). */
export function parseAddress(text: string): Address | undefined {
  if (isIPv4(text)) {
    return { family: 4, value: ipv4Value(text) };
  }
  if (isIPv6(text) && !text.includes('%')) {
    return { family: 6, value: ipv6Value(text) };
  }
  return undefined;
}

function mask(family: 4 | 6, prefix: number): bigint {
  const width = BigInt(bits[family]);
  return ((1n << width) - 1n) ^ ((1n << (width - BigInt(prefix))) - 1n);
}

function contains(outer: Cidr, address: Address): boolean {
  return outer.family === address.family && (address.value & mask(outer.family, outer.prefix)) === outer.value;
}

function formatAddress(address: Address): string {
  if (address.family === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((address.value >> shift) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, index) => ((address.value >> BigInt((7 - index) * 16)) & 0xffffn).toString(16));
  // The longest run of zero groups becomes "::".
  let best = { start: -1, length: 0 };
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === '0') length++;
    if (length > best.length && length > 1) best = { start, length };
  }
  if (best.start < 0) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}

/** `address/prefix`; `what` names the field in the reason ("Subnet", "IP range"). */
export function parseCidr(input: string, what: string): Parsed<Cidr> {
  const text = input.trim();
  const slash = text.indexOf('/');
  if (slash < 0) {
    return refuse(`${what} "${text}" needs a prefix length, e.g. 172.28.0.0/16 or fd00:28::/64.`);
  }
  const address = parseAddress(text.slice(0, slash));
  if (!address) {
    return refuse(`${what} "${text}": "${text.slice(0, slash)}" is not an IPv4 or IPv6 address.`);
  }
  const prefixText = text.slice(slash + 1);
  const max = bits[address.family];
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) {
    return refuse(`${what} "${text}": the prefix length must be 0–${max} for IPv${address.family}.`);
  }
  const prefix = Number(prefixText);
  const base = address.value & mask(address.family, prefix);
  if (base !== address.value) {
    return refuse(`${what} "${text}" has host bits set; did you mean ${formatAddress({ family: address.family, value: base })}/${prefix}?`);
  }
  return ok({ family: address.family, value: base, prefix });
}

/** Empty is fine (the engine picks a subnet). */
export function validateSubnet(input: string): string | undefined {
  if (input.trim() === '') return undefined;
  const parsed = parseCidr(input, 'Subnet');
  return parsed.ok ? undefined : parsed.reason;
}

/** Empty is fine (the engine takes the subnet's first address). */
export function validateGateway(input: string, subnetText: string): string | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  const subnet = parseCidr(subnetText, 'Subnet');
  const address = parseAddress(text);
  if (!address) {
    return `Gateway "${text}" is not an IPv4 or IPv6 address.`;
  }
  if (subnet.ok && !contains(subnet.value, address)) {
    return `Gateway ${text} is not inside the subnet ${subnetText.trim()}.`;
  }
  return undefined;
}

/** Empty is fine (containers get addresses from the whole subnet). */
export function validateIpRange(input: string, subnetText: string): string | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  const range = parseCidr(text, 'IP range');
  if (!range.ok) return range.reason;
  const subnet = parseCidr(subnetText, 'Subnet');
  if (subnet.ok && !(range.value.prefix >= subnet.value.prefix && contains(subnet.value, range.value))) {
    return `IP range ${text} is not inside the subnet ${subnetText.trim()}.`;
  }
  return undefined;
}

/** Whether a valid subnet is IPv6 (the network then needs IPv6 enabled). */
export function isIpv6Subnet(input: string): boolean {
  const parsed = parseCidr(input, 'Subnet');
  return parsed.ok && parsed.value.family === 6;
}
