'use server';

import { defineAction } from '@/lib/procedure/action';
import {
  createWebhook as create,
  createWebhookInput,
  deleteWebhook as remove,
  sendTestWebhook as sendTest,
  setWebhookEnabled as setEnabled,
  setWebhookEnabledInput,
  updateWebhook as update,
  updateWebhookInput,
  webhookIdInput,
} from '@/lib/webhooks/webhooks';

// Webhooks are set up by owners and managers (organisation:configure), never by a token: a
// webhook's secret is shown to the person who made it.
const access = { permission: 'organisation:configure', callers: ['member'] } as const;
const userOf = (caller: { kind: string; userId?: string | null }) => (caller.kind === 'member' ? (caller.userId ?? '') : '');

/** Makes a webhook; its signing secret is answered once. */
export const createWebhook = defineAction({
  name: 'createWebhook',
  access,
  input: createWebhookInput,
  run: ({ tx, caller, input }) => create(tx, { ...input, organisationId: caller.organisationId, userId: userOf(caller) }),
});

export const updateWebhook = defineAction({
  name: 'updateWebhook',
  access,
  input: updateWebhookInput,
  run: ({ tx, caller, input }) => update(tx, { ...input, userId: userOf(caller) }),
});

export const setWebhookEnabled = defineAction({
  name: 'setWebhookEnabled',
  access,
  input: setWebhookEnabledInput,
  run: ({ tx, caller, input }) => setEnabled(tx, { ...input, userId: userOf(caller) }),
});

export const deleteWebhook = defineAction({
  name: 'deleteWebhook',
  access,
  input: webhookIdInput,
  run: ({ tx, caller, input }) => remove(tx, { ...input, userId: userOf(caller) }),
});

/** Queues a test delivery (event ping); the worker sends it within moments. */
export const sendTestWebhook = defineAction({
  name: 'sendTestWebhook',
  access,
  input: webhookIdInput,
  run: ({ tx, caller, input }) => sendTest(tx, { ...input, userId: userOf(caller) }),
});
