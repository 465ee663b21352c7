import { z } from "zod";

/** The three sources of the handbook; their IDs prefix every unit ID. */
export const SOURCE_IDS = ["wegwijzer", "leren-decentraliseren", "uitvoering-op-zn-kop"] as const;
export const sourceIdSchema = z.enum(SOURCE_IDS);
export type SourceId = z.infer<typeof sourceIdSchema>;

/** theme: a numbered Wegwijzer theme; lesson / agenda: the numbered items of the other two texts. */
export const UNIT_KINDS = ["theme", "lesson", "agenda", "chapter-intro", "section"] as const;

const text = z.string().trim().min(1);
const unitId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lowercase words joined by '-'");

/** The YAML front matter of one knowledge unit file. */
export const unitFrontMatterSchema = z
  .object({
    id: unitId,
    source: sourceIdSchema,
    kind: z.enum(UNIT_KINDS),
    number: z.number().int().positive().optional(),
    order: z.number().int().positive(),
    title: text,
    part: text.optional(),
    chapter: text.optional(),
    summary: text,
    questions: z.array(text).min(5).max(10),
    keywords: z.array(text).min(1),
    related: z.array(unitId),
    followUps: z.array(text).min(2).max(4),
    reflection: text,
  })
  .strict()
  .superRefine((unit, ctx) => {
    if (!unit.id.startsWith(`${unit.source}-`)) {
      ctx.addIssue({ code: "custom", path: ["id"], message: `must start with "${unit.source}-"` });
    }
    const numbered = unit.kind === "theme" || unit.kind === "lesson" || unit.kind === "agenda";
    if (numbered && unit.number === undefined) {
      ctx.addIssue({ code: "custom", path: ["number"], message: `required for kind "${unit.kind}"` });
    }
  });

export type UnitFrontMatter = z.infer<typeof unitFrontMatterSchema>;

/** A validated knowledge unit: its front matter, its body (the source's own text) and its file. */
export interface Unit extends UnitFrontMatter {
  body: string;
  path: string;
}

const excludeRangeSchema = z.object({ from: text, to: text.optional(), reason: text }).strict();

export const sourceSchema = z
  .object({
    id: sourceIdSchema,
    title: text,
    shortTitle: text,
    author: text,
    publisher: text,
    year: z.number().int().min(1900).max(2100),
    isbn: text.optional(),
    licence: text,
    seed: text,
    fidelity: z.object({ exclude: z.array(excludeRangeSchema) }).strict(),
  })
  .strict();

export const sourcesFileSchema = z.array(sourceSchema).min(1);
export type Source = z.infer<typeof sourceSchema>;
