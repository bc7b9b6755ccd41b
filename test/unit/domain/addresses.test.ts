import { describe, expect, it } from 'vitest';
import {
  LOCAL_RULE, PRODUCTION_RULE, checkUrl, classifyAddress, classifyHost, formatIPv4, parseIPv4, parseIPv6, ruleFor,
} from '../../../src/domain/addresses';

const cls = (host: string) => classifyHost(host).class;

describe('IPv4 spellings are read the way a URL parser reads them', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'], // one decimal number
    ['0177.0.0.1', '127.0.0.1'], // octal first part
    ['0x7f.0.0.1', '127.0.0.1'], // hex first part
    ['0x7F000001', '127.0.0.1'], // one hex number
    ['017700000001', '127.0.0.1'], // one octal number
    ['127.1', '127.0.0.1'], // two parts: the last fills three bytes
    ['127.0.1', '127.0.0.1'],
    ['0', '0.0.0.0'],
    ['0x', '0.0.0.0'],
    ['10.0.0.1.', '10.0.0.1'], // one trailing dot
    ['169.254.43518', '169.254.169.254'],
    ['0xa9fea9fe', '169.254.169.254'],
    ['025177524776', '169.254.169.254'],
  ])('%s is %s', (input, dotted) => {
    const n = parseIPv4(input);
    expect(n).not.toBeNull();
    expect(formatIPv4(n as number)).toBe(dotted);
  });

  it.each(['256.0.0.1', '1.2.3.4.5', '1..2.3', '08.0.0.1', '0x1g.0.0.1', '4294967296', '1.2.65536', 'example.com', '', '.', '1.2.3.-4'])('%s is not an IPv4 address', (input) => {
    expect(parseIPv4(input)).toBeNull();
  });
});

describe('IPv6 parsing', () => {
  it.each([
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['[::1]', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['::ffff:127.0.0.1', [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]],
    ['::ffff:7f00:1', [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]],
    ['fe80::1%eth0', [0xfe80, 0, 0, 0, 0, 0, 0, 1]],
    ['2001:db8:0:0:0:0:2:1', [0x2001, 0xdb8, 0, 0, 0, 0, 2, 1]],
    ['fd00:ec2::254', [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254]],
    ['1:2:3:4:5:6:1.2.3.4', [1, 2, 3, 4, 5, 6, 0x102, 0x304]],
  ])('%s', (input, groups) => {
    expect(parseIPv6(input)).toEqual(groups);
  });

  it.each(['1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', '::g', '1:2:3:4:5:6:7', '::ffff:1.2.3', '::ffff:0x7f.1.1.1', 'example.com', '127.0.0.1'])('%s is not an IPv6 address', (input) => {
    expect(parseIPv6(input)).toBeNull();
  });
});

describe('address classes', () => {
  it.each([
    // loopback
    ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback'], ['2130706433', 'loopback'], ['0x7f.1', 'loopback'], ['0177.0.0.1', 'loopback'],
    ['::1', 'loopback'], ['[::1]', 'loopback'], ['0:0:0:0:0:0:0:1', 'loopback'],
    ['localhost', 'loopback'], ['LOCALHOST.', 'loopback'], ['app.localhost', 'loopback'],
    // IPv4-mapped, -translated and -compatible IPv6 carry the IPv4 address's class
    ['::ffff:127.0.0.1', 'loopback'], ['[::ffff:7f00:1]', 'loopback'], ['::ffff:10.1.2.3', 'private'], ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:0:127.0.0.1', 'loopback'], ['::127.0.0.1', 'loopback'], ['::ffff:8.8.8.8', 'public'],
    // NAT64 and 6to4 reach the embedded IPv4 address
    ['64:ff9b::7f00:1', 'loopback'], ['64:ff9b::a9fe:a9fe', 'metadata'], ['64:ff9b::808:808', 'public'], ['2002:7f00:1::', 'loopback'], ['2002:c0a8:101::1', 'private'],
    // private, CGNAT, link-local
    ['10.0.0.1', 'private'], ['10.255.255.255', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'],
    ['100.64.0.1', 'cgnat'], ['100.127.255.255', 'cgnat'],
    ['169.254.0.1', 'link-local'], ['fe80::1', 'link-local'], ['febf::1', 'link-local'],
    ['fec0::1', 'private'], ['intranet', 'private'], ['printer.local', 'private'], ['db.internal', 'private'], ['nas.home.arpa', 'private'],
    // cloud metadata services
    ['169.254.169.254', 'metadata'], ['0xa9fea9fe', 'metadata'], ['169.254.43518', 'metadata'], ['169.254.170.2', 'metadata'], ['100.100.100.200', 'metadata'],
    ['fd00:ec2::254', 'metadata'], ['metadata.google.internal', 'metadata'], ['metadata', 'metadata'],
    // unique-local, multicast, unspecified, broadcast, reserved
    ['fc00::1', 'unique-local'], ['fd12:3456::1', 'unique-local'],
    ['224.0.0.1', 'multicast'], ['239.255.255.250', 'multicast'], ['ff02::1', 'multicast'], ['ff05::2', 'multicast'],
    ['0.0.0.0', 'unspecified'], ['0', 'unspecified'], ['0.1.2.3', 'unspecified'], ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'reserved'], ['198.51.100.1', 'reserved'], ['203.0.113.9', 'reserved'], ['198.18.0.1', 'reserved'], ['240.0.0.1', 'reserved'], ['192.0.0.8', 'reserved'],
    ['2001:db8::1', 'reserved'], ['2001::1', 'reserved'], ['100::1', 'reserved'], ['4000::1', 'reserved'],
    // public
    ['8.8.8.8', 'public'], ['1.1.1.1', 'public'], ['172.15.255.255', 'public'], ['172.32.0.0', 'public'], ['100.63.255.255', 'public'], ['100.128.0.0', 'public'],
    ['169.253.255.255', 'public'], ['192.169.0.1', 'public'], ['2606:4700:4700::1111', 'public'], ['2a00:1450:4001:80b::200e', 'public'],
  ])('%s is %s', (host, expected) => {
    expect(cls(host)).toBe(expected);
  });

  it('leaves an ordinary name unclassified: it must be resolved first', () => {
    expect(classifyHost('news.example.com')).toEqual({ kind: 'name', name: 'news.example.com', class: null });
    expect(classifyHost('localhost.example.com').class).toBeNull();
  });

  it('classifies resolver answers and refuses non-addresses', () => {
    expect(classifyAddress('10.0.0.7')).toBe('private');
    expect(classifyAddress('2001:4860:4860::8888')).toBe('public');
    expect(classifyAddress('not an address')).toBeNull();
  });
});

describe('the URL rule', () => {
  const refused = (url: string, rule = PRODUCTION_RULE) => {
    const v = checkUrl(url, rule);
    return v.ok ? null : v.reason;
  };

  it('production refuses every blocked class, however the address is spelled', () => {
    for (const url of [
      'http://127.0.0.1/', 'http://2130706433/', 'http://0x7f.1/', 'http://0177.0.0.1/', 'http://127.1/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/',
      'http://localhost/', 'http://10.0.0.1/', 'http://192.168.0.1/', 'http://100.64.1.1/', 'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/', 'http://[fe80::1]/', 'http://[fc00::1]/', 'http://224.0.0.1/', 'http://0.0.0.0/', 'http://[::]/', 'http://metadata.google.internal/',
    ]) {
      expect(refused(url), url).toBe('blocked-address');
    }
  });

  it('production refuses non-standard ports, other schemes and credentials', () => {
    const cases = [
      ['http://news.example:8080/', 'port'],
      ['https://news.example:8443/', 'port'],
      ['https://news.example:80/', 'port'],
      ['ftp://news.example/', 'scheme'],
      ['file:///etc/passwd', 'scheme'],
      ['javascript:alert(1)', 'scheme'],
      ['https://user:pw@news.example/', 'credentials'],
      ['not a url', 'invalid-url'],
    ];
    for (const [url, reason] of cases) expect(refused(url), url).toBe(reason);
  });

  it('production lets public hosts through on default ports (explicit or not)', () => {
    expect(refused('https://news.example/2024/story')).toBeNull();
    expect(refused('https://news.example:443/story')).toBeNull();
    expect(refused('http://news.example:80/story')).toBeNull();
    expect(refused('http://8.8.8.8/')).toBeNull();
  });

  it('development and test allow loopback on any port, and nothing else more', () => {
    expect(ruleFor('development')).toBe(LOCAL_RULE);
    expect(ruleFor('test')).toBe(LOCAL_RULE);
    expect(ruleFor('production')).toBe(PRODUCTION_RULE);
    expect(ruleFor(undefined)).toBe(PRODUCTION_RULE);
    expect(ruleFor('staging')).toBe(PRODUCTION_RULE);
    expect(refused('http://127.0.0.1:8813/page', LOCAL_RULE)).toBeNull();
    expect(refused('http://localhost:3000/', LOCAL_RULE)).toBeNull();
    expect(refused('http://[::1]:9000/', LOCAL_RULE)).toBeNull();
    expect(refused('http://10.0.0.1/', LOCAL_RULE)).toBe('blocked-address');
    expect(refused('http://169.254.169.254/', LOCAL_RULE)).toBe('blocked-address');
    expect(refused('http://[fd00:ec2::254]/', LOCAL_RULE)).toBe('blocked-address');
    expect(refused('http://news.example:8080/', LOCAL_RULE)).toBe('port');
  });
});
