import { isValidZone } from "./schedule.ts";

export const DEFAULT_SLOT = { weekday: 1, time: "08:30", timeZone: "Europe/Amsterdam" } as const;

const DAYS: Record<string, number> = {
  ma: 1,
  maandag: 1,
  monday: 1,
  mon: 1,
  di: 2,
  dinsdag: 2,
  tuesday: 2,
  tue: 2,
  wo: 3,
  woensdag: 3,
  wednesday: 3,
  wed: 3,
  do: 4,
  donderdag: 4,
  thursday: 4,
  thu: 4,
  vr: 5,
  vrijdag: 5,
  friday: 5,
  fri: 5,
  za: 6,
  zaterdag: 6,
  saturday: 6,
  sat: 6,
  zo: 7,
  zondag: 7,
  sunday: 7,
  sun: 7,
};

export interface SubscribeArgs {
  weekday: number;
  time: string;
  timeZone: string;
  track: "standaard" | "starter";
  /** false with "zonder kalender": the fixed order, not the municipal year */
  calendar: boolean;
}

/**
 * Reads "dinsdag 9:00", "vr 16.30 Europe/Brussels", "starter", "9u" … Every part is optional;
 * what is left out keeps the default (maandag 08:30, Europe/Amsterdam, standard order).
 * Returns the word it could not read as an error.
 */
export function parseSubscribeArgs(args: string): SubscribeArgs | { error: string } {
  const result: SubscribeArgs = { ...DEFAULT_SLOT, track: "standaard", calendar: true };
  const words = args.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const lower = word.toLowerCase().replace(/[,;]$/, "");
    const nextWord = words[i + 1]?.toLowerCase().replace(/[,;]$/, "");
    if ((lower === "zonder" || lower === "met") && (nextWord === "kalender" || nextWord === "calendar")) {
      result.calendar = lower === "met";
      i += 1;
      continue;
    }
    if (lower === "without" && nextWord === "calendar") {
      result.calendar = false;
      i += 1;
      continue;
    }
    if (lower in DAYS) {
      result.weekday = DAYS[lower]!;
      continue;
    }
    const time = /^(\d{1,2})(?:[:.u](\d{2}))?(?:u|uur)?$/.exec(lower);
    if (time) {
      const hour = Number(time[1]);
      const minute = Number(time[2] ?? 0);
      if (hour > 23 || minute > 59) return { error: word };
      result.time = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
      continue;
    }
    if (lower === "starter" || lower === "standaard") {
      result.track = lower;
      continue;
    }
    if (word.includes("/") && isValidZone(word)) {
      result.timeZone = word;
      continue;
    }
    if (lower === "om" || lower === "op" || lower === "elke" || lower === "uur") continue;
    return { error: word };
  }
  return result;
}

/** "pauzeer 3 weken" → 3; "pauzeer" → 1; out of 1–52 → undefined. */
export function parsePauseWeeks(args: string): number | undefined {
  if (!args.trim()) return 1;
  const match = /^(\d{1,2})\s*(week|weken|weeks?)?$/i.exec(args.trim());
  const weeks = match ? Number(match[1]) : NaN;
  return weeks >= 1 && weeks <= 52 ? weeks : undefined;
}
