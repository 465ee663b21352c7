/**
 * Schemas for the long lists of the build artefacts (the index snapshot, the trained models), each
 * validated with one plain loop: zod's element-by-element array schemas took tens of milliseconds
 * of the start-up on lists of tens of thousands of terms and weights.
 */
import { z } from "zod";

export const stringList = z.custom<string[]>(
  (value) => Array.isArray(value) && value.every((item) => typeof item === "string"),
  "expected a list of strings",
);

export const numberList = z.custom<number[]>(
  (value) => Array.isArray(value) && value.every((item) => typeof item === "number" && Number.isFinite(item)),
  "expected a list of numbers",
);

/** A map from term to weight. */
export const weightRecord = z.custom<Record<string, number>>(
  (value) =>
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((item) => typeof item === "number" && Number.isFinite(item)),
  "expected a map of weights",
);

/** Term counts per block, [block, [term, count][]][], validated the same way. */
export const blockTermList = z.custom<[number, [string, number][]][]>(
  (value) =>
    Array.isArray(value) &&
    value.every(
      (entry) =>
        Array.isArray(entry) &&
        entry.length === 2 &&
        Number.isInteger(entry[0]) &&
        Array.isArray(entry[1]) &&
        (entry[1] as unknown[]).every(
          (pair) =>
            Array.isArray(pair) && pair.length === 2 && typeof pair[0] === "string" && typeof pair[1] === "number",
        ),
    ),
  "expected [block, [term, count][]] entries",
);
