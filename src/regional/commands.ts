import type { CommandHandler } from "../conversation/core.ts";
import type { Incoming } from "../conversation/incoming.ts";
import type { Intent } from "../conversation/intents.ts";
import { textReply, type Action, type Reply } from "../conversation/reply.ts";
import type { ThemeSearch } from "../conversation/share.ts";
import { texts } from "../conversation/texts.ts";
import type { Logger } from "../log.ts";
import type { Region } from "../store/regions.ts";
import type { Store } from "../store/store.ts";
import type { RegionPlatform } from "./platform.ts";

const R = texts.regional;
/** The longest question offered to a region: it travels in the confirmation buttons (Slack values ≤ 2000). */
export const MAX_REGION_QUESTION = 1500;
/** Membership answers are reused this long, so an answer in a DM does not ask the platform every time. */
const MEMBERSHIP_TTL_MS = 10 * 60_000;

export interface RegionalDeps {
  store: Store;
  search: ThemeSearch;
  log: Logger;
  now?: () => Date;
}

/** Whether a question fits the confirmation buttons: at most 1500 characters, and its button value within Slack's 2000. */
function fitsButton(question: string): boolean {
  return (
    question.length <= MAX_REGION_QUESTION &&
    JSON.stringify({ kind: "command", command: `regio plaats anoniem @teams:${"x".repeat(90)} ${question}` }).length <=
      2000
  );
}

/** "slack:T1:U1" → "slack:T1:" (one Slack workspace); "teams:…" → "teams:". */
function workspacePrefix(conversationId: string): string {
  return conversationId.startsWith("slack:")
    ? `${conversationId.split(":").slice(0, 2).join(":")}:`
    : `${conversationId.split(":")[0]}:`;
}

/** "@slack:T1:C9 de vraag" → region ID and the rest. */
function regionArg(args: string): { regionId: string | undefined; rest: string } {
  const m = /^@(\S+)\s*([\s\S]*)$/.exec(args);
  return m ? { regionId: m[1], rest: m[2]!.trim() } : { regionId: undefined, rest: args.trim() };
}

/**
 * "Vraag het de regio": a channel registered as a regional team's channel (`regio koppel <naam>`),
 * and from a DM, after an answer, a question posted there as a thread: the exact text shown first,
 * anonymous unless she chooses her name, nothing posted without her confirmation, membership of
 * the channel checked through the platform, thread replies sent back to her DM.
 */
export class RegionalCommands implements CommandHandler {
  private readonly platforms = new Map<string, RegionPlatform>();
  private readonly membership = new Map<string, { at: number; display: string | undefined }>();
  private readonly now: () => Date;

  constructor(private readonly deps: RegionalDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Called by the server for each platform that is configured. */
  usePlatform(name: string, platform: RegionPlatform): void {
    this.platforms.set(name, platform);
  }

  async handle(intent: Intent, incoming: Incoming): Promise<Reply | undefined> {
    // "vergeet mij" itself is answered by the lessons module (the store deletes her links and questions)
    if (intent.kind === "forget-me" && intent.confirmed) this.forgetCache(incoming.userId);
    if (intent.kind !== "region") return undefined;
    switch (intent.command) {
      case "show":
        return this.show(incoming);
      case "link":
        return this.link(intent.args, incoming);
      case "ask":
        return this.ask(intent.args, incoming);
      case "post":
        return this.post(intent.args, incoming);
      case "cancel":
        return textReply(R.cancelled);
      case "digest":
        return this.digest(intent.args, incoming);
      default:
        return textReply(R.unknownCommand);
    }
  }

  /** After an answer in a DM: "Vraag het je regio", when she is a member of a region's channel. */
  async extraActions(incoming: Incoming, question: string): Promise<Action[]> {
    if (!incoming.isDirect || !this.platforms.has(incoming.platform)) return [];
    const text = question.trim();
    if (!text || !fitsButton(text)) return [];
    try {
      const regions = await this.memberRegions(incoming);
      return regions.length ? [{ kind: "command", label: R.offer, command: `regio vraag ${text}` }] : [];
    } catch (error) {
      this.deps.log.warn(
        { platform: incoming.platform, err: { message: (error as Error).message } },
        "region membership check failed",
      );
      return [];
    }
  }

  /** A reply in a regional question's thread: sent to the asker's DM. True when it was one. */
  async onThreadReply(reply: {
    regionId: string;
    threadRef: string;
    platform: string;
    who: string | undefined;
    text: string;
  }): Promise<boolean> {
    const { store } = this.deps;
    const question = await store.regions.questionByThread(reply.regionId, reply.threadRef);
    if (!question) return false;
    const region = await store.regions.get(reply.regionId);
    const dm = await store.getConversation(question.dmConversationId);
    const platform = this.platforms.get(reply.platform);
    if (!region || !dm || !platform || !reply.text.trim()) return true;
    const sent = await platform.sendDirect(
      dm,
      textReply(R.forwarded(region.name, reply.who ?? R.someone, reply.text.trim().slice(0, 2500))),
    );
    if (sent) await store.regions.countReply(question.id);
    this.deps.log.info({ platform: reply.platform, intent: "region-reply", forwarded: sent }, "regional thread reply");
    return true;
  }

  private async show(incoming: Incoming): Promise<Reply> {
    if (!incoming.isDirect) {
      const region = await this.deps.store.regions.get(incoming.conversationId);
      return textReply(region ? R.thisChannel(region.name, region.digest) : R.notLinked);
    }
    const regions = await this.memberRegions(incoming);
    return textReply(regions.length ? R.yourRegions(regions.map((r) => r.region.name)) : R.noRegions);
  }

  private async link(name: string, incoming: Incoming): Promise<Reply> {
    if (incoming.isDirect || incoming.platform === "local") return textReply(R.linkInChannel);
    const clean = name.replace(/[*_`<>]/g, "").trim();
    if (clean.length < 2 || clean.length > 80) return textReply(R.linkHow);
    const region = await this.deps.store.regions.register(
      incoming.conversationId,
      incoming.platform,
      clean,
      this.now(),
    );
    await this.deps.store.regions.link(region.id, `${incoming.platform}:${incoming.userId}`, this.now());
    this.membership.set(`${region.id}|${incoming.userId}`, { at: this.now().getTime(), display: undefined });
    return { ...textReply(R.linked(region.name)), announce: R.linked(region.name) };
  }

  private async digest(args: string, incoming: Incoming): Promise<Reply> {
    const region = incoming.isDirect ? undefined : await this.deps.store.regions.get(incoming.conversationId);
    if (!region) return textReply(R.notLinked);
    const on = /^(aan|on)$/i.test(args.trim());
    const off = /^(uit|off)$/i.test(args.trim());
    if (!on && !off) return textReply(R.unknownCommand);
    await this.deps.store.regions.setDigest(region.id, on);
    return textReply(on ? R.digestOn(region.name) : R.digestOff(region.name));
  }

  /** Step 1: which region (when she is in more than one), then the exact text that will be posted. */
  private async ask(args: string, incoming: Incoming): Promise<Reply> {
    if (!incoming.isDirect) return textReply(R.onlyDirect);
    const { regionId, rest: question } = regionArg(args);
    if (!question) return textReply(R.noQuestion);
    if (!fitsButton(question)) return textReply(R.tooLong);
    const regions = await this.memberRegions(incoming);
    if (regions.length === 0) return textReply(R.noRegions);
    const chosen = regionId
      ? regions.find((r) => r.region.id === regionId)
      : regions.length === 1
        ? regions[0]
        : undefined;
    if (regionId && !chosen) return textReply(R.notMember);
    if (!chosen) {
      return textReply(
        R.chooseRegion,
        regions.map((r) => ({
          kind: "command",
          label: r.region.name,
          command: `regio vraag @${r.region.id} ${question}`,
        })),
      );
    }
    const themes = this.deps.search.search(question, 3).map((c) => c.label);
    return textReply(R.preview(chosen.region.name, question, themes), [
      {
        kind: "command",
        label: R.postAnonymous,
        command: `regio plaats anoniem @${chosen.region.id} ${question}`,
        style: "primary",
      },
      { kind: "command", label: R.postWithName, command: `regio plaats naam @${chosen.region.id} ${question}` },
      { kind: "command", label: R.cancel, command: "regio annuleer" },
    ]);
  }

  /** Step 2, only after her explicit choice: membership checked again, then the thread starter is posted. */
  private async post(args: string, incoming: Incoming): Promise<Reply> {
    if (!incoming.isDirect) return textReply(R.onlyDirect);
    const mode = /^(anoniem|naam)\s+([\s\S]*)$/.exec(args);
    if (!mode) return textReply(R.unknownCommand);
    const anonymous = mode[1] === "anoniem";
    const { regionId, rest: question } = regionArg(mode[2]!);
    if (!regionId || !question || question.length > MAX_REGION_QUESTION) return textReply(R.unknownCommand);
    const { store, log } = this.deps;
    const region = await store.regions.get(regionId);
    const platform = this.platforms.get(incoming.platform);
    const channel =
      region && region.platform === incoming.platform ? await store.getConversation(region.id) : undefined;
    if (!region || !platform || !channel) return textReply(R.notMember);
    // Asked of the platform now, not from the cache: she may have left the channel since the offer.
    const member = await platform.member(channel, incoming.userId);
    if (!member) {
      await store.regions.unlink(region.id, `${incoming.platform}:${incoming.userId}`);
      return textReply(R.notMember);
    }
    const cards = this.deps.search.search(question, 3);
    try {
      const posted = await platform.postQuestion(channel, {
        question,
        asker: anonymous ? undefined : member.display,
        themes: cards.map((c) => c.label),
      });
      await store.regions.link(region.id, `${incoming.platform}:${incoming.userId}`, this.now());
      await store.regions.addQuestion(
        {
          regionId: region.id,
          userKey: `${incoming.platform}:${incoming.userId}`,
          dmConversationId: incoming.conversationId,
          anonymous,
          unitIds: cards.map((c) => c.unitId),
          threadRef: posted.threadRef,
        },
        this.now(),
      );
      log.info(
        { platform: incoming.platform, intent: "region-question", anonymous, units: cards.map((c) => c.unitId) },
        "question posted in a region",
      );
      return textReply(R.posted(region.name, anonymous, posted.link));
    } catch (error) {
      log.warn(
        { platform: incoming.platform, err: { message: (error as Error).message } },
        "posting a regional question failed",
      );
      return textReply(R.postFailed);
    }
  }

  /** The regions of her workspace whose channel she is a member of (asked of the platform, cached briefly); links kept in step. */
  private async memberRegions(incoming: Incoming): Promise<Array<{ region: Region; display: string | undefined }>> {
    const { store } = this.deps;
    const platform = this.platforms.get(incoming.platform);
    if (!platform) return [];
    const userKey = `${incoming.platform}:${incoming.userId}`;
    const found: Array<{ region: Region; display: string | undefined }> = [];
    for (const region of await store.regions.list(workspacePrefix(incoming.conversationId))) {
      const key = `${region.id}|${incoming.userId}`;
      const cached = this.membership.get(key);
      let member: { display: string | undefined } | undefined;
      if (cached && this.now().getTime() - cached.at < MEMBERSHIP_TTL_MS) member = cached;
      else {
        const channel = await store.getConversation(region.id);
        const answer = channel ? await platform.member(channel, incoming.userId) : undefined;
        if (answer) this.membership.set(key, { at: this.now().getTime(), display: answer.display });
        else this.membership.delete(key);
        member = answer;
        if (answer) await store.regions.link(region.id, userKey, this.now());
        else await store.regions.unlink(region.id, userKey);
      }
      if (member) found.push({ region, display: member.display });
    }
    return found;
  }

  /** "Vergeet mij" also forgets cached memberships. */
  forgetCache(userId: string): void {
    for (const key of this.membership.keys()) if (key.endsWith(`|${userId}`)) this.membership.delete(key);
  }
}
