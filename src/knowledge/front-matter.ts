import { parseYaml } from "./yaml-cache.ts";

export interface SplitFile {
  data: unknown;
  body: string;
}

/** Splits a Markdown file into its YAML front matter (parsed, not yet validated) and body. */
export function splitFrontMatter(content: string): SplitFile {
  const text = content.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error("no YAML front matter: the file must start with a '---' block");
  return { data: parseYaml(match[1] ?? ""), body: (match[2] ?? "").trim() };
}
