import { clickSchema, type Click } from "../conversation/incoming.ts";
import type { Action } from "../conversation/reply.ts";

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

/**
 * A click and the card it sits on, as one button value: the click's own fields plus `origin`
 * (ignored by `decodeClick`, read by `decodeOrigin`).
 */
export function encodeClickWithOrigin(click: Click, origin: Click | undefined): string {
  return JSON.stringify(origin ? { ...click, origin } : click);
}

/** The origin carried by a button value, when there is one. */
export function decodeOrigin(value: unknown): Click | undefined {
  if (typeof value !== "string") return undefined;
  try {
    return decodeClick((JSON.parse(value) as { origin?: unknown }).origin);
  } catch {
    return undefined;
  }
}

/** The text a click stands for, as if the user had typed it ("" for clicks that are not text). */
export function clickText(click: Click): string {
  return click.kind === "ask" ? click.question : click.kind === "command" ? click.command : "";
}

/** What pressing a reply's action does, as the click the adapters send back to the core. */
export function clickOfAction(action: Action): Click {
  switch (action.kind) {
    case "ask":
      return { kind: "ask", question: action.question };
    case "read-more":
      return { kind: "read-more", unitId: action.unitId };
    case "feedback":
      return { kind: "feedback", value: action.value, ref: action.ref };
    case "command":
      return { kind: "command", command: action.command, ...(action.expect ? { expect: action.expect } : {}) };
  }
}
