import type { Logger } from "../log.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { Answerer } from "../search/answer.ts";
import type { Intent } from "./intents.ts";
import { detectIntent } from "./intents.ts";
import { composeAnswer, composeUnit } from "./compose.ts";
import type { ConversationEvents } from "./events.ts";
import { decodeFeedbackRef, type FeedbackStore } from "./feedback.ts";
import { type Click, MAX_QUESTION_LENGTH, type Incoming } from "./incoming.ts";
import { composeList } from "./list.ts";
import { textReply, type Action, type Reply } from "./reply.ts";
import { texts } from "./texts.ts";

/** Commands that need the store (les van de week, leeragenda, privacy); provided by the lessons module. */
export interface CommandHandler {
  handle(intent: Intent, incoming: Incoming): Promise<Reply | undefined>;
  /** the card of one lesson, built again for a click on it (its buttons act on that lesson) */
  lessonCard?(unitId: string, incoming: Incoming): Promise<Reply | undefined>;
  /** extra sections of a home screen, e.g. this week's lesson and the user's subscriptions */
  home?(request: HomeRequest): Promise<Reply[]>;
  /** buttons added under an answer to a question, e.g. "Vraag het je regio" in a DM */
  extraActions?(incoming: Incoming, question: string): Promise<Action[]>;
}

export interface HomeRequest {
  platform: Incoming["platform"];
  userId: string;
  conversationId: string;
  /** the outcome of a button pressed on the home screen */
  notice?: string | undefined;
}

export interface CoreDeps {
  knowledge: Knowledge;
  answerer: Answerer;
  feedback: FeedbackStore;
  log: Logger;
  logQuestions: boolean;
  commands?: CommandHandler | undefined;
  /** told about every reply and every 👍/👎 (metrics, usage figures, review queue) */
  events?: ConversationEvents | undefined;
}

/** What one reply was about, gathered while handling it, for the events port. */
interface Trace {
  answered?: boolean;
  suggestions?: string[];
  question?: string;
  choice?: string;
}

/**
 * The outcome of a click on a card: `update` replaces the card that was clicked (Teams' invoke
 * response, Slack's replace_original), `post` is a new message.
 */
export interface ClickOutcome {
  update?: Reply | undefined;
  post?: Reply | undefined;
}

/** Commands that a confirmation card asks for: after the click the card shows the outcome instead. */
const CONFIRMATIONS = new Set(["vergeet mij bevestigd", "vergeet mij niet"]);

/** How many conversations the core remembers the last answer and an open question for (least recent dropped). */
const MEMORY = 10_000;

// Control characters other than tab and newlines mean the "text" is binary data.
const BINARY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/g;

/** The platform-neutral conversation: one Incoming in, one Reply out. Adapters only translate. */
export class ConversationCore {
  /** per conversation and user: the feedback reference of the last answer (for a typed 👍/👎) */
  private readonly lastAnswer = new Map<string, string>();
  /** per conversation and user: the commands a typed "ja" or "nee" stands for */
  private readonly pendingConfirm = new Map<string, { yes: string; no: string }>();

  constructor(private readonly deps: CoreDeps) {}

  welcome(): Reply {
    return textReply(`${texts.welcome}\n${texts.help}`);
  }

  /**
   * A click on a card: what replaces the card and what is posted. Feedback and confirmations update
   * the card itself; other clicks post their answer and refresh the card they came from.
   */
  async click(incoming: Incoming): Promise<ClickOutcome> {
    const click = incoming.click;
    if (!click) return { post: await this.handle(incoming) };
    if (click.kind === "feedback") {
      const answer = await this.handle(incoming);
      const base = incoming.origin ? await this.rebuild(incoming, incoming.origin) : answer;
      return { update: { ...base, feedbackGiven: { value: click.value, final: Boolean(click.was), ref: click.ref } } };
    }
    if (click.kind === "command" && CONFIRMATIONS.has(click.command)) {
      return { update: await this.handle(incoming) };
    }
    let post = await this.handle(incoming);
    if (click.kind === "ask" && (!incoming.isDirect || incoming.threadId)) {
      // In a thread or group chat everyone sees the answer: say what was asked.
      post = { ...post, text: `${texts.youAsked(click.question)}\n${post.text}` };
    }
    const update = incoming.origin ? await this.rebuild(incoming, incoming.origin) : undefined;
    return { post, update };
  }

  private async rebuild(incoming: Incoming, origin: Click): Promise<Reply> {
    return this.handle({ ...incoming, click: origin, origin: undefined, text: "" });
  }

  private key(incoming: Incoming): string {
    return `${incoming.conversationId}|${incoming.userId}`;
  }

  private remember<T>(map: Map<string, T>, key: string, value: T | undefined): void {
    map.delete(key);
    if (value === undefined) return;
    map.set(key, value);
    if (map.size > MEMORY) map.delete(map.keys().next().value!);
  }

  /** The home screen (Slack App Home): a notice, what the bot does, and what the lessons module adds. */
  async home(request: HomeRequest): Promise<Reply> {
    const sections = (await this.deps.commands?.home?.(request)) ?? [];
    const text = [request.notice, texts.homeAbout, ...sections.map((s) => s.text)].filter(Boolean).join("\n\n");
    return {
      text,
      units: sections.flatMap((s) => s.units),
      followUps: sections.flatMap((s) => s.followUps).slice(0, 4),
      actions: sections.flatMap((s) => s.actions),
      reflection: sections.find((s) => s.reflection)?.reflection,
    };
  }

  async handle(incoming: Incoming): Promise<Reply> {
    const started = performance.now();
    let intentKind = incoming.click ? `click:${incoming.click.kind}` : "click";
    let reply: Reply;
    const trace: Trace = {};
    try {
      if (incoming.click) {
        reply = await this.handleClick(incoming, trace);
      } else {
        const checked = this.check(incoming.text);
        if (checked) {
          intentKind = "rejected-input";
          reply = checked;
        } else {
          const intent = detectIntent(incoming.text);
          intentKind = intent.kind;
          reply = await this.handleIntent(intent, incoming, trace);
        }
      }
    } catch (error) {
      this.deps.log.error({ err: error, platform: incoming.platform }, "handling a message failed");
      reply = textReply(texts.error);
    }
    const key = this.key(incoming);
    const feedback = reply.actions.find((a) => a.kind === "feedback");
    if (feedback?.kind === "feedback") this.remember(this.lastAnswer, key, feedback.ref);
    this.remember(this.pendingConfirm, key, reply.confirm);
    const latencyMs = performance.now() - started;
    this.deps.log.info(
      {
        platform: incoming.platform,
        intent: intentKind,
        units: reply.units.map((u) => u.id),
        ms: Math.round(latencyMs),
        ...(this.deps.logQuestions ? { question: incoming.text, user: incoming.userId } : {}),
      },
      "replied",
    );
    await this.report(incoming, intentKind, reply, trace, latencyMs);
    return reply;
  }

  private async report(
    incoming: Incoming,
    intent: string,
    reply: Reply,
    trace: Trace,
    latencyMs: number,
  ): Promise<void> {
    const events = this.deps.events;
    if (!events) return;
    const units = reply.units.length > 0 ? reply.units.map((u) => u.id) : (trace.suggestions ?? []);
    try {
      await events.replied({
        platform: incoming.platform,
        intent,
        answered: trace.answered,
        units,
        suggestions: trace.suggestions ?? [],
        latencyMs,
        question: trace.question,
        choice: trace.choice,
        conversationId: incoming.conversationId,
      });
    } catch (error) {
      this.deps.log.warn({ err: { message: (error as Error).message } }, "reporting a reply failed");
    }
  }

  private check(text: string): Reply | undefined {
    const binary = text.match(BINARY)?.length ?? 0;
    if (binary > 0 && binary >= text.length * 0.05) return textReply(texts.notText);
    if (text.length > MAX_QUESTION_LENGTH) return textReply(texts.tooLong(MAX_QUESTION_LENGTH));
    return undefined;
  }

  private async handleClick(incoming: Incoming, trace: Trace): Promise<Reply> {
    const click = incoming.click!;
    const { knowledge } = this.deps;
    switch (click.kind) {
      case "ask":
        return this.handleIntent(
          { kind: "question", text: click.question },
          { ...incoming, text: click.question },
          trace,
        );
      case "read-more": {
        trace.choice = click.unitId;
        const unit = knowledge.byId.get(click.unitId);
        return unit ? composeUnit(unit, knowledge) : textReply(texts.unknownUnit);
      }
      case "lesson":
        return (await this.deps.commands?.lessonCard?.(click.unitId, incoming)) ?? textReply(texts.unknownUnit);
      case "feedback": {
        const decoded = decodeFeedbackRef(click.ref);
        if (decoded) {
          const unitIds = decoded.unitIds.filter((id) => knowledge.byId.has(id));
          // Feedback is worth keeping but not worth an error message: a store outage only logs.
          await this.deps.feedback
            .recordFeedback({
              questionHash: decoded.questionHash,
              unitIds,
              value: click.value,
              at: new Date(),
              replaces: click.was,
            })
            .catch((error: unknown) => this.deps.log.warn({ err: error }, "feedback not stored"));
          try {
            await this.deps.events?.feedback({
              platform: incoming.platform,
              value: click.value,
              questionHash: decoded.questionHash,
              unitIds,
            });
          } catch (error) {
            this.deps.log.warn({ err: error }, "reporting feedback failed");
          }
        }
        return textReply(click.value === "up" ? texts.feedbackThanks : texts.feedbackSorry);
      }
      case "command":
        return this.handleIntent(detectIntent(click.command), { ...incoming, text: click.command }, trace);
    }
  }

  private async handleIntent(intent: Intent, incoming: Incoming, trace: Trace = {}): Promise<Reply> {
    const { knowledge, answerer } = this.deps;
    switch (intent.kind) {
      case "empty":
        return textReply(texts.empty);
      case "greeting":
        return textReply(texts.greeting);
      case "help":
        return textReply(texts.help);
      case "list":
        return { ...composeList(knowledge, intent.source), origin: { kind: "command", command: incoming.text } };
      case "unit": {
        const unit = knowledge.byId.get(intent.id);
        return unit
          ? { ...composeUnit(unit, knowledge), origin: { kind: "read-more", unitId: unit.id } }
          : textReply(texts.unknownUnit);
      }
      case "out-of-range":
        return textReply(texts.unitOutOfRange(intent.label, intent.number, intent.max));
      case "question": {
        const answer = answerer.answer(intent.text);
        trace.answered = answer.answered;
        trace.question = intent.text;
        trace.suggestions = (answer.answered ? answer.suggestions : answer.suggestions.slice(0, 3)).map((s) => s.id);
        const reply = composeAnswer(answer, knowledge);
        const extra = (await this.deps.commands?.extraActions?.(incoming, intent.text)) ?? [];
        const withExtra = extra.length ? { ...reply, actions: [...reply.actions, ...extra] } : reply;
        // A card of a short question can be built again for a click on it.
        return intent.text.length <= 300 ? { ...withExtra, origin: { kind: "ask", question: intent.text } } : withExtra;
      }
      case "feedback":
        return textReply(texts.feedbackThanks);
      case "rate": {
        const ref = this.lastAnswer.get(this.key(incoming));
        if (!ref) return textReply(texts.feedbackNoAnswer);
        return this.handleClick({ ...incoming, click: { kind: "feedback", value: intent.value, ref } }, trace);
      }
      case "yes":
      case "no": {
        const pending = this.pendingConfirm.get(this.key(incoming));
        if (!pending) return textReply(texts.lessons.forgetExpired);
        const command = intent.kind === "yes" ? pending.yes : pending.no;
        return this.handleIntent(detectIntent(command), { ...incoming, text: command });
      }
      default: {
        let handled: Reply | undefined;
        try {
          handled = await this.deps.commands?.handle(intent, incoming);
        } catch (error) {
          // These commands need the store; when it is unavailable the user is told so plainly.
          this.deps.log.error({ err: error, platform: incoming.platform, intent: intent.kind }, "command failed");
          return textReply(texts.unavailable);
        }
        return handled ?? textReply(texts.notAvailable);
      }
    }
  }
}
