import { DateTime } from "luxon";
import { texts } from "../conversation/texts.ts";
import { NO_UNIT, type ReviewEntry } from "../store/review.ts";
import type { AdminData } from "./admin-data.ts";

const A = texts.admin;

/** Escapes text for HTML content and attribute values. */
export function esc(value: unknown): string {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

const CSS = `
:root{--ink:#1d2733;--muted:#5b6775;--line:#d9dee4;--bg:#f5f7f9;--card:#fff;--accent:#1f5f8b;--warn:#c8691c;--ok:#2e7d4f;--bad:#b3261e}
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header{background:var(--accent);color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
header h1{font-size:1.2rem;margin:0}
header form{margin:0}
header .when{font-size:.85rem;opacity:.9}
nav{display:flex;flex-wrap:wrap;gap:.25rem .75rem;padding:.5rem 1rem;background:#fff;border-bottom:1px solid var(--line);position:sticky;top:0;z-index:1}
nav a{color:var(--accent);text-decoration:none;font-size:.95rem;padding:.2rem 0}
main{max-width:1100px;margin:0 auto;padding:1rem}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem;margin:0 0 1rem;scroll-margin-top:4.5rem}
h2{font-size:1.15rem;margin:0 0 .75rem}
h3{font-size:1rem;margin:1rem 0 .5rem}
p.note{color:var(--muted);font-size:.9rem;margin:.25rem 0 .75rem}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(95px,1fr));gap:.75rem;margin-bottom:1rem}
.tile{border:1px solid var(--line);border-radius:6px;padding:.6rem .75rem}
.tile b{display:block;font-size:1.5rem}
.tile span{color:var(--muted);font-size:.85rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:1rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted);white-space:nowrap}
th.n,td.n{text-align:right;font-variant-numeric:tabular-nums}
svg{width:100%;height:auto;max-height:260px;display:block}
.legend{display:flex;gap:1rem;font-size:.85rem;color:var(--muted);margin:.25rem 0}
.legend i{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
.entry{border:1px solid var(--line);border-radius:6px;padding:.75rem;margin:.75rem 0}
.entry q{display:block;font-size:1.02rem;margin:.25rem 0 .5rem;quotes:"“" "”"}
.entry dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .75rem;margin:0 0 .5rem;font-size:.9rem}
.entry dt{color:var(--muted)}
.entry dd{margin:0}
.entry form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.tag{display:inline-block;border-radius:999px;padding:0 .5rem;font-size:.8rem;background:#eef2f6;color:var(--ink)}
.tag.unanswered{background:#fdf0e4;color:#7a3d0a}.tag.down{background:#fbe9e8;color:var(--bad)}.tag.choice{background:#e8f1f8;color:var(--accent)}
select{max-width:100%;min-width:0;flex:1 1 16rem;font:inherit;padding:.4rem;border:1px solid var(--line);border-radius:4px;background:#fff}
button{font:inherit;padding:.45rem .9rem;border-radius:4px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer}
header button{background:transparent;border-color:#fff}
.flash{background:#e7f4ec;border:1px solid #b7dcc4;color:var(--ok);padding:.5rem .75rem;border-radius:6px;margin-bottom:1rem}
.login{max-width:26rem;margin:10vh auto;background:#fff;border:1px solid var(--line);border-radius:8px;padding:1.25rem}
.login input{width:100%;font:inherit;padding:.5rem;margin:.25rem 0 .75rem;border:1px solid var(--line);border-radius:4px}
.error{color:var(--bad)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:600px){body{font-size:15px}main{padding:.5rem}section{padding:.75rem}.tile b{font-size:1.25rem}th,td{padding:.3rem .35rem}}
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>`;
}

export function renderLogin(error?: string): string {
  return page(
    A.loginTitle,
    `<main><form class="login" method="post" action="/admin/login">
<h1>${esc(A.loginTitle)}</h1>
<p>${esc(A.loginIntro)}</p>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}
<label for="token">${esc(A.loginLabel)}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">${esc(A.loginButton)}</button>
</form></main>`,
  );
}

export function renderMessage(message: string): string {
  return page(A.title, `<main><section><p>${esc(message)}</p></section></main>`);
}

const pct = (part: number, whole: number) => (whole === 0 ? "–" : `${Math.round((part / whole) * 100)}%`);
const fmt = (date: Date, zone = "Europe/Amsterdam") =>
  DateTime.fromJSDate(date, { zone }).setLocale("nl").toFormat("ccc d LLL yyyy HH:mm");
const fmtDay = (day: string) => DateTime.fromISO(day, { zone: "utc" }).setLocale("nl").toFormat("d LLL");

/** Stacked bars per day (answered below, unanswered on top), as inline SVG scaled by its viewBox. */
export function barChart(days: AdminData["days"]): string {
  const width = 640;
  const height = 200;
  const left = 32;
  const bottom = 24;
  const top = 8;
  const max = Math.max(1, ...days.map((d) => d.answered + d.unanswered));
  const step = (width - left) / days.length;
  const bar = Math.max(4, step * 0.7);
  const scale = (n: number) => (n / max) * (height - bottom - top);
  const parts: string[] = [];
  for (const tick of [0, Math.ceil(max / 2), max]) {
    const y = height - bottom - scale(tick);
    parts.push(
      `<line x1="${left}" x2="${width}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#d9dee4" stroke-width="1"/>`,
    );
    parts.push(
      `<text x="${left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end" font-size="13" fill="#5b6775">${tick}</text>`,
    );
  }
  days.forEach((d, i) => {
    const x = left + i * step + (step - bar) / 2;
    const hA = scale(d.answered);
    const hU = scale(d.unanswered);
    const base = height - bottom;
    const label = `${fmtDay(d.day)}: ${d.answered} ${A.chartAnswered}, ${d.unanswered} ${A.chartUnanswered}`;
    parts.push(`<g><title>${esc(label)}</title>`);
    if (hA > 0)
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${(base - hA).toFixed(1)}" width="${bar.toFixed(1)}" height="${hA.toFixed(1)}" fill="#1f5f8b"/>`,
      );
    if (hU > 0)
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${(base - hA - hU).toFixed(1)}" width="${bar.toFixed(1)}" height="${hU.toFixed(1)}" fill="#e08a3c"/>`,
      );
    parts.push("</g>");
    if (i % 2 === days.length % 2 || days.length <= 7) {
      parts.push(
        `<text x="${(x + bar / 2).toFixed(1)}" y="${height - 8}" text-anchor="middle" font-size="13" fill="#5b6775">${esc(fmtDay(d.day))}</text>`,
      );
    }
  });
  const title = A.chartTitle(days.length);
  return `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${parts.join("")}</svg>
<div class="legend"><span><i style="background:#1f5f8b"></i>${esc(A.chartAnswered)}</span><span><i style="background:#e08a3c"></i>${esc(A.chartUnanswered)}</span></div>`;
}

function table(head: string[], rows: string[][], numeric: number[] = []): string {
  if (rows.length === 0) return `<p class="note">${esc(A.none)}</p>`;
  const th = head.map((h, i) => `<th${numeric.includes(i) ? ' class="n"' : ""}>${esc(h)}</th>`).join("");
  const tr = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ""}>${c}</td>`).join("")}</tr>`)
    .join("\n");
  return `<div class="scroll"><table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table></div>`;
}

function tiles(label: string, t: AdminData["last7"]): string {
  return `<h3>${esc(label)}</h3><div class="tiles">
<div class="tile"><b>${t.questions}</b><span>${esc(A.questions)}</span></div>
<div class="tile"><b>${pct(t.answered, t.questions)}</b><span>${esc(A.answeredRate)}</span></div>
<div class="tile"><b>${t.up} / ${t.down}</b><span>${esc(A.votes)}</span></div>
</div>`;
}

function reviewEntry(entry: ReviewEntry, data: AdminData, csrf: string): string {
  const answered = entry.answerUnits.length
    ? entry.answerUnits.map((id) => esc(data.labelOf(id))).join("; ")
    : esc(A.botNothing);
  const options = data.units
    .map((u) => `<option value="${esc(u.id)}"${u.id === entry.chosenUnit ? " selected" : ""}>${esc(u.label)}</option>`)
    .join("");
  return `<article class="entry" id="r-${esc(entry.id)}" data-entry="${esc(entry.id)}">
<div><span class="tag ${esc(entry.reason)}">${esc(A.reasons[entry.reason] ?? entry.reason)}</span> <small>${esc(entry.platform)} · ${esc(fmt(entry.createdAt))}</small></div>
<q>${esc(entry.question)}</q>
<dl><dt>${esc(A.botAnswered)}</dt><dd>${answered}</dd>
${entry.chosenUnit ? `<dt>${esc(A.userChose)}</dt><dd>${esc(data.labelOf(entry.chosenUnit))}</dd>` : ""}
${entry.vote ? `<dt>${esc(A.userVoted)}</dt><dd>${entry.vote === "up" ? "👍" : "👎"}</dd>` : ""}</dl>
<form method="post" action="/admin/review/${encodeURIComponent(entry.id)}">
<input type="hidden" name="csrf" value="${esc(csrf)}">
<label class="sr" for="l-${esc(entry.id)}">${esc(A.shouldBe)}</label>
<select id="l-${esc(entry.id)}" name="label" required><option value="">${esc(A.pick)}</option><option value="${NO_UNIT}">${esc(A.noUnit)}</option>${options}</select>
<button type="submit">${esc(A.markHandled)}</button>
</form>
</article>`;
}

/** The whole admin page. `csrf` goes into every form; `flash` is a one-line confirmation. */
export function renderAdmin(data: AdminData, csrf: string, flash?: string): string {
  const N = A.nav;
  const usage = `<section id="gebruik"><h2>${esc(A.usageHeading)}</h2><p class="note">${esc(A.usageNote)}</p>
${tiles(A.last7, data.last7)}${tiles(A.last30, data.last30)}
<h3>${esc(A.chartTitle(data.days.length))}</h3>${barChart(data.days)}
<h3>${esc(A.perWeek)}</h3>${table(
    [A.week, A.questions, A.answeredRate],
    data.weeks.map((w) => [esc(w.week), String(w.questions), pct(w.answered, w.questions)]),
    [1, 2],
  )}
</section>`;
  const themes = `<section id="themas"><h2>${esc(A.themesHeading)}</h2><div class="grid">
<div><h3>${esc(A.mostAsked)}</h3>${table(
    [A.theme, A.count],
    data.mostAsked.map((u) => [esc(u.label), String(u.n)]),
    [1],
  )}</div>
<div><h3>${esc(A.leastAsked)}</h3>${table(
    [A.theme, A.count],
    data.leastAsked.map((u) => [esc(u.label), String(u.n)]),
    [1],
  )}</div>
</div>
<h3>${esc(A.feedbackPerTheme)}</h3>${table(
    [A.theme, A.up, A.down],
    data.feedback.map((f) => [esc(f.label), String(f.up), String(f.down)]),
    [1, 2],
  )}
</section>`;
  const kind = (direct: boolean) => (direct ? A.kindDirect : A.kindChannel);
  const state = (s: string) => (s === "active" ? A.active : s === "paused" ? A.paused : A.deactivated);
  const subscriptions = `<section id="abonnementen"><h2>${esc(A.subscriptionsHeading)}</h2>
${table(
  [A.platform, A.kind, A.active, A.paused, A.deactivated],
  data.subscriptionSummary.map((s) => [
    esc(s.platform),
    esc(kind(s.isDirect)),
    String(s.active),
    String(s.paused),
    String(s.deactivated),
  ]),
  [2, 3, 4],
)}
<p class="note">${esc(A.conversationNote)}</p>
${table(
  [A.conversation, A.platform, A.kind, A.state, A.reason, A.nextSlot, A.lastSent],
  data.subscriptions.map((s) => [
    `<code>${esc(s.ref)}</code>`,
    esc(s.platform),
    esc(kind(s.isDirect)),
    esc(state(s.state)),
    esc(s.reason ?? ""),
    s.next ? esc(fmt(s.next, s.timeZone)) : "–",
    s.lastSent ? `${esc(s.lastSent.week)}: ${esc(s.lastSent.label)}` : "–",
  ]),
)}
</section>`;
  const outcomeKeys = ["sent", "retry", "failed", "skipped", "claimed"];
  const deliveries = `<section id="bezorging"><h2>${esc(A.deliveriesHeading)}</h2>
${table(
  [A.week, ...outcomeKeys.map((k) => A.outcomes[k] ?? k)],
  data.deliveries.map((d) => [esc(d.week), ...outcomeKeys.map((k) => String(d.counts[k] ?? 0))]),
  [1, 2, 3, 4, 5],
)}
</section>`;
  const r = data.review;
  const review = `<section id="review"><h2>${esc(A.reviewHeading)}</h2>
${
  r.enabled
    ? `<p class="note">${esc(A.reviewIntro(r.retentionDays))}</p><p data-counts>${esc(A.reviewCounts(r.counts.open, r.counts.handled, r.toExport))}</p>
${r.open.length ? r.open.map((e) => reviewEntry(e, data, csrf)).join("\n") : `<p>${esc(A.reviewEmpty)}</p>`}`
    : `<p>${esc(A.reviewOff)}</p>`
}
</section>`;
  return page(
    A.title,
    `<header><div><h1>${esc(A.heading)}</h1><div class="when">${esc(A.generatedAt(fmt(data.now)))}</div></div>
<form method="post" action="/admin/logout"><input type="hidden" name="csrf" value="${esc(csrf)}"><button type="submit">${esc(A.logout)}</button></form></header>
<nav><a href="#gebruik">${esc(N.usage)}</a><a href="#themas">${esc(N.themes)}</a><a href="#abonnementen">${esc(N.subscriptions)}</a><a href="#bezorging">${esc(N.deliveries)}</a><a href="#review">${esc(N.review)}</a></nav>
<main>${flash ? `<p class="flash" role="status">${esc(flash)}</p>` : ""}
${usage}
${themes}
${subscriptions}
${deliveries}
${review}
</main>`,
  );
}
