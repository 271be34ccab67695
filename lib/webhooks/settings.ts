import 'server-only';

import type { OrganisationCaller } from '../auth/identity';
import { withOrganisation } from '../db/client';
import { can } from '../organisations/permissions';
import { listDeliveries, listWebhooks, type DeliverySummary, type WebhookSummary } from './webhooks';

export interface WebhookSettings {
  webhooks: WebhookSummary[];
  /** The newest deliveries of every webhook, newest first. */
  deliveries: DeliverySummary[];
}

/** What the webhooks settings page shows; null for a member who may not configure the organisation. */
export async function getWebhookSettings(member: OrganisationCaller): Promise<WebhookSettings | null> {
  if (!can(member.role, 'organisation:configure')) return null;
  return withOrganisation(member.organisationId, async (tx) => ({
    webhooks: await listWebhooks(tx),
    deliveries: await listDeliveries(tx, { limit: 50 }),
  }));
}
