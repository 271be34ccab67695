import { ScrollText } from 'lucide-react';

import { BackLink } from '@/components/ui/back-link';
import { LiveRefresh } from '@/components/live/live-refresh';
import { DeliveryLog } from '@/components/settings/webhooks/delivery-log';
import { WebhooksCard } from '@/components/settings/webhooks/webhooks-card';
import { Card, CardBody, CardHeading } from '@/components/ui/card';
import { requireMember } from '@/lib/auth/current-member';
import { LIVE } from '@/lib/live/topics';
import { getWebhookSettings } from '@/lib/webhooks/settings';

import { createWebhook, deleteWebhook, sendTestWebhook, setWebhookEnabled, updateWebhook } from './actions';

export const metadata = { title: 'Webhooks' };

export default async function WebhooksSettingsPage() {
  const member = await requireMember();
  const settings = await getWebhookSettings(member);
  const names = Object.fromEntries((settings?.webhooks ?? []).map((w) => [w.id, w.name]));
  return (
    <div className="space-y-6">
      <LiveRefresh on={LIVE.webhooks} />
      <div className="space-y-2">
        <BackLink href="/settings">Settings</BackLink>
        <h1 className="text-2xl font-semibold tracking-tight">Webhooks</h1>
        <p className="text-sm text-muted-foreground">
          Signed HTTP posts to your tools when work, blockers, releases, results or deployments change. Retried with backoff for about an hour.
        </p>
      </div>
      <div className="max-w-5xl space-y-6">
        {settings === null ? (
          <Card>
            <CardBody>
              <p className="text-sm text-muted-foreground">Owners and managers set up webhooks. Ask one of them to add the URL you need.</p>
            </CardBody>
          </Card>
        ) : (
          <>
            <WebhooksCard
              webhooks={settings.webhooks}
              actions={{ create: createWebhook, update: updateWebhook, setEnabled: setWebhookEnabled, remove: deleteWebhook, sendTest: sendTestWebhook }}
            />
            <Card aria-labelledby="deliveries-heading">
              <CardHeading
                icon={ScrollText}
                id="deliveries-heading"
                title="Delivery log"
                description="The newest 50 deliveries. Finished ones are kept for 7 days; only the first 500 characters of an answer are kept."
              />
              <DeliveryLog deliveries={settings.deliveries} names={names} />
            </Card>
          </>
        )}
      </div>
    </div>
  );
}
