/**
 * Styles of rich replies (markdown, product cards) and of the user's sent photo
 * (the attach preview's own come with the attach chunk); added to the shadow
 * root with the panel's. Kept short: it ships in the panel chunk.
 */
export const RICH_CSS = `\
.td-md *{margin:0}.td-md>*+*,.td-md li>*+*,.td-md blockquote>*+*{margin-top:6px}\
.td-md ul,.td-md ol{padding-inline-start:20px}\
.td-md blockquote{padding-inline-start:10px;border-inline-start:3px solid var(--td-border)}\
.td-log{container-type:inline-size}.td-table{overflow-x:auto;max-width:calc(85cqw - 24px)}\
.td-md table{border-collapse:collapse}\
.td-md th,.td-md td{padding:4px 8px;border:1px solid var(--td-border);overflow-wrap:normal}\
.td-md th:not([align]){text-align:start}\
.td-md pre{white-space:pre-wrap;padding:6px 8px;border-radius:6px;background:rgba(0,0,0,.06)}\
.td-md code{font:13px ui-monospace,monospace}\
a{color:inherit}\
.td-md img,.td-photo{display:block;max-width:100%;max-height:240px;border-radius:8px}\
.td-h,.td-card-title,.td-card-price{font-weight:600}\
.td-cards{list-style:none;padding:0;display:grid;gap:8px}\
.td-card{display:grid;grid-template-columns:64px 1fr;column-gap:10px;padding:8px;border:1px solid var(--td-border);border-radius:10px;background:var(--td-bg)}\
.td-card>*{grid-column:2}\
.td-card-img{grid-column:1;grid-row:1/span 3;width:64px;height:64px;object-fit:cover;border-radius:6px}\
.td-card-price{color:var(--td-accent)}\
.td-card-sub{font-size:12px;color:var(--td-muted)}\
.td-photo{margin-bottom:4px}`
