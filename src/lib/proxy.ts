import { isIP } from 'node:net';
import proxyAddr from '@fastify/proxy-addr';

/**
 * Which peers may speak for the client through X-Forwarded-For/-Host/-Proto: nobody (`false`, the
 * default), the nearest `n` hops, or peers at the listed addresses/CIDRs. Fastify's `trustProxy`
 * takes exactly these forms, so `req.ip`, `req.host` and `req.protocol` follow it everywhere (rate
 * limits, the login lock-out, origin checks, the Secure cookie).
 */
export type TrustProxy = false | number | string[];

/** Names proxy-addr knows for whole ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `TRUST_PROXY`: empty → false; `1`…`10` → hop count; else a comma-separated list of addresses/CIDRs. */
export function parseTrustProxy(raw: string): TrustProxy {
  const value = raw.trim();
  if (!value) return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 10) throw new Error('a hop count must be 1–10');
    return hops;
  }
  if (value === 'true' || value === '*') throw new Error('trusting every peer lets any client choose its address; give a hop count or the proxy addresses');
  return parseAddressList(value);
}

/** A comma-separated list of IP addresses and CIDRs (or loopback/linklocal/uniquelocal), validated. */
export function parseAddressList(raw: string): string[] {
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of list) {
    if (RANGE_NAMES.has(entry)) continue;
    const [addr, bits, extra] = entry.split('/');
    const version = isIP(addr);
    const maxBits = version === 6 ? 128 : 32;
    if (!version || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits))) {
      throw new Error(`"${entry}" is not an IP address or CIDR`);
    }
  }
  return list;
}

/** Whether an address is in a list of addresses/CIDRs (an empty list matches nothing). */
export function addressMatcher(list: readonly string[]): (address: string | undefined) => boolean {
  if (list.length === 0) return () => false;
  const trust = proxyAddr.compile([...list]);
  return (address) => Boolean(address) && trust(address!, 0);
}

/**
 * Whether a directly connected peer is a trusted proxy: every peer when a hop count is set (the
 * nearest hop is the proxy), listed ones otherwise, none without TRUST_PROXY.
 */
export function trustedPeer(trustProxy: TrustProxy): (address: string | undefined) => boolean {
  if (trustProxy === false) return () => false;
  if (typeof trustProxy === 'number') return () => true;
  return addressMatcher(trustProxy);
}

/** The form Fastify's `trustProxy` option is typed for (a hop count becomes the equivalent function). */
export function fastifyTrustProxy(trustProxy: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trustProxy !== 'number') return trustProxy;
  return (_address, hop) => hop < trustProxy;
}

/**
 * The client's address as Fastify resolves it (TRUST_PROXY applied), or the peer's when Fastify has
 * none (an in-process request without a socket address).
 */
export function clientAddress(req: { ip?: string; socket?: { remoteAddress?: string } }): string {
  try {
    return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
  } catch {
    return 'unknown'; // Fastify's proxy-aware `ip` needs a socket; an in-process websocket has none
  }
}
