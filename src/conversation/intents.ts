import { normalizePhrase } from "../search/normalize.ts";

/** What a message asks for before any search: commands and lookups with a fixed answer. */
export type Intent =
  | { kind: "empty" }
  | { kind: "greeting" }
  | { kind: "help" }
  | { kind: "list"; source: "wegwijzer" | "leren-decentraliseren" | "uitvoering-op-zn-kop" | "all" }
  | { kind: "unit"; id: string }
  | { kind: "out-of-range"; label: string; number: number; max: number }
  | { kind: "rate"; value: "up" | "down" }
  | { kind: "yes" }
  | { kind: "no" }
  | { kind: "lesson-of-the-week" }
  | { kind: "subscription"; command: "subscribe" | "pause" | "resume" | "stop" | "status"; args: string }
  | { kind: "learning-agenda" }
  | { kind: "note"; text: string }
  | { kind: "forget-me"; confirmed: boolean | undefined }
  | { kind: "discuss"; unitId: string }
  | { kind: "privacy" }
  | { kind: "feedback"; text: string }
  | { kind: "region"; command: "show" | "link" | "ask" | "post" | "cancel" | "digest" | "unknown"; args: string }
  | { kind: "question"; text: string };

const GREETINGS = new Set([
  "hoi",
  "hallo",
  "hey",
  "hi",
  "hello",
  "goedemorgen",
  "goedemiddag",
  "goedenavond",
  "dag",
  "hoihoi",
  "yo",
  "good morning",
  "goedendag",
  "hallo daar",
  "hoi wegwijzer",
  "hallo wegwijzer",
]);
const HELP = new Set([
  "help",
  "hulp",
  "helpen",
  "wat kun je",
  "wat kan je",
  "wat kun jij",
  "wat kan jij",
  "wat doe je",
  "wat kan ik vragen",
  "hoe werkt dit",
  "hoe werk je",
  "uitleg",
  "commands",
  "commando s",
  "menu",
  "start",
  "?",
  "info",
  "help me",
  "how does this work",
  "what can you do",
]);
const LISTS: Record<string, Extract<Intent, { kind: "list" }>["source"]> = {
  themas: "wegwijzer",
  "thema s": "wegwijzer",
  "alle themas": "wegwijzer",
  "alle thema s": "wegwijzer",
  overzicht: "all",
  inhoud: "all",
  inhoudsopgave: "all",
  hoofdstukken: "wegwijzer",
  lijst: "all",
  themes: "wegwijzer",
  list: "all",
  "list themes": "wegwijzer",
  contents: "all",
  "welke themas zijn er": "wegwijzer",
  "welke thema s zijn er": "wegwijzer",
  lessen: "leren-decentraliseren",
  "7 lessen": "leren-decentraliseren",
  "de 7 lessen": "leren-decentraliseren",
  "zeven lessen": "leren-decentraliseren",
  agenda: "uitvoering-op-zn-kop",
  "de agenda": "uitvoering-op-zn-kop",
  agendathemas: "uitvoering-op-zn-kop",
  "agenda thema s": "uitvoering-op-zn-kop",
  bronnen: "all",
  sources: "all",
};
const LESSON_OF_THE_WEEK = new Set([
  "les",
  "les van de week",
  "les van deze week",
  "lesson",
  "lesson of the week",
  "weekles",
  "deze week",
]);
const SUBSCRIPTION: Record<string, Extract<Intent, { kind: "subscription" }>["command"]> = {
  abonneer: "subscribe",
  abonneren: "subscribe",
  aanmelden: "subscribe",
  subscribe: "subscribe",
  pauzeer: "pause",
  pauze: "pause",
  pause: "pause",
  hervat: "resume",
  hervatten: "resume",
  resume: "resume",
  stop: "stop",
  afmelden: "stop",
  opzeggen: "stop",
  unsubscribe: "stop",
  status: "status",
  abonnement: "status",
  abonnementen: "status",
};
const FORGET = new Set([
  "vergeet mij",
  "vergeet me",
  "verwijder mijn gegevens",
  "forget me",
  "wis mijn gegevens",
  "verwijder mijn data",
]);
const FORGET_CONFIRM = new Set(["vergeet mij bevestigd", "ja verwijder alles"]);
const FORGET_CANCEL = new Set(["vergeet mij niet", "nee niets doen"]);
const YES = new Set(["ja", "ja hoor", "ja graag", "jazeker", "yes", "ja zeker"]);
const NO = new Set(["nee", "nee hoor", "nee dank je", "no", "nope"]);
const PRIVACY = new Set(["privacy", "mijn gegevens", "wat weet je van mij", "welke gegevens", "my data"]);
const AGENDA = new Set([
  "leeragenda",
  "mijn leeragenda",
  "mijn reflecties",
  "reflecties",
  "notities",
  "mijn notities",
  "learning agenda",
]);

/** Recognises commands and lookups; anything else is a question for the matcher. */
export function detectIntent(message: string): Intent {
  const text = message.replace(/<@[A-Z0-9]+>/g, " ").trim();
  if (/^(\u{1F44D}|\+1)(\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF})?$/u.test(text))
    return { kind: "rate", value: "up" };
  if (/^(\u{1F44E}|-1)(\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF})?$/u.test(text))
    return { kind: "rate", value: "down" };
  const norm = normalizePhrase(text);
  if (YES.has(norm)) return { kind: "yes" };
  if (NO.has(norm)) return { kind: "no" };
  if (!norm && !/\?/.test(text)) return { kind: "empty" };
  if (/^[?\s]+$/.test(text)) return { kind: "help" };
  if (GREETINGS.has(norm)) return { kind: "greeting" };
  if (HELP.has(norm)) return { kind: "help" };
  if (LISTS[norm]) return { kind: "list", source: LISTS[norm]! };
  if (LESSON_OF_THE_WEEK.has(norm)) return { kind: "lesson-of-the-week" };
  if (FORGET.has(norm)) return { kind: "forget-me", confirmed: undefined };
  if (FORGET_CONFIRM.has(norm)) return { kind: "forget-me", confirmed: true };
  if (FORGET_CANCEL.has(norm)) return { kind: "forget-me", confirmed: false };
  const discuss = /^bespreek ([a-z0-9-]{1,100})$/.exec(text.trim());
  if (discuss) return { kind: "discuss", unitId: discuss[1]! };
  if (PRIVACY.has(norm)) return { kind: "privacy" };
  if (AGENDA.has(norm)) return { kind: "learning-agenda" };

  const region = /^(?:regio|region)(?:\s+(koppel|link|vraag|plaats|annuleer|digest)\b)?\s*([\s\S]*)$/i.exec(text);
  if (region && (region[1] || !region[2])) {
    const commands = {
      koppel: "link",
      link: "link",
      vraag: "ask",
      plaats: "post",
      annuleer: "cancel",
      digest: "digest",
    } as const;
    return {
      kind: "region",
      command: region[1] ? commands[region[1].toLowerCase() as keyof typeof commands] : "show",
      args: region[2]!.trim(),
    };
  }
  if (/^regio\s+\S/i.test(text) && /^regio (aan|uit|help)$/.test(norm))
    return { kind: "region", command: "unknown", args: "" };

  const lookup = unitLookup(norm);
  if (lookup) return typeof lookup === "string" ? { kind: "unit", id: lookup } : { kind: "out-of-range", ...lookup };

  const [first = "", ...rest] = norm.split(" ");
  const command = SUBSCRIPTION[first];
  // "abonneer …" is always the command (a wrong argument gets an explanation); other words only with a day or time.
  if (
    command &&
    (rest.length === 0 ||
      first === "abonneer" ||
      first === "subscribe" ||
      (command === "subscribe" &&
        /^(ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|thursday|friday|saturday|sunday|starter|standaard|\d+)\b/.test(
          rest.join(" "),
        )) ||
      (command === "pause" && /^\d+\s*(week|weken|weeks?)$/.test(rest.join(" "))))
  ) {
    return { kind: "subscription", command, args: text.split(/\s+/).slice(1).join(" ") };
  }
  const noteMatch = /^(noteer|notitie|reflectie|note)(?:\s*[:-]?\s+(.+))?$/is.exec(text);
  if (noteMatch) return { kind: "note", text: (noteMatch[2] ?? "").trim() };
  const feedback = /^(feedback)\s*[:-]?\s*(.*)$/is.exec(text);
  if (feedback) return { kind: "feedback", text: feedback[2]!.trim() };
  return { kind: "question", text };
}

type OutOfRange = { label: string; number: number; max: number };

/** "thema 12", "#12", "12", "les 3", "agenda 2", "wegwijzer 45" → a unit ID; a number beyond the book → its range. */
function unitLookup(norm: string): string | OutOfRange | undefined {
  const kinds = [
    {
      pattern: /^(?:thema|theme|wegwijzer|nr|nummer)?\s*(\d{1,4})$/,
      label: "thema",
      max: 100,
      id: (n: number) => `wegwijzer-${n}`,
    },
    {
      pattern: /^(?:les|lesson)\s*(\d{1,4})$/,
      label: "les",
      max: 7,
      id: (n: number) => `leren-decentraliseren-les-${n}`,
    },
    {
      pattern: /^(?:agenda|agendathema|agenda thema)\s*(\d{1,4})$/,
      label: "agenda",
      max: 4,
      id: (n: number) => `uitvoering-op-zn-kop-agenda-${n}`,
    },
  ];
  for (const kind of kinds) {
    const m = kind.pattern.exec(norm);
    if (!m) continue;
    const n = Number(m[1]);
    return n >= 1 && n <= kind.max ? kind.id(n) : { label: kind.label, number: n, max: kind.max };
  }
  return undefined;
}
