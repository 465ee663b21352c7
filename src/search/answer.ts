import { EMPTY_BANK, type Bank } from "../knowledge/bank.ts";
import type { Unit } from "../knowledge/schema.ts";
import { type ConfidenceModel, type OffTopicKind, offTopicKind, probability } from "./confidence.ts";
import type { Term } from "./analyzer.ts";
import { CONCEPT_PREFIX } from "./concepts.ts";
import type { Matcher } from "./matcher.ts";
import { normalizePhrase } from "./normalize.ts";
import type { PassageFinder } from "./passages.ts";
import { type Analysis, type FusedUnit, Ranker, type RankerSnapshot } from "./ranking.ts";

export interface AnswerResult {
  id: string;
  title: string;
  score: number;
  unit: Unit;
  passages: string[];
}

export interface Answer {
  question: string;
  /** true when the bot has a confident answer; false: it says so (suggestions may still be given) */
  answered: boolean;
  /** best first, at most five */
  results: AnswerResult[];
  /** "bedoel je…": close alternatives when confidence is low or the top two are close */
  suggestions: AnswerResult[];
  followUps: string[];
  /** top two of different chapters, nearly tied: the reply asks which one is meant */
  clarify?: AnswerResult[] | undefined;
  /** not answered: whether the question is municipal practice or chit-chat, so the reply fits */
  offTopicKind?: OffTopicKind | undefined;
  /** the classifier's probability that the handbook answers the question */
  confidence?: number | undefined;
}

/**
 * Confidence rules, chosen on the project's own calibration questions
 * (tests/fixtures/calibration.jsonl), never on the evaluation sets. A question is answered when
 * the best unit is about what the question asks (its title, summary, questions and keywords cover
 * enough of the question's weight), or when it matches so many of the question's words that the
 * BM25F score alone is convincing. Off-topic questions fail both: their telling words are unknown
 * to the handbook or only mentioned in passing in a body.
 */
export const CONFIDENCE = {
  minTopical: 0.4,
  strongScore: 3.8,
  minTopicalWithStrongScore: 0.15,
  /** results listed beside the best must score at least this share of it */
  keepRatio: 0.35,
  /** the second result is a "bedoel je" suggestion when it scores this close to the first */
  closeRatio: 0.9,
  /** an unanswered question still gets suggestions when the best unit is at least this much about it */
  minTopicalForSuggestions: 0.2,
  /** …or, with the classifier, when its probability reaches this share of the threshold */
  suggestionShare: 0.5,
  /** top two units of different chapters whose fused scores are this close: ask which one is meant */
  clarifyRatio: 0.97,
};

const MAX_RESULTS = 5;

/** A text's words as a sorted set of stems (typo-corrected words count, related words and concepts do not). */
function titleKey(terms: readonly Term[]): string {
  const stems = terms.filter((t) => t.weight >= 0.8 && !t.term.startsWith(CONCEPT_PREFIX)).map((t) => t.term);
  return [...new Set(stems)].sort().join(" ");
}

/** Answers a question: a typed title opens that unit, anything else is a ranked search. */
export class Answerer {
  private readonly passages: PassageFinder;
  /** a unit's title as a sorted set of stems → the unit, for "typed a title" lookups */
  private readonly titles = new Map<string, Unit>();
  /** a unit's title as written (normalised) → the unit */
  private readonly exactTitles = new Map<string, Unit>();

  readonly ranker: Ranker;

  /**
   * The bank (paraphrases with their blocks, unanswerable questions, concepts already in the
   * matcher) feeds the ranking; the confidence model decides whether to answer. Without a model
   * the older topical-coverage rules decide. `prebuilt`: the ranker's snapshot (ranking.ts).
   */
  constructor(
    private readonly matcher: Matcher,
    bank: Bank = EMPTY_BANK,
    readonly model?: ConfidenceModel,
    prebuilt?: RankerSnapshot,
  ) {
    this.ranker = new Ranker(matcher, bank, prebuilt);
    // one passage finder (and one cache of analysed blocks) for the ranking and the lesson passages
    this.passages = this.ranker.passages;
    for (const unit of matcher.knowledge.units) {
      const exact = normalizePhrase(unit.title);
      if (!this.exactTitles.has(exact)) this.exactTitles.set(exact, unit);
      const key = titleKey(matcher.analyzer.queryTerms(unit.title));
      if (key.split(" ").length >= 2 && !this.titles.has(key)) this.titles.set(key, unit);
    }
    // A title typed without one of its words ("financiën en bedrijfsvoering" for "Rol in financiën
    // en bedrijfsvoering") opens it too, when no other title leaves the same words.
    const shortened = new Map<string, Unit | null>();
    for (const [key, unit] of this.titles) {
      const stems = key.split(" ");
      if (stems.length < 3) continue;
      for (let i = 0; i < stems.length; i++) {
        const rest = stems.filter((_, j) => j !== i).join(" ");
        if (this.titles.has(rest)) continue;
        const seen = shortened.get(rest);
        shortened.set(rest, seen === undefined || seen === unit ? unit : null);
      }
    }
    for (const [key, unit] of shortened) if (unit) this.titles.set(key, unit);
  }

  /** A direct lookup ("thema 12"): that unit, answered, with its own follow-ups. */
  lookup(unitId: string): Answer {
    const unit = this.matcher.knowledge.byId.get(unitId);
    if (!unit) return { question: unitId, answered: false, results: [], suggestions: [], followUps: [] };
    return {
      question: unitId,
      answered: true,
      results: [this.result(unit, 1, new Map())],
      suggestions: [],
      followUps: this.followUps(unit),
    };
  }

  answer(question: string, model = this.model): Answer {
    const base = { question, suggestions: [] as AnswerResult[] };
    // the question is analysed once, for the title lookup and the ranking
    const terms = this.matcher.queryTerms(question);
    const byTitle = this.titleMatch(question, terms);
    if (byTitle)
      return {
        ...base,
        answered: true,
        results: [this.result(byTitle, 1, new Map())],
        followUps: this.followUps(byTitle, question),
      };

    return this.fromAnalysis(question, this.ranker.analyze(question, model ?? {}, terms), model);
  }

  /** Whether to answer, from the classifier (or, without one, the topical-coverage rules). */
  decide(analysis: Analysis, model = this.model): { answered: boolean; confidence?: number } {
    if (model) {
      const p = probability(model, analysis.features);
      return { answered: p >= model.threshold, confidence: p };
    }
    const top = analysis.fused[0]?.ranked;
    if (!top) return { answered: false };
    const answered =
      top.topical >= CONFIDENCE.minTopical ||
      (top.score >= CONFIDENCE.strongScore && top.topical >= CONFIDENCE.minTopicalWithStrongScore);
    return { answered };
  }

  /** The answer for an analysed question (evaluation re-uses analyses across folds). */
  fromAnalysis(question: string, analysis: Analysis, model = this.model): Answer {
    const base = { question, suggestions: [] as AnswerResult[] };
    const top = analysis.fused[0];
    if (!top)
      return { ...base, answered: false, results: [], followUps: [], offTopicKind: this.offTopicKind(analysis) };
    const { answered, confidence } = this.decide(analysis, model);
    const kept = analysis.fused.filter((f) => f.score >= top.score * CONFIDENCE.keepRatio).slice(0, MAX_RESULTS);
    const results = kept.map((f) => this.fusedResult(f, analysis));
    const second = kept[1];
    const close = second !== undefined && second.score >= top.score * CONFIDENCE.clarifyRatio;
    const clarify =
      answered && close && chapterOf(top.unit) !== chapterOf(second.unit) ? results.slice(0, 2) : undefined;
    const hopeful =
      confidence !== undefined && model
        ? confidence >= model.threshold * CONFIDENCE.suggestionShare
        : (top.ranked?.topical ?? 0) >= CONFIDENCE.minTopicalForSuggestions;
    const suggestions = !answered
      ? hopeful
        ? results.slice(0, 3)
        : []
      : clarify
        ? []
        : close
          ? results.slice(1, 2)
          : [];
    return {
      ...base,
      answered,
      results,
      suggestions,
      followUps: answered ? this.followUps(top.unit, question) : [],
      clarify,
      offTopicKind: answered ? undefined : this.offTopicKind(analysis),
      confidence,
    };
  }

  private offTopicKind(analysis: Analysis): OffTopicKind {
    const neighbours = analysis.offTopic.map((h) => ({ kind: h.item.kind, similarity: h.similarity }));
    return offTopicKind(neighbours, analysis.features.unknown, analysis.contentWords);
  }

  private fusedResult(f: FusedUnit, analysis: Analysis): AnswerResult {
    const passages = this.ranker.passagesFor(f.unit, analysis);
    return { id: f.unit.id, title: f.unit.title, score: Math.round(f.score * 1000) / 1000, unit: f.unit, passages };
  }

  /** A short message that is a unit's title (typos and word order aside) opens that unit directly. */
  private titleMatch(text: string, terms: readonly Term[]): Unit | undefined {
    const norm = normalizePhrase(text);
    if (!norm || norm.split(" ").length > 9) return undefined;
    return this.exactTitles.get(norm) ?? this.titles.get(titleKey(terms));
  }

  /** The passages that carry a unit's own subject (its title, keywords and summary): the key bullets of a lesson. */
  keyPassages(unit: Unit, max = 3): string[] {
    const terms = this.matcher.analyzer.queryTerms([unit.title, ...unit.keywords, unit.summary].join(" "));
    return this.passages.best(unit.id, unit.body, new Map(terms.map((t) => [t.term, t.weight])), max);
  }

  private result(unit: Unit, score: number, weights: ReadonlyMap<string, number>): AnswerResult {
    const passages = this.passages.best(unit.id, unit.body, weights);
    return { id: unit.id, title: unit.title, score: Math.round(score * 1000) / 1000, unit, passages };
  }

  /** The unit's own follow-ups, then those of its first related unit, without repeats or the question just asked. */
  private followUps(unit: Unit, asked = ""): string[] {
    const related = unit.related.map((id) => this.matcher.knowledge.byId.get(id)).filter((u): u is Unit => !!u);
    const all = [...unit.followUps, ...(related[0]?.followUps ?? [])];
    const askedNorm = normalizePhrase(asked);
    return [...new Set(all)].filter((q) => normalizePhrase(q) !== askedNorm).slice(0, 4);
  }
}

/** Units of one chapter (or, without chapters, one source) are alternatives a reader can tell apart by themselves. */
function chapterOf(unit: Unit): string {
  return `${unit.source}/${unit.chapter ?? ""}`;
}
