import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildConfig, parseEnvVars } from '../../src/config/load.ts';
import { transportOptions, type SmtpConfig } from '../../src/mail/smtp.ts';

function smtp(env: Record<string, string>): SmtpConfig {
  const config = buildConfig(
    parseEnvVars({ SECRET_KEY_BASE: 'a'.repeat(64), SMTP_SERVER: 'mail.example.com', ...env }),
    '/tmp',
  );
  assert.ok(config.smtp);
  return config.smtp;
}

test('Mastodon\u2019s SMTP variables become nodemailer\u2019s transport options', () => {
  const plain = transportOptions(smtp({ SMTP_LOGIN: 'me', SMTP_PASSWORD: 'pw' }));
  assert.equal(plain.host, 'mail.example.com');
  assert.equal(plain.port, 587);
  assert.equal(plain.secure, false);
  assert.equal(plain.requireTLS, false);
  assert.equal(plain.ignoreTLS, false);
  assert.deepEqual(plain.auth, { user: 'me', pass: 'pw' });
  assert.equal(plain.authMethod, 'PLAIN');

  const ssl = transportOptions(
    smtp({ SMTP_SSL: 'true', SMTP_PORT: '465', SMTP_ENABLE_STARTTLS: 'never' }),
  );
  assert.equal(ssl.secure, true);
  assert.equal(ssl.port, 465);
  assert.equal(ssl.ignoreTLS, false, 'STARTTLS settings do not apply to implicit TLS');
  assert.equal(ssl.auth, undefined, 'no login, no authentication');

  assert.equal(transportOptions(smtp({ SMTP_ENABLE_STARTTLS: 'always' })).requireTLS, true);
  assert.equal(transportOptions(smtp({ SMTP_ENABLE_STARTTLS: 'never' })).ignoreTLS, true);
  assert.equal(
    transportOptions(smtp({ SMTP_LOGIN: 'me', SMTP_AUTH_METHOD: 'cram_md5' })).authMethod,
    'CRAM-MD5',
  );
  const none = transportOptions(smtp({ SMTP_LOGIN: 'me', SMTP_AUTH_METHOD: 'none' }));
  assert.equal(none.auth, undefined);
});

test('the sender defaults to notifications@ the local domain, without its port', () => {
  assert.equal(smtp({ LOCAL_DOMAIN: 'example.com:8443' }).from, 'notifications@example.com');
  assert.equal(
    smtp({ SMTP_FROM_ADDRESS: 'Woolly <w@example.com>' }).from,
    'Woolly <w@example.com>',
  );
});
