/** @module ingest/address-policy — which IP addresses a fetch may connect to (the SSRF guard's rule). */
import ipaddr from 'ipaddr.js'

/** Why an address is refused: the ipaddr.js range name, e.g. `loopback`, `private`, `linkLocal`. */
export type AddressVerdict = { readonly allowed: true } | { readonly allowed: false; readonly range: string }

/**
 * Decide whether `address` (an IPv4 or IPv6 literal) is a public unicast address.
 * Refused: loopback, private (RFC 1918, IPv6 unique-local), link-local (incl. the cloud
 * metadata address 169.254.169.254), CGNAT 100.64/10, unspecified, broadcast, multicast,
 * documentation/benchmark/reserved ranges. IPv6 forms that embed an IPv4 address
 * (IPv4-mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`, Teredo) are judged by
 * the embedded IPv4 address, so `::ffff:127.0.0.1` is loopback. Anything unparsable is refused.
 */
export function checkAddress(address: string): AddressVerdict {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''))
  } catch {
    return { allowed: false, range: 'invalid' }
  }
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6
    const range = v6.range()
    if (range === 'ipv4Mapped' || range === 'rfc6145') return checkAddress(v6.toIPv4Address().toString())
    const bytes = v6.toByteArray()
    if (range === 'rfc6052') return checkAddress(bytes.slice(12, 16).join('.'))
    if (range === '6to4') return checkAddress(bytes.slice(2, 6).join('.'))
    if (range === 'teredo') return checkAddress(bytes.slice(12, 16).map((b) => b ^ 0xff).join('.'))
    return range === 'unicast' ? { allowed: true } : { allowed: false, range }
  }
  const range = (parsed as ipaddr.IPv4).range()
  return range === 'unicast' ? { allowed: true } : { allowed: false, range }
}

/** True when `host` is an IP literal (v4, or v6 with or without brackets) rather than a name. */
export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host.replace(/^\[|\]$/g, ''))
}
