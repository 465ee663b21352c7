import { createHmac } from "node:crypto";

/** Signs a Slack request body as Slack does: v0=HMAC-SHA256(secret, "v0:<timestamp>:<body>"). */
export function slackHeaders(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
  contentType = "application/json",
): Record<string, string> {
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": signature,
  };
}
