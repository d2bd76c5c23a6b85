'use strict';
// Preloaded (NODE_OPTIONS=--require) into a spawned CLI to prove that NO connection is
// attempted: every socket connect and DNS lookup is appended to $QBRIDGE_TEST_NET_LOG; a
// connection to a loopback address (the test server) then goes ahead, anything else is refused.
// Test-only; never loaded by qbridge itself.
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');

const log = process.env.QBRIDGE_TEST_NET_LOG;
function record(what) {
  if (log) fs.appendFileSync(log, `${what}\n`);
}

/** Literal loopback addresses only (a name would need a DNS lookup, which is refused). */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1)$/;

const origConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const a = Array.isArray(args[0]) ? args[0][0] : args[0];
  const where = a && typeof a === 'object' ? `${a.host ?? a.path ?? '?'}:${a.port ?? ''}` : String(a);
  record(`connect ${where}`);
  const host = a && typeof a === 'object' ? a.host : undefined;
  if (typeof host === 'string' && LOOPBACK.test(host)) return origConnect.apply(this, args);
  const err = Object.assign(new Error(`test: network disabled (${where})`), { code: 'ECONNREFUSED' });
  process.nextTick(() => this.destroy(err));
  return this;
};

const origLookup = dns.lookup;
dns.lookup = function lookup(host, ...rest) {
  record(`lookup ${host}`);
  const cb = rest[rest.length - 1];
  const err = Object.assign(new Error(`test: DNS disabled (${host})`), { code: 'ENOTFOUND' });
  if (typeof cb === 'function') process.nextTick(() => cb(err));
};
void origLookup;
dns.promises.lookup = async (host) => {
  record(`lookup ${host}`);
  throw Object.assign(new Error(`test: DNS disabled (${host})`), { code: 'ENOTFOUND' });
};
