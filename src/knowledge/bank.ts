import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseYaml } from "./yaml-cache.ts";
import { z } from "zod";
import { blocksOf } from "../search/passages.ts";
import { KnowledgeError, type Knowledge, type KnowledgeProblem } from "./load.ts";

/**
 * The paraphrase bank (knowledge/bank/<unit-id>.yaml): questions as secretaries type them, each
 * with the block of the unit's body that answers it; knowledge/bank/unanswerable.yaml: questions
 * the handbook cannot answer; knowledge/concepts.yaml: multi-word phrases mapped to units.
 */
export const BANK_KINDS = ["situation", "feeling", "keywords", "story", "informal", "english", "direct"] as const;
export const OFF_TOPIC_KINDS = ["practice", "facts", "drafting", "it", "chitchat"] as const;
export type BankKind = (typeof BANK_KINDS)[number];
export type OffTopicSourceKind = (typeof OFF_TOPIC_KINDS)[number];

/** Rules every bank file of a numbered unit meets. */
export const BANK_RULES = { minQuestions: 25, minEnglish: 3 };

const text = z.string().trim().min(3);
const unitId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lowercase words joined by '-'");

export const bankFileSchema = z
  .object({
    unit: unitId,
    questions: z
      .array(z.object({ q: text, kind: z.enum(BANK_KINDS), block: z.number().int().positive().optional() }).strict())
      .min(1),
  })
  .strict();

export const unanswerableFileSchema = z
  .object({
    questions: z.array(z.object({ q: z.string().trim().min(1), kind: z.enum(OFF_TOPIC_KINDS) }).strict()).min(1),
  })
  .strict();

export const conceptsFileSchema = z
  .object({
    concepts: z
      .array(
        z
          .object({
            name: z.string().trim().min(1),
            units: z.array(unitId).min(1),
            phrases: z.array(z.string().trim().min(1)).min(1),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** One bank question: the unit it belongs to and, when annotated, the 1-based block that answers it. */
export interface BankQuestion {
  unit: string;
  q: string;
  kind: BankKind;
  block?: number | undefined;
}

export interface OffTopicQuestion {
  q: string;
  kind: OffTopicSourceKind;
}

export interface Concept {
  name: string;
  units: string[];
  phrases: string[];
}

export interface Bank {
  questions: readonly BankQuestion[];
  unanswerable: readonly OffTopicQuestion[];
  concepts: readonly Concept[];
}

export const EMPTY_BANK: Bank = { questions: [], unanswerable: [], concepts: [] };

function readYaml(dir: string, path: string, problems: KnowledgeProblem[]): unknown {
  try {
    return parseYaml(readFileSync(join(dir, path), "utf8"));
  } catch (error) {
    problems.push({ path, message: (error as Error).message });
    return undefined;
  }
}

function zodProblems(path: string, error: z.ZodError): KnowledgeProblem[] {
  return error.issues.map((issue) => ({
    path,
    field: issue.path.length ? issue.path.join(".") : undefined,
    message: issue.message,
  }));
}

/**
 * Loads and validates the bank, the unanswerable questions and the concepts. Every file is
 * optional (a unit without a bank file is answered from its front matter alone); what is there
 * must be valid: known units, blocks within the unit's body, one file per unit named after it.
 * Throws a KnowledgeError listing every problem with its file and field.
 */
export function loadBank(dir: string, knowledge: Knowledge): Bank {
  const problems: KnowledgeProblem[] = [];
  const questions: BankQuestion[] = [];
  const unanswerable: OffTopicQuestion[] = [];
  const bankDir = join(dir, "bank");
  const files = existsSync(bankDir)
    ? readdirSync(bankDir)
        .filter((f) => f.endsWith(".yaml"))
        .sort()
    : [];
  for (const file of files) {
    const path = `bank/${file}`;
    const raw = readYaml(dir, path, problems);
    if (raw === undefined) continue;
    if (file === "unanswerable.yaml") {
      const result = unanswerableFileSchema.safeParse(raw);
      if (result.success) unanswerable.push(...result.data.questions);
      else problems.push(...zodProblems(path, result.error));
      continue;
    }
    const result = bankFileSchema.safeParse(raw);
    if (!result.success) {
      problems.push(...zodProblems(path, result.error));
      continue;
    }
    const { unit: id, questions: list } = result.data;
    const unit = knowledge.byId.get(id);
    if (!unit) {
      problems.push({ path, field: "unit", message: `unknown unit ID "${id}"` });
      continue;
    }
    if (file !== `${id}.yaml`)
      problems.push({ path, field: "unit", message: `the file of unit "${id}" must be named ${id}.yaml` });
    const blocks = blocksOf(unit.body).length;
    list.forEach((question, index) => {
      if (question.block !== undefined && question.block > blocks) {
        problems.push({
          path,
          field: `questions.${index}.block`,
          message: `block ${question.block} is out of 1..${blocks}`,
        });
      }
      questions.push({ unit: id, ...question });
    });
  }
  let concepts: Concept[] = [];
  if (existsSync(join(dir, "concepts.yaml"))) {
    const raw = readYaml(dir, "concepts.yaml", problems);
    const result = conceptsFileSchema.safeParse(raw ?? {});
    if (!result.success) problems.push(...zodProblems("concepts.yaml", result.error));
    else {
      concepts = result.data.concepts;
      concepts.forEach((concept, c) => {
        concept.units.forEach((id, u) => {
          if (!knowledge.byId.has(id))
            problems.push({
              path: "concepts.yaml",
              field: `concepts.${c}.units.${u}`,
              message: `unknown unit ID "${id}"`,
            });
        });
      });
    }
  }
  if (problems.length) throw new KnowledgeError(problems);
  return { questions, unanswerable, concepts };
}

/** Per unit: bank questions, English ones, blocks covered of all blocks, and what falls short of the rules. */
export interface BankCount {
  unit: string;
  questions: number;
  english: number;
  blocks: number;
  covered: number;
  shortfalls: string[];
}

export function bankCounts(knowledge: Knowledge, bank: Bank): BankCount[] {
  const numbered = knowledge.units.filter((u) => u.kind === "theme" || u.kind === "lesson" || u.kind === "agenda");
  return numbered.map((unit) => {
    const own = bank.questions.filter((q) => q.unit === unit.id);
    const blocks = blocksOf(unit.body).length;
    const covered = new Set(own.map((q) => q.block).filter((b) => b !== undefined)).size;
    const english = own.filter((q) => q.kind === "english").length;
    const shortfalls: string[] = [];
    if (own.length < BANK_RULES.minQuestions) shortfalls.push(`${own.length} questions (< ${BANK_RULES.minQuestions})`);
    if (english < BANK_RULES.minEnglish) shortfalls.push(`${english} English (< ${BANK_RULES.minEnglish})`);
    if (covered < blocks) {
      const have = new Set(own.map((q) => q.block));
      const missing = Array.from({ length: blocks }, (_, i) => i + 1).filter((b) => !have.has(b));
      shortfalls.push(`blocks uncovered: ${missing.join(", ")}`);
    }
    return { unit: unit.id, questions: own.length, english, blocks, covered, shortfalls };
  });
}
