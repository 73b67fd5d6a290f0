/**
 * Panel styles, adopted into the shadow root when the panel loads. px only, never
 * rem. Colours come from the --td-* custom properties (light defaults here and,
 * for those the launcher uses, in the loader's styles; dark ones here); layout
 * uses logical properties so `dir=rtl` mirrors it. Below 520px wide (or tall)
 * the floating panel fills the visual viewport (--td-vh/--td-vt, kept in sync by
 * the panel) so the composer stays above the on-screen keyboard.
 *
 * The log is block layout, not flex: one more message must not re-lay out every
 * other one. No `content-visibility:auto` on the bubbles: with at most a page of
 * messages rendered it cost more than it saved (its visibility pass re-ran layout:
 * appending to a 1,000-message chat took 6.8 ms with it, 4.3 ms without, `npm run
 * bench`). A bubble's 4px padding (cancelled by negative margins) gives focus
 * rings room. The focus ring rule comes before the textarea's `all:unset`, which
 * (same specificity, later) takes it off again: the box shows focus by its border.
 *
 * Each line ends in `\` (a line continuation), so the shipped string has no newlines.
 */
const DARK = '--td-accent:color-mix(in srgb,var(--td-primary) 40%,#fff);--td-text:#f3f4f6;--td-bg:#111827;--td-surface:#1f2937;--td-muted:#9ca3af;--td-border:#4b5563;--td-error:#fca5a5'

export const PANEL_CSS = `\
:host{--td-accent:var(--td-primary);--td-bg:#fff;--td-surface:#f3f4f6;--td-muted:#4b5563;--td-border:#d1d5db;--td-error:#b91c1c;--td-radius:16px}\
:host([data-theme=dark]){${DARK}}\
@media (prefers-color-scheme:dark){:host([data-theme=auto]){${DARK}}}\
:host([inline]) .td-slot{height:100%}\
.td-panel{display:flex;flex-flow:column;width:min(380px,100vw - 40px);height:min(600px,100vh - 40px);background:var(--td-bg);color:var(--td-text);border-radius:var(--td-radius);box-shadow:var(--td-shadow);overflow:hidden}\
:host([inline]) .td-panel{width:100%;height:100%;box-shadow:none;border:1px solid var(--td-border)}\
@media (max-width:520px),(max-height:520px){:host(:not([inline])) .td-slot{position:fixed;inset-inline:0;top:var(--td-vt,0);height:var(--td-vh,100%)}:host(:not([inline])) .td-panel{width:100%;height:100%;border-radius:0;padding:env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left)}}\
.td-header{display:flex;align-items:center;gap:4px;padding:12px 8px;padding-inline-start:16px;background:var(--td-primary);color:var(--td-on-primary)}\
.td-title{flex:1;display:grid;min-width:0}\
.td-name{font-weight:600;font-size:16px}\
.td-sub{font-size:12px}\
.td-icon-btn{display:grid;place-items:center;width:36px;height:36px;border-radius:8px}\
.td-icon-btn:hover{background:rgba(0,0,0,.08)}\
:disabled{opacity:.4;cursor:default}\
.td-icon{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}\
:host([dir=rtl]) .td-send .td-icon{transform:scaleX(-1)}\
.td-log{flex:1;overflow:auto;padding:16px;overscroll-behavior:contain}\
.td-log>*+*{margin-top:10px}\
.td-msg{display:grid;justify-items:start;width:fit-content;max-width:calc(85% + 8px);padding:4px;margin-inline:-4px}\
.td-msg+.td-msg{margin-top:2px}\
.td-user{margin-inline-start:auto;justify-items:end}\
.td-earlier{display:block;width:fit-content;margin-inline:auto}\
.td-bubble{padding:8px 12px;border-radius:14px;overflow-wrap:anywhere}\
.td-user .td-bubble{white-space:pre-wrap;background:var(--td-primary);color:var(--td-on-primary);border-end-end-radius:4px}\
.td-assistant .td-bubble{background:var(--td-surface);border-end-start-radius:4px}\
.td-status{display:flex;align-items:center;gap:8px;margin-top:4px;font-size:12px;color:var(--td-muted)}\
.td-error,.td-notice{color:var(--td-error)}\
.td-chip,.td-retry{border:1px solid;border-radius:999px}\
.td-retry{padding:2px 10px;font-size:12px;font-weight:600}\
.td-retry:disabled{opacity:.5}\
.td-starters{display:flex;flex-wrap:wrap;gap:6px}\
.td-chip{padding:6px 12px;border-color:var(--td-primary);font-size:13px}\
.td-typing .td-bubble{display:flex;gap:4px;align-items:center;height:34px}\
.td-dot{width:6px;height:6px;border-radius:50%;background:var(--td-muted);animation:td-blink 1.2s infinite}\
.td-dot+*{animation-delay:.2s}.td-dot+*+*{animation-delay:.4s}\
@keyframes td-blink{0%,80%,to{opacity:.3}40%{opacity:1}}\
.td-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}\
.td-connection{padding:6px 16px;font-size:12px;background:#fef3c7;color:#78350f}\
:focus-visible{outline:2px solid;outline-offset:2px}\
.td-composer{border-top:1px solid var(--td-border);padding:8px}\
.td-row{display:flex;align-items:flex-end;gap:4px}\
.td-input{all:unset;box-sizing:border-box;flex:1;padding:9px 12px;border:1px solid var(--td-border);border-radius:12px;font-size:16px;line-height:1.35;white-space:pre-wrap;overflow:auto;background:var(--td-bg)}\
.td-input::placeholder{color:var(--td-muted);opacity:1}\
.td-input:focus{border-color:var(--td-primary);box-shadow:0 0 0 2px color-mix(in srgb,var(--td-primary) 30%,transparent)}\
.td-input[aria-invalid=true]{border-color:var(--td-error)}\
.td-send{color:var(--td-primary)}\
.td-notice{font-size:12px;padding:0 4px 6px}`
