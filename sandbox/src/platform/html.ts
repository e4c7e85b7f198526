/** Escape text for HTML element content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f5f8;color:#1f2328;margin:0}
header{background:#236cff;color:#fff;padding:12px 24px;font-weight:600}
header small{font-weight:400;opacity:.85;margin-left:8px}
main{max-width:560px;margin:32px auto;background:#fff;border-radius:8px;padding:28px 32px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.35rem;margin-top:0}
label{display:block;font-weight:600;margin:14px 0 4px}
input[type=text],input[type=email],input[type=password],select{width:100%;box-sizing:border-box;padding:8px;border:1px solid #b6bcc6;border-radius:4px;font-size:1rem}
.choice{display:flex;gap:8px;align-items:center;margin:8px 0}.choice label{display:inline;margin:0;font-weight:400}
button{margin-top:18px;padding:9px 18px;border-radius:4px;border:1px solid #236cff;background:#236cff;color:#fff;font-size:1rem;cursor:pointer}
button.secondary{background:#fff;color:#236cff}
.error{background:#fdecea;border:1px solid #f5c2bd;color:#8a1c12;padding:10px;border-radius:4px}
.note{color:#5b6270;font-size:.9rem}
table{width:100%;border-collapse:collapse}td,th{text-align:left;padding:8px;border-bottom:1px solid #e3e5ea}
ul.scopes li{margin:6px 0}
fieldset{border:1px solid #e3e5ea;border-radius:6px;margin-top:18px}
`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} – Intuit sandbox</title><style>${STYLE}</style></head>
<body><header>intuit <small>QuickBooks Online sandbox (offline stand-in)</small></header>
<main>${body}</main></body></html>`;
}

export function errorBox(message: string | undefined): string {
  return message ? `<p class="error" role="alert">${esc(message)}</p>` : "";
}

export function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`;
}

/** A labelled text input; ids are stable so browser tests can find them by label or id. */
export function field(input: { id: string; name: string; label: string; type?: string; value?: string; autocomplete?: string }): string {
  return `<label for="${esc(input.id)}">${esc(input.label)}</label>
<input id="${esc(input.id)}" name="${esc(input.name)}" type="${esc(input.type ?? "text")}" value="${esc(input.value ?? "")}"${
    input.autocomplete ? ` autocomplete="${esc(input.autocomplete)}"` : ""
  } required>`;
}
