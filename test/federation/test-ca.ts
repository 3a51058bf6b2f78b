/**
 * A throwaway certificate authority and a certificate for `localhost` signed by it, made
 * with the openssl command, so that two Woollys can speak real HTTPS to each other in a
 * test. The CA is added to this process's trusted roots (what NODE_EXTRA_CA_CERTS does for
 * a new process), so Node's fetch, which Fedify uses, accepts the certificate.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';

export interface TestCertificate {
  /** The CA's certificate, for NODE_EXTRA_CA_CERTS of other processes. */
  caFile: string;
  certFile: string;
  keyFile: string;
  /** Removes the files and stops trusting the CA. */
  dispose(): void;
}

/** A certificate for `localhost` (and 127.0.0.1), or for the given host names. */
export function trustedLocalhostCertificate(hosts: string[] = ['localhost']): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'woolly-ca-'));
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-subj',
    '/CN=Woolly test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign',
  );
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    file('host.key'),
    '-out',
    file('host.csr'),
    '-subj',
    `/CN=${hosts[0]}`,
  );
  const names = hosts.map((h) => `DNS:${h}`).join(',');
  writeFileSync(file('ext.cnf'), `subjectAltName=${names},IP:127.0.0.1\n`);
  openssl(
    'x509',
    '-req',
    '-in',
    file('host.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-out',
    file('host.pem'),
    '-extfile',
    file('ext.cnf'),
  );
  const before = tls.getCACertificates('default');
  tls.setDefaultCACertificates([...before, readFileSync(file('ca.pem'), 'utf8')]);
  return {
    caFile: file('ca.pem'),
    certFile: file('host.pem'),
    keyFile: file('host.key'),
    dispose() {
      tls.setDefaultCACertificates(before);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
