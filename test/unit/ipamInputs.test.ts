import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isIpv6Subnet, validateGateway, validateIpRange, validateSubnet } from '../../src/network/ipamInputs';

/** [input, undefined for accepted or a pattern of the reason] */
const subnets: Array<[string, RegExp | undefined]> = [
  ['', undefined],
  ['10.99.0.0/16', undefined],
  ['172.28.5.0/24', undefined],
  ['0.0.0.0/0', undefined],
  ['10.99.0.0/32', undefined],
  ['10.99.0.0/33', /prefix length must be 0–32 for IPv4/],
  ['10.99.0.0/', /prefix length/],
  ['10.99.0.0', /needs a prefix length/],
  ['10.99.0.1/16', /host bits set; did you mean 10\.99\.0\.0\/16\?/],
  ['10.300.0.0/16', /"10\.300\.0\.0" is not an IPv4 or IPv6 address/],
  ['10.99.0/16', /not an IPv4 or IPv6 address/],
  ['fd00:28::/64', undefined],
  ['2001:db8::/32', undefined],
  ['fd00:28::/129', /0–128 for IPv6/],
  ['fd00:28::1/64', /host bits set; did you mean fd00:28::\/64\?/],
  ['::ffff:10.0.0.0/120', undefined],
  ['fd00::zz/64', /not an IPv4 or IPv6 address/],
  ['fe80::1%eth0/64', /not an IPv4 or IPv6 address/],
];

for (const [input, expected] of subnets) {
  test(`subnet "${input}"`, () => {
    const reason = validateSubnet(input);
    if (expected) {
      assert.match(reason ?? '(accepted)', expected);
    } else {
      assert.equal(reason, undefined);
    }
  });
}

const gateways: Array<[string, string, RegExp | undefined]> = [
  ['', '10.99.0.0/16', undefined],
  ['10.99.0.1', '10.99.0.0/16', undefined],
  ['10.99.255.254', '10.99.0.0/16', undefined],
  ['10.98.0.1', '10.99.0.0/16', /not inside the subnet 10\.99\.0\.0\/16/],
  ['10.99.0.1/16', '10.99.0.0/16', /not an IPv4 or IPv6 address/],
  ['fd00:28::1', '10.99.0.0/16', /not inside the subnet/],
  ['fd00:28::1', 'fd00:28::/64', undefined],
  ['fd00:29::1', 'fd00:28::/64', /not inside the subnet fd00:28::\/64/],
];

for (const [input, subnet, expected] of gateways) {
  test(`gateway "${input}" in ${subnet}`, () => {
    const reason = validateGateway(input, subnet);
    if (expected) {
      assert.match(reason ?? '(accepted)', expected);
    } else {
      assert.equal(reason, undefined);
    }
  });
}

const ranges: Array<[string, string, RegExp | undefined]> = [
  ['', '10.99.0.0/16', undefined],
  ['10.99.5.0/24', '10.99.0.0/16', undefined],
  ['10.99.0.0/16', '10.99.0.0/16', undefined],
  ['10.98.0.0/15', '10.99.0.0/16', /not inside the subnet/],
  ['10.98.5.0/24', '10.99.0.0/16', /not inside the subnet/],
  ['10.99.5.0/33', '10.99.0.0/16', /IP range .*prefix length/],
  ['10.99.5.1/24', '10.99.0.0/16', /IP range .*host bits set/],
  ['fd00:28:0:0:8000::/65', 'fd00:28::/64', undefined],
  ['fd00:28::/63', 'fd00:28::/64', /not inside the subnet/],
  ['10.99.5.0/24', 'fd00:28::/64', /not inside the subnet/],
];

for (const [input, subnet, expected] of ranges) {
  test(`IP range "${input}" in ${subnet}`, () => {
    const reason = validateIpRange(input, subnet);
    if (expected) {
      assert.match(reason ?? '(accepted)', expected);
    } else {
      assert.equal(reason, undefined);
    }
  });
}

test('an IPv6 subnet is told apart from an IPv4 one', () => {
  assert.equal(isIpv6Subnet('fd00:28::/64'), true);
  assert.equal(isIpv6Subnet('10.99.0.0/16'), false);
  assert.equal(isIpv6Subnet(''), false);
});
