/**
 * What an admin may set on an instance domain block, checked as Mastodon's model validates
 * it: a known severity, and comments of at most 1,000 characters (Woolly's bound; Mastodon's
 * text columns have none, but a blocklist line is no essay).
 */
import { unprocessable } from '../../core/errors.ts';
import {
  domainBlockSeverities,
  type DomainBlockSeverity,
  type InstanceDomainBlockRecord,
} from '../../db/repositories/instance-domain-blocks.ts';

export interface DomainBlockInput {
  severity?: string;
  rejectMedia?: boolean;
  rejectReports?: boolean;
  privateComment?: string | null;
  publicComment?: string | null;
  obfuscate?: boolean;
}

export const domainBlockCommentMaxLength = 1000;

function comment(name: string, value: string | null | undefined, was: string | null) {
  if (value === undefined) return was;
  if (value === null || value.trim() === '') return null;
  if ([...value].length > domainBlockCommentMaxLength) {
    throw unprocessable(
      `Validation failed: ${name} is too long (maximum is ${domainBlockCommentMaxLength} characters)`,
    );
  }
  return value;
}

type Settable = Pick<
  InstanceDomainBlockRecord,
  'severity' | 'rejectMedia' | 'rejectReports' | 'privateComment' | 'publicComment' | 'obfuscate'
>;

export const defaultDomainBlock: Settable = {
  severity: 'silence',
  rejectMedia: false,
  rejectReports: false,
  privateComment: null,
  publicComment: null,
  obfuscate: false,
};

/** `current` with the input's changes, or a 422 naming the first bad value. */
export function applyDomainBlockInput(current: Settable, input: DomainBlockInput): Settable {
  const severity = input.severity ?? current.severity;
  if (!(domainBlockSeverities as readonly string[]).includes(severity)) {
    throw unprocessable('Validation failed: Severity is not included in the list');
  }
  return {
    severity: severity as DomainBlockSeverity,
    rejectMedia: input.rejectMedia ?? current.rejectMedia,
    rejectReports: input.rejectReports ?? current.rejectReports,
    privateComment: comment('Private comment', input.privateComment, current.privateComment),
    publicComment: comment('Public comment', input.publicComment, current.publicComment),
    obfuscate: input.obfuscate ?? current.obfuscate,
  };
}
