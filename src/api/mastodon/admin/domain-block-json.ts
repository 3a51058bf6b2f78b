/** Mastodon's Admin::DomainBlock and (public) DomainBlock entities. */
import { createHash } from 'node:crypto';
import type { InstanceDomainBlockRecord } from '../../../db/repositories/instance-domain-blocks.ts';
import { publicDomainName } from '../../../domain/domain-blocks/list-domain-blocks.ts';

const digest = (domain: string) => createHash('sha256').update(domain).digest('hex');

export function serializeAdminDomainBlock(block: InstanceDomainBlockRecord) {
  return {
    id: block.id,
    domain: block.domain,
    digest: digest(block.domain),
    created_at: new Date(block.createdAt).toISOString(),
    severity: block.severity,
    reject_media: block.rejectMedia,
    reject_reports: block.rejectReports,
    private_comment: block.privateComment,
    public_comment: block.publicComment,
    obfuscate: block.obfuscate,
  };
}

/** `withComment`: the public comment is shown (the `show_domain_blocks_rationale` setting). */
export function serializePublicDomainBlock(block: InstanceDomainBlockRecord, withComment: boolean) {
  return {
    domain: publicDomainName(block),
    digest: digest(block.domain),
    severity: block.severity,
    comment: withComment ? block.publicComment : null,
  };
}
