/** @module web/styles — the one stylesheet, served at /static/app.css (no build step). */

/** The stylesheet of every page. */
export const stylesheet = `
:root {
  --ink: #1d232b; --muted: #5b6573; --line: #dde2e8; --bg: #f7f8fa; --card: #fff;
  --accent: #2457c5; --ok: #1b7f4b; --warn: #a86500; --bad: #b42318;
  --person: #e8f0ff; --organization: #f3e8ff; --location: #e7f7ee; --misc: #f1f1f1;
  --quote: #fff6d6; --time: #d5ecff; --hl: #ffd54a;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
body { margin: 0; }
a { color: var(--accent); text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
header.top { background: var(--ink); color: #fff; }
header.top .bar { max-width: 72rem; margin: 0 auto; padding: .6rem 1.25rem; display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; }
header.top a.brand { color: #fff; font-weight: 700; letter-spacing: .02em; font-size: 1.1rem; }
header.top nav a { color: #cfd8e3; margin-right: 1rem; }
header.top form { margin-left: auto; display: flex; gap: .4rem; }
input[type=search], input[type=text], input[type=date] { font: inherit; padding: .35rem .6rem; border: 1px solid var(--line); border-radius: .4rem; min-width: 12rem; }
button { font: inherit; padding: .35rem .9rem; border: 0; border-radius: .4rem; background: var(--accent); color: #fff; cursor: pointer; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: .2rem 0 .6rem; }
h2 { font-size: 1.2rem; margin: 0 0 .75rem; }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
.muted, .meta { color: var(--muted); font-size: .9rem; }
section.card { background: var(--card); border: 1px solid var(--line); border-radius: .6rem; padding: 1rem 1.25rem; margin: 1rem 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; }
.grid > section.card { margin: 0; }
ul.plain { list-style: none; padding: 0; margin: 0; }
ul.plain > li { padding: .45rem 0; border-top: 1px solid var(--line); }
ul.plain > li:first-child { border-top: 0; }
.story-list li { padding: .8rem 0; }
.story-list .title { font-size: 1.1rem; font-weight: 600; }
.pill { display: inline-block; font-size: .75rem; padding: .05rem .5rem; border-radius: 1rem; background: var(--misc); color: var(--ink); margin-right: .25rem; white-space: nowrap; }
.status-corroborated { background: #dcf5e7; color: var(--ok); }
.status-single-source { background: #fff1d6; color: var(--warn); }
.status-contested { background: #fde4e1; color: var(--bad); }
.empty { color: var(--muted); font-style: italic; }
ol.timeline { list-style: none; margin: 0; padding: 0 0 0 1rem; border-left: 2px solid var(--line); }
ol.timeline li { position: relative; padding: .35rem 0 .6rem .75rem; }
ol.timeline li::before { content: ""; position: absolute; left: -1.42rem; top: .75rem; width: .7rem; height: .7rem; border-radius: 50%; background: var(--accent); }
ol.timeline time { font-weight: 600; font-variant-numeric: tabular-nums; margin-right: .5rem; }
blockquote { margin: .3rem 0; padding: .3rem .8rem; border-left: 3px solid #e0c35a; background: var(--quote); border-radius: 0 .3rem .3rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { font-weight: 600; background: #fafbfc; }
td.yes { color: var(--ok); text-align: center; }
td.no { color: var(--bad); text-align: center; background: #fff7f6; }
.table-wrap { overflow-x: auto; }
.brief p { margin: .3rem 0; }
.brief sup a { font-size: .75rem; margin-left: .1rem; }
article.text { background: var(--card); border: 1px solid var(--line); border-radius: .6rem; padding: 1.25rem 1.75rem; font: 1.05rem/1.7 Georgia, "Times New Roman", serif; }
article.text p { margin: 0 0 1rem; white-space: pre-wrap; }
article.text h2, article.text h3 { font-family: system-ui, sans-serif; }
.ent { border-radius: .2rem; padding: 0 .05rem; }
.ent-person { background: var(--person); }
.ent-organization { background: var(--organization); }
.ent-location { background: var(--location); }
.ent-misc { background: var(--misc); }
.quote { background: var(--quote); }
.time { border-bottom: 2px solid #5aa6e8; }
.hl { outline: 2px solid var(--hl); background: #fff3c2; }
.legend span { margin-right: .75rem; font-size: .85rem; padding: 0 .3rem; }
details > summary { cursor: pointer; font-weight: 600; }
pre { white-space: pre-wrap; word-break: break-word; background: #f3f5f8; padding: .6rem; border-radius: .4rem; font-size: .85rem; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; margin: .3rem 0; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; }
.hits li .snippet { color: var(--muted); font-size: .92rem; }
form.search { display: flex; gap: .5rem; flex-wrap: wrap; align-items: end; margin-bottom: 1rem; }
form.search label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted); }
@media (max-width: 40rem) { main { padding: 1rem .75rem 3rem; } article.text { padding: 1rem; } header.top form { margin-left: 0; } }
`
