let counter = 0;

/**
 * A Teams activity as the Bot Connector sends it to the bot: a message in a personal chat, from
 * one secretary, unless `fields` say otherwise (a channel, an invoke, another user).
 */
export function teamsActivity(serviceUrl: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    type: "message",
    id: `incoming-${counter}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: "msteams",
    from: { id: "29:user-1", name: "Secretaris", aadObjectId: "aad-user-1" },
    conversation: { id: "a:personal-1", conversationType: "personal", tenantId: "tenant-1" },
    recipient: { id: "28:bot-1", name: "Wegwijzer" },
    locale: "nl-NL",
    channelData: { tenant: { id: "tenant-1" } },
    ...fields,
  };
}
