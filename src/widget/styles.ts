import type { Palette } from './color.js';

/**
 * The widget's stylesheet. It lives in the shadow root (adopted as a constructable stylesheet, or a
 * <style> element carrying the script's nonce on old browsers), so the portal's CSS cannot reach in
 * and ours cannot leak out. Mobile first: full screen below 480 px, a floating panel above.
 */
export const CSS = `
:host{all:initial}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
.root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;-webkit-text-size-adjust:100%;text-size-adjust:100%}
.root.large{font-size:20px}
.sr-only{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
button{font:inherit;cursor:pointer}
button:focus-visible,a:focus-visible,textarea:focus-visible,[tabindex]:focus-visible{outline:3px solid var(--ink);outline-offset:2px}
.ico{width:22px;height:22px;flex:none;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.bubble{position:fixed;right:16px;bottom:16px;z-index:2147483000;display:flex;align-items:center;gap:8px;min-height:56px;padding:0 20px 0 16px;border:2px solid var(--on);border-radius:28px;background:var(--c);color:var(--on);font-size:16px;font-weight:700;box-shadow:0 4px 16px rgba(0,0,0,.35)}
.bubble:focus-visible{outline:3px solid #111;outline-offset:3px;box-shadow:0 0 0 3px #fff}
.left .bubble{right:auto;left:16px}
.panel{position:fixed;top:0;right:0;bottom:0;left:0;z-index:2147483001;display:flex;flex-direction:column;width:100%;height:100%;background:#fff;overflow:hidden}
.head{display:flex;align-items:center;gap:4px;padding:8px 6px 8px 14px;background:var(--c);color:var(--on)}
.head-text{flex:1;min-width:0}
.title{margin:0;font-size:1.05em;font-weight:700;line-height:1.3;overflow-wrap:anywhere}
.title:focus{outline:none}
.status{margin:0;font-size:.875em;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.hbtn{display:inline-flex;align-items:center;justify-content:center;width:44px;height:44px;flex:none;padding:0;border:0;border-radius:8px;background:transparent;color:inherit;font-weight:700}
.hbtn[aria-pressed=true]{box-shadow:inset 0 0 0 2px currentColor}
.hbtn.labelled{flex-direction:column;width:auto;min-width:48px;height:52px;padding:2px 6px;gap:1px;font-size:12px;font-weight:600;line-height:1.1}
.hbtn.labelled .ico{width:20px;height:20px}
.menu{display:flex;flex-direction:column;gap:2px;padding:6px 8px 8px;background:#fff;border-bottom:1px solid #dcdcdc;max-height:60%;overflow-y:auto}
.mitem{display:flex;align-items:center;gap:10px;min-height:44px;padding:6px 10px;border:0;border-radius:8px;background:transparent;color:#1a1a1a;text-align:left}
.mitem:hover{background:#f0f0f0}
.mitem[aria-pressed=true]{box-shadow:inset 0 0 0 2px var(--ink)}
.langs{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin:4px 10px}
.langs span{font-size:.875em;color:#3d3d3d}
.support{margin:4px 10px 0;font-size:.875em;color:#3d3d3d}
.support span{display:block;margin:0 0 4px}
.call{display:inline-flex;align-items:center;gap:6px;min-height:44px;margin:8px 0 0;padding:6px 14px;border:2px solid var(--ink);border-radius:22px;color:var(--ink);font-weight:700;text-decoration:none}
.call .ico{width:18px;height:18px}
.head .hbtn:focus-visible{outline-color:var(--on);outline-offset:-3px}
.banner{display:flex;flex-wrap:wrap;align-items:center;gap:4px 10px;padding:8px 14px;background:#fff4e5;color:#4d2c00;font-size:.9em;border-bottom:1px solid #f0c36d}
.banner b{font-weight:700}
.linkbtn{padding:4px 0;border:0;background:none;color:#4d2c00;text-decoration:underline;font-size:1em}
.log{flex:1;min-height:0;overflow-y:auto;overscroll-behavior:contain;padding:12px;background:#f5f5f6}
.msg{margin:0 0 14px;max-width:94%}
.msg.user{margin-left:auto;max-width:86%}
.who{margin:0 0 2px;font-size:.875em;color:#4a4a4a}
.user .who{text-align:right}
.body{padding:10px 12px;border:1px solid #dcdcdc;border-radius:12px;background:#fff;overflow-wrap:anywhere}
.user .body{border-color:transparent;background:var(--c);color:var(--on);white-space:pre-wrap}
.staff .body{border-left:4px solid var(--ink)}
.body p{margin:0 0 8px}.body p:last-child{margin-bottom:0}
.body ul,.body ol{margin:0 0 8px;padding-left:1.4em}.body ul:last-child,.body ol:last-child{margin-bottom:0}
.body li{margin:2px 0}
.body a,.sources a{color:var(--ink);text-decoration:underline;text-underline-offset:2px}
.streaming .body::after{content:"▍";color:#767676}
.note{margin:2px 0 0;font-size:.875em;color:#5c3a00}
.user .note{text-align:right}
.notice{margin:0 0 14px;padding:8px 10px;border:1px solid #f0c36d;border-radius:8px;background:#fff4e5;color:#4d2c00;font-size:.9em}
.typing{margin:0 0 14px;color:#4a4a4a;font-size:.9em;font-style:italic}
.facts{margin:0 0 8px;padding:6px 8px;border-left:3px solid var(--ink);background:#f5f5f5;display:grid;grid-template-columns:auto 1fr;gap:2px 8px;font-size:.95em}
.facts dt{font-weight:700}
.facts dd{margin:0}
.sources{margin:8px 0 0;padding:8px 0 0;border-top:1px solid #e6e6e6;font-size:1em}
.sources h3{margin:0 0 2px;font-size:.875em;font-weight:700;color:#4a4a4a}
.sources ul{margin:0;padding:0;list-style:none}
.sources li{margin:2px 0}
.sources .sec{color:#4a4a4a}
.actions{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0 0}
.act{display:inline-flex;align-items:center;gap:4px;min-width:40px;min-height:40px;padding:4px 10px;border:1px solid #8a8a8a;border-radius:20px;background:#fff;color:#2b2b2b;font-size:.9em}
.act .ico{width:18px;height:18px}
.act[aria-pressed=true]{border-color:var(--c);background:var(--c);color:var(--on)}
.fb{margin:8px 0 0;padding:10px;border:1px solid #dcdcdc;border-radius:10px;background:#fff}
.fb label{display:block;margin:0 0 4px;font-size:.9em;font-weight:600}
.fb textarea{display:block;width:100%;min-height:64px;font-size:16px;font-size:max(16px,1em)}
.fb-row{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0 0}
.thanks{margin:6px 0 0;font-size:.875em;color:#1e5e20}
.field{display:block;width:100%;min-height:44px;padding:8px 12px;border:1px solid #6e6e6e;border-radius:10px;font-family:inherit;font-size:16px;font-size:max(16px,1em);color:#1a1a1a;background:#fff}
.field[aria-invalid=true]{border-color:#b00020;border-width:2px}
.field-error{margin:4px 0 0;font-size:.875em;color:#b00020}
.card .body{border-color:var(--ink)}
.card-q{margin:0 0 6px;font-weight:700}
.card-form label{display:block;margin:8px 0 4px;font-size:.9em;font-weight:600}
.card-form textarea{display:block;width:100%;min-height:72px;font-size:16px;font-size:max(16px,1em)}
.kinds{display:flex;flex-wrap:wrap;gap:4px 16px;margin:0;padding:0;border:0}
.kinds legend{padding:0;margin:0 0 2px;font-size:.9em;font-weight:600}
.card-form .kind{display:inline-flex;align-items:center;gap:6px;min-height:44px;margin:0;font-weight:400}
.kind input{width:20px;height:20px;margin:0}
.hint{margin:4px 0 0;font-size:.875em;color:#4a4a4a}
.code{margin:6px 0;font:700 1.25em/1.3 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.06em;user-select:all}
.status-line{margin:0 0 4px;font-weight:700}
.status-line.answered{color:#1e5e20}
.lookup-result p{margin:0 0 4px}
.reply{padding:8px 10px;border-left:4px solid var(--ink);background:#f5f5f6}
.auto-note{margin:-6px 0 12px;font-size:.875em;color:#3d3d3d}
.wait{flex:1;margin:0;font-size:.9em;font-weight:600;color:#1a1a1a}
.wait span{display:block}
.end{flex:none}
.survey-q{margin:0;font-weight:700}
.survey-d{margin:0 0 6px;font-size:.875em;color:#4a4a4a}
.scale{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 8px}
.score{justify-content:center;min-width:44px;font-weight:700}
.survey-form label{display:block;margin:0 0 4px;font-size:.9em;font-weight:600}
.survey-form textarea{display:block;width:100%;min-height:56px;font-size:16px;font-size:max(16px,1em)}
.act:disabled{opacity:.6;cursor:not-allowed}
.chips{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 14px;padding:0;border:0}
.chips-label{width:100%;margin:0;font-size:.875em;color:#4a4a4a}
.chip{min-height:44px;padding:8px 14px;border:1px solid var(--ink);border-radius:22px;background:#fff;color:var(--ink);font-size:.95em;text-align:left;line-height:1.35}
.chip:hover,.act:hover{background:#f0f0f0}
.act[aria-pressed=true]:hover{background:var(--c)}
.handoff-bar{display:flex;align-items:center;gap:8px;padding:8px 12px 0;background:#fff;border-top:1px solid #dcdcdc}
.handoff{display:flex;align-items:center;justify-content:center;gap:8px;width:100%;min-height:44px;padding:6px 12px;border:2px solid var(--ink);border-radius:10px;background:#fff;color:var(--ink);font-weight:700;font-size:.95em}
.composer{display:flex;align-items:flex-end;gap:8px;margin:0;padding:8px 12px;background:#fff}
textarea{box-sizing:border-box;padding:10px 12px;border:1px solid #6e6e6e;border-radius:10px;background:#fff;color:#1a1a1a;font-family:inherit;line-height:1.4;resize:none}
.input{flex:1;min-width:0;min-height:46px;max-height:140px;font-size:16px;font-size:max(16px,1em);field-sizing:content}
.send{display:inline-flex;align-items:center;justify-content:center;width:46px;height:46px;flex:none;border:0;border-radius:10px;background:var(--c);color:var(--on)}
.send:focus-visible{outline-color:#111}
.mic{display:inline-flex;align-items:center;justify-content:center;width:46px;height:46px;flex:none;border:2px solid var(--ink);border-radius:10px;background:#fff;color:var(--ink)}
.mic[aria-pressed=true]{background:var(--c);color:var(--on);border-color:var(--c)}
.privacy{margin:0;padding:0 12px 8px;background:#fff;font-size:.875em;line-height:1.35;color:#3d3d3d}
@media (min-width:480px){
.panel{top:auto;left:auto;right:16px;bottom:16px;width:384px;height:640px;max-height:calc(100vh - 32px);border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.35)}
.left .panel{right:auto;left:16px}
.large .panel{width:440px}
}
@media (prefers-reduced-motion:no-preference){.panel{animation:dvc-in .16s ease-out}@keyframes dvc-in{from{opacity:0;transform:translateY(12px)}to{opacity:1;transform:none}}}
@media print{.root{display:none}}
`;

/** The colour variables: built only from validated hex values. */
export function paletteCss(p: Palette): string {
  return `:host{--c:${p.brand};--on:${p.onBrand};--ink:${p.ink}}`;
}
