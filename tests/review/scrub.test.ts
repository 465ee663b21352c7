import { describe, expect, it } from "vitest";
import { scrub } from "../../src/review/scrub.ts";

/** Questions as secretaries might type them, with what must not be kept. */
describe("scrub", () => {
  it.each([
    [
      "Wethouder Jansen bemoeit zich met benoemingen, wat moet ik doen?",
      "Wethouder [naam] bemoeit zich met benoemingen, wat moet ik doen?",
    ],
    [
      "Hoe ga ik om met burgemeester Van der Berg-Smit die alles zelf wil doen",
      "Hoe ga ik om met burgemeester [naam] die alles zelf wil doen",
    ],
    [
      "wethouder van Dijk en burgemeester J.P. de Groot zijn het oneens over de begroting",
      "wethouder [naam] en burgemeester [naam] zijn het oneens over de begroting",
    ],
    ["mevrouw De Vries vroeg of ik haar kon terugbellen", "mevrouw [naam] vroeg of ik haar kon terugbellen"],
    [
      "meneer Ö'Brien en dhr. Yılmaz klagen over de griffier Bakker",
      "meneer [naam] en dhr. [naam] klagen over de griffier [naam]",
    ],
    [
      "Mijn collega Piet zegt dat het niet mag volgens artikel 160 Gemeentewet",
      "Mijn collega [naam] zegt dat het niet mag volgens artikel 160 Gemeentewet",
    ],
    [
      "Raadslid Bouali stelt schriftelijke vragen, moet ik die beantwoorden?",
      "Raadslid [naam] stelt schriftelijke vragen, moet ik die beantwoorden?",
    ],
  ])("replaces names after a title or role: %s", (input, expected) => {
    expect(scrub(input)).toBe(expected);
  });

  it.each([
    ["mail me op piet.jansen@gemeente-ergens.nl als het kan", "mail me op [e-mail] als het kan"],
    ["zie https://www.ergens.nl/raad?id=12 en www.vng.nl/artikel", "zie [link] en [link]"],
    ["staat op gemeente-ergens.nl/bestuur", "staat op [link]"],
    ["bel me op 06-12345678 of 06 1234 5678", "bel me op [telefoonnummer] of [telefoonnummer]"],
    ["het nummer is +31 6 12345678 of 0031 20 123 4567", "het nummer is [telefoonnummer] of [telefoonnummer]"],
    ["de receptie (020) 123 45 67 of 020-1234567", "de receptie [telefoonnummer] of [telefoonnummer]"],
    ["BSN 123456782 of 123.456.782 van een inwoner", "BSN [nummer] of [nummer] van een inwoner"],
    ["zaaknummer 20261234567 is nog open", "zaaknummer [nummer] is nog open"],
    ["rekening NL91ABNA0417164300 of NL91 ABNA 0417 1643 00", "rekening [rekeningnummer] of [rekeningnummer]"],
    ["woont op 1234 AB in Ergens", "woont op [postcode] in Ergens"],
    [
      "<@U0123ABC> vroeg of <mailto:a@b.nl|a@b.nl> klopt, zie <https://x.nl|hier>",
      "[naam] vroeg of [e-mail] klopt, zie [link]",
    ],
    ["<at>Fatima Zahra</at> wil het weten", "[naam] wil het weten"],
  ])("replaces contact details and numbers: %s", (input, expected) => {
    expect(scrub(input)).toBe(expected);
  });

  it.each([
    "De wethouder van Financiën wil bezuinigen op het sociaal domein",
    "Burgemeester en wethouders hebben besloten; wat doe ik als secretaris?",
    "De burgemeester is boos op de raad",
    "Wat zegt thema 12 over de driehoek in 2026?",
    "Hoe werk ik goed samen met de griffier?",
    "Ik heb 3 wethouders en 25 raadsleden",
  ])("leaves questions without personal data alone: %s", (input) => {
    expect(scrub(input)).toBe(input);
  });

  it("keeps the question readable when several things are removed", () => {
    const out = scrub(
      "Wethouder Jansen (06-12345678, jansen@ergens.nl) wil dat ik BSN 123456782 opzoek voor mevrouw Bakker",
    );
    expect(out).toBe(
      "Wethouder [naam] ([telefoonnummer], [e-mail]) wil dat ik BSN [nummer] opzoek voor mevrouw [naam]",
    );
    for (const secret of ["Jansen", "12345678", "jansen@", "123456782", "Bakker"]) expect(out).not.toContain(secret);
  });
});
