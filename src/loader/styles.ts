/**
 * Styles the loader needs to show the launcher. Sizes are in px (never rem). The
 * host element is reset with `!important`: inside-the-shadow `!important` beats
 * any page rule (even `* { all: revert }` or the page's own `!important`), so
 * global CSS cannot move, hide or rescale the widget. Brand and theme come from
 * custom properties, which a page may set on `talkdock-widget` (see README). The
 * colours only the open panel uses (background, surface, muted, border, error) and
 * its radius get their light defaults from the panel's stylesheet (src/widget/styles.ts).
 * The floating host, anchored at its corner, takes the size of what it shows: the
 * launcher, or the open panel (the launcher is hidden then), so the panel's slot
 * needs no positioning of its own; the load error sits above the launcher, placed
 * from the host. The font stack names no per-OS fallbacks: every browser that runs
 * the panel's CSS (color-mix) knows `system-ui`, which already is the OS's UI font.
 */
export const LOADER_CSS = `
:host{all:initial!important;display:block!important;position:fixed!important;z-index:2147483647!important;inset:auto calc(var(--td-x) + env(safe-area-inset-right)) calc(var(--td-y) + env(safe-area-inset-bottom)) auto!important;font:14px/1.45 var(--td-font)!important;color:var(--td-text)!important;--td-x:20px;--td-y:20px;--td-font:system-ui,"Noto Sans","Noto Sans SC","Noto Sans Tamil",sans-serif;--td-primary:#2563eb;--td-on-primary:#fff;--td-text:#111827;--td-shadow:0 12px 40px rgba(0,0,0,.25)}
@supports (color:lch(from red l c h)){:host{--td-on-primary:lch(from var(--td-primary) calc((50 - l)*100) 0 0)}}
:host([data-position=bottom-left]){right:auto!important;left:calc(var(--td-x) + env(safe-area-inset-left))!important}
:host([inline]){position:relative!important;inset:auto!important;z-index:auto!important;height:100%!important}
*{box-sizing:border-box}
button{all:unset;box-sizing:border-box;cursor:pointer}
:host([hidden]),[hidden]{display:none!important}
.td-load-error{position:absolute;bottom:70px;right:0;width:260px;padding:10px 12px;border-radius:12px;background:#fff;color:#b91c1c;box-shadow:var(--td-shadow);font-size:13px}
:host([data-position=bottom-left]) .td-load-error{right:auto;left:0}
.td-launcher{display:flex;align-items:center;justify-content:center;gap:8px;min-width:56px;height:56px;border-radius:28px;background:var(--td-primary);color:var(--td-on-primary);box-shadow:0 4px 14px rgba(0,0,0,.25);transition:transform .15s}
.td-pill{padding:0 20px 0 14px;font-weight:600;font-size:15px}
.td-launcher:hover{transform:scale(1.06)}
.td-launcher:focus-visible{box-shadow:0 0 0 3px #fff,0 0 0 6px #111827}
.td-launcher svg,.td-launcher img{width:28px;height:28px;fill:currentColor;object-fit:contain}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
`
