import { clickSchema, type Click } from "../conversation/incoming.ts";

/** Clicks travel as JSON in button values (Slack) and action data (Teams); decoding validates them. */
export function encodeClick(click: Click): string {
  return JSON.stringify(click);
}

export function decodeClick(value: unknown): Click | undefined {
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const result = clickSchema.safeParse(parsed);
  return result.success ? result.data : undefined;
}
