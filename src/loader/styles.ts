/**
 * Styles the loader needs to show the launcher. Sizes are in px (never rem) and
 * the host is reset, so a host page's `html { font-size: 62.5% }` or global
 * rules cannot change the widget.
 */
export const LOADER_CSS = `
:host{all:initial;display:block;position:fixed;z-index:2147483000;bottom:20px;right:20px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans SC","Noto Sans Tamil",sans-serif;color:#111827;--td-primary:#2563eb;--td-on-primary:#fff}
:host([data-position=bottom-left]){right:auto;left:20px}
:host([inline]){position:relative;bottom:auto;right:auto;left:auto;z-index:auto;height:100%}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
.td-slot{position:absolute;bottom:0;right:0}
:host([data-position=bottom-left]) .td-slot{right:auto;left:0}
.td-load-error{position:absolute;bottom:70px;right:0;width:260px;padding:10px 12px;border-radius:12px;background:#fff;color:#b91c1c;box-shadow:0 6px 20px rgba(0,0,0,.2);font-size:13px}
.td-launcher{all:unset;box-sizing:border-box;display:flex;align-items:center;justify-content:center;width:56px;height:56px;border-radius:50%;background:var(--td-primary);color:var(--td-on-primary);cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);transition:transform .15s}
.td-launcher:hover{transform:scale(1.06)}
.td-launcher:focus-visible{outline:3px solid #111827;outline-offset:3px}
.td-launcher svg{width:28px;height:28px;fill:currentColor}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
`
