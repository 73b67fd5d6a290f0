/** Panel styles, adopted into the shadow root when the panel loads. px only, never rem. */
export const PANEL_CSS = `
:host([inline]) .td-slot{position:static;height:100%}
.td-panel{display:flex;flex-direction:column;width:380px;height:600px;max-height:calc(100vh - 40px);max-width:calc(100vw - 40px);background:#fff;color:#111827;border-radius:16px;box-shadow:0 12px 40px rgba(0,0,0,.25);overflow:hidden;font:inherit}
:host([inline]) .td-panel{width:100%;height:100%;max-height:none;max-width:none;box-shadow:none;border:1px solid #e5e7eb}
.td-header{display:flex;align-items:center;gap:4px;padding:12px 8px 12px 16px;background:var(--td-primary);color:var(--td-on-primary)}
.td-title{flex:1;display:flex;flex-direction:column;min-width:0}
.td-name{font-weight:600;font-size:16px}
.td-sub{font-size:12px;opacity:.9}
.td-icon-btn{all:unset;box-sizing:border-box;display:inline-flex;align-items:center;justify-content:center;width:36px;height:36px;border-radius:8px;cursor:pointer;color:inherit}
.td-icon-btn:hover{background:rgba(0,0,0,.08)}
.td-icon-btn:focus-visible,.td-retry:focus-visible,.td-log:focus-visible{outline:2px solid #111827;outline-offset:2px}
.td-icon-btn[disabled]{opacity:.4;cursor:default}
.td-icon{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.td-log{flex:1;overflow-y:auto;padding:16px;display:flex;flex-direction:column;gap:10px;overscroll-behavior:contain}
.td-msg{display:flex;flex-direction:column;max-width:85%}
.td-user{align-self:flex-end;align-items:flex-end}
.td-assistant{align-self:flex-start;align-items:flex-start}
.td-bubble{padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere;font-size:14px;line-height:1.45}
.td-user .td-bubble{background:var(--td-primary);color:var(--td-on-primary);border-bottom-right-radius:4px}
.td-assistant .td-bubble{background:#f3f4f6;color:#111827;border-bottom-left-radius:4px}
.td-failed .td-bubble{opacity:.75}
.td-status{display:flex;align-items:center;gap:8px;margin-top:4px;font-size:12px;color:#4b5563}
.td-error{color:#b91c1c}
.td-retry{all:unset;box-sizing:border-box;padding:2px 10px;border:1px solid currentColor;border-radius:999px;cursor:pointer;font-size:12px;font-weight:600;color:#b91c1c}
.td-retry[disabled]{opacity:.5;cursor:default}
.td-typing .td-bubble{display:flex;gap:4px;align-items:center;height:34px}
.td-dot{width:6px;height:6px;border-radius:50%;background:#6b7280;animation:td-blink 1.2s infinite}
.td-dot:nth-child(2){animation-delay:.2s}.td-dot:nth-child(3){animation-delay:.4s}
@keyframes td-blink{0%,80%,100%{opacity:.3}40%{opacity:1}}
.td-connection{padding:6px 16px;font-size:12px;background:#fef3c7;color:#78350f}
.td-composer{border-top:1px solid #e5e7eb;padding:8px}
.td-row{display:flex;align-items:flex-end;gap:4px}
.td-input{all:unset;box-sizing:border-box;flex:1;min-height:40px;max-height:140px;padding:9px 12px;border:1px solid #d1d5db;border-radius:12px;font:inherit;font-size:16px;line-height:1.35;white-space:pre-wrap;overflow-y:auto;color:#111827;background:#fff}
.td-input:focus{border-color:var(--td-primary);box-shadow:0 0 0 2px color-mix(in srgb,var(--td-primary) 30%,transparent)}
.td-input[aria-invalid=true]{border-color:#b91c1c}
.td-send{color:var(--td-primary)}
.td-notice{font-size:12px;color:#b91c1c;padding:0 4px 6px}
`
