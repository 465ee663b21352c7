import { DateTime } from "luxon";
import { unitLabel } from "../conversation/compose.ts";
import { textReply } from "../conversation/reply.ts";
import { texts } from "../conversation/texts.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { ProactiveSender } from "../lessons/sender.ts";
import type { Logger } from "../log.ts";
import type { Region, RegionQuestion } from "../store/regions.ts";
import type { Store } from "../store/store.ts";

const R = texts.regional;
/** When the weekly digest goes out: Friday from 15:00, Dutch time. */
export const DIGEST_SLOT = { weekday: 5, hour: 15, zone: "Europe/Amsterdam" } as const;
/** Theme counts are shown only when at least this many different people asked: nobody can be singled out. */
export const DIGEST_MIN_PEOPLE = 3;
/** Unanswered questions this old are still listed as open. */
const OPEN_WEEKS = 4;

/** The digest's text: theme counts (never a question or a name) when ≥ 3 people asked, and the open threads. */
export function composeDigest(
  region: Region,
  thisWeek: RegionQuestion[],
  open: RegionQuestion[],
  knowledge: Knowledge,
): string | undefined {
  if (thisWeek.length === 0 && open.length === 0) return undefined;
  const lines = [R.digestHeader(region.name)];
  const people = new Set(thisWeek.map((q) => q.userKey));
  if (thisWeek.length > 0) {
    if (people.size >= DIGEST_MIN_PEOPLE) {
      const counts = new Map<string, number>();
      for (const q of thisWeek) if (q.unitIds[0]) counts.set(q.unitIds[0], (counts.get(q.unitIds[0]) ?? 0) + 1);
      lines.push(R.digestThemes);
      for (const [unitId, count] of [...counts].sort((a, b) => b[1] - a[1])) {
        const unit = knowledge.byId.get(unitId);
        if (unit) lines.push(R.digestThemeLine(unitLabel(unit, knowledge), count));
      }
    } else {
      lines.push(R.digestTooFew);
    }
  }
  if (open.length) {
    lines.push(R.digestOpen);
    for (const q of open) {
      const unit = q.unitIds[0] ? knowledge.byId.get(q.unitIds[0]) : undefined;
      lines.push(
        R.digestOpenLine(
          DateTime.fromJSDate(q.createdAt, { zone: DIGEST_SLOT.zone }).setLocale("nl").toFormat("cccc d LLLL"),
          unit ? unitLabel(unit, knowledge) : "",
        ),
      );
    }
  } else {
    lines.push(R.digestNoOpen);
  }
  return lines.join("\n");
}

export interface DigestDeps {
  store: Store;
  knowledge: Knowledge;
  log: Logger;
  senders: Map<string, ProactiveSender>;
  instance: string;
}

/**
 * The Friday post in each regional channel with `regio digest aan`. Sent once per ISO week, also
 * with several instances: the week is claimed in the deliveries table (as "digest:<region>").
 */
export class RegionalDigest {
  constructor(private readonly deps: DigestDeps) {}

  async runPass(now: Date): Promise<number> {
    const local = DateTime.fromJSDate(now, { zone: DIGEST_SLOT.zone });
    if (local.weekday !== DIGEST_SLOT.weekday || local.hour < DIGEST_SLOT.hour) return 0;
    const { store, knowledge, log } = this.deps;
    const week = local.toFormat("kkkk-'W'WW");
    const weekStart = local.startOf("week").toJSDate();
    let sent = 0;
    for (const region of [...(await store.regions.list("slack:")), ...(await store.regions.list("teams:"))]) {
      const sender = this.deps.senders.get(region.platform);
      if (!region.digest || !sender) continue;
      const claim = await store.deliveries.claim(
        `digest:${region.id}`,
        week,
        "digest",
        this.deps.instance,
        now,
        5 * 60_000,
      );
      if (!claim) continue;
      const since = local.minus({ weeks: OPEN_WEEKS }).toJSDate();
      const recent = await store.regions.questionsSince(region.id, since);
      const text = composeDigest(
        region,
        recent.filter((q) => q.createdAt >= weekStart),
        recent.filter((q) => q.replies === 0),
        knowledge,
      );
      const channel = await store.getConversation(region.id);
      if (!text || !channel) {
        await store.deliveries.markFailed(
          claim,
          this.deps.instance,
          text ? "no_conversation_reference" : "nothing_to_report",
        );
        continue;
      }
      const outcome = await sender.send(channel, textReply(text));
      if (outcome.ok) {
        await store.deliveries.markSent(claim, this.deps.instance, now);
        sent += 1;
      } else if (outcome.kind === "permanent") {
        await store.deliveries.markFailed(claim, this.deps.instance, outcome.error);
      } else {
        await store.deliveries.markRetry(
          claim,
          this.deps.instance,
          new Date(now.getTime() + 15 * 60_000),
          outcome.error,
        );
      }
      log.info({ platform: region.platform, intent: "region-digest", sent: outcome.ok }, "regional digest");
    }
    return sent;
  }
}
