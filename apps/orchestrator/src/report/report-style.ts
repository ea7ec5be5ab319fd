/** Style sheet of the HTML report, inlined so the file needs no network. */
export const REPORT_STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #222; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; }
p.meta { color: #555; margin: 0 0 16px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { padding: 4px 10px; border-bottom: 1px solid #eee; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
.chart { background: #fff; border: 1px solid #e5e5e5; }
.chart-title { font-size: 13px; font-weight: 600; }
.tick { font-size: 11px; fill: #555; }
.missed { color: #d62728; font-weight: 600; }
`;
