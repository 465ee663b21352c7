import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { ConversationCore } from "../conversation/core.ts";
import type { Incoming } from "../conversation/incoming.ts";
import { textReply } from "../conversation/reply.ts";
import { texts } from "../conversation/texts.ts";
import { numberedChoices, renderText, type Choice } from "../render/text.ts";
import type { Surface } from "./surface.ts";

export interface TerminalOptions {
  core: ConversationCore;
  input: Readable;
  output: Writable;
  /** lines shown under the intro, e.g. which platforms are not configured */
  notes?: string[];
  /**
   * Lines that follow each other within this many milliseconds are one message (a pasted e-mail
   * is one question, not six). Default: 40 ms when a person types in a terminal, 0 for piped input.
   */
  pasteWindowMs?: number;
}

/** Lines as messages: lines arriving within `windowMs` of each other are joined into one. */
async function* messagesOf(lines: ReturnType<typeof createInterface>, windowMs: number): AsyncGenerator<string> {
  const ready: string[] = [];
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const flush = () => {
    clearTimeout(timer);
    if (pending.length) ready.push(pending.join("\n"));
    pending = [];
    wake?.();
  };
  lines.on("line", (line) => {
    pending.push(line);
    if (windowMs <= 0) flush();
    else {
      clearTimeout(timer);
      timer = setTimeout(flush, windowMs);
    }
  });
  lines.on("close", () => {
    flush();
    ended = true;
    wake?.();
  });
  for (;;) {
    const next = ready.shift();
    if (next !== undefined) {
      yield next;
      continue;
    }
    if (ended) return;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
}

/**
 * The terminal chat: the same conversation core as Slack and Teams, in plain text.
 * Typing the number of a follow-up asks it; the chat ends on a quit word or end of input.
 */
export class TerminalSurface implements Surface {
  readonly platform = "local";
  private lines: ReturnType<typeof createInterface> | undefined;

  constructor(private readonly options: TerminalOptions) {}

  /** Runs the chat until the user quits or the input ends. */
  async start(): Promise<void> {
    const { core, input, output, notes = [] } = this.options;
    const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
    const lines = createInterface({
      input,
      output: interactive ? output : undefined,
      terminal: interactive,
      crlfDelay: Infinity,
    });
    this.lines = lines;
    const say = (text: string) => output.write(`${text}\n`);
    const prompt = () => output.write(texts.terminal.prompt);

    say(texts.terminal.intro.replace(/\*/g, ""));
    for (const note of notes) say(note);
    say("");
    prompt();

    let choices: Choice[] = [];
    const base: Omit<Incoming, "text"> = {
      platform: "local",
      conversationId: "local:terminal",
      userId: "local",
      isDirect: true,
    };
    for await (const raw of messagesOf(lines, this.options.pasteWindowMs ?? (interactive ? 40 : 0))) {
      const line = raw.trim();
      if ((texts.terminal.quitWords as readonly string[]).includes(line.toLowerCase())) break;
      const number = /^\d{1,2}$/.test(line) ? Number(line) : undefined;
      const picked = number === undefined ? undefined : choices[number - 1];
      // While a list of choices is shown, a number picks from it and nothing else (not a theme of that number).
      const reply =
        number !== undefined && choices.length > 0 && !picked
          ? textReply(texts.noSuchChoice(number, choices.length))
          : await core.handle(picked ? { ...base, text: picked.label, click: picked.click } : { ...base, text: raw });
      if (number !== undefined && choices.length > 0 && !picked) {
        say("");
        say(renderText(reply));
        say("");
        prompt();
        continue;
      }
      choices = numberedChoices(reply);
      say("");
      say(renderText(reply));
      say("");
      prompt();
    }
    say("");
    say(texts.terminal.bye);
    lines.close();
  }

  async stop(): Promise<void> {
    this.lines?.close();
  }
}
