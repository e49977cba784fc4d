// The prompt page of the browser host: a plain HTML form that posts the PIN or password to the
// host. No script reads what is typed (the page has none); the one script, on the page shown after
// the answer, only closes the window. Styles and that script are allowed by hash, nothing else.
import { createHash } from 'node:crypto';
import { translate, type Language, type MessageKey } from '../../common/i18n/index';
import type { SecretRequest } from '../keystores/types';

const STYLE = [
  'body{font:14px system-ui,sans-serif;margin:0;padding:16px;color:#1b1b1b;background:#fff}',
  '@media (prefers-color-scheme:dark){body{color:#e8e8e8;background:#1f1f1f}input{background:#2b2b2b;color:#e8e8e8;border:1px solid #777}}',
  'h1{font-size:15px;margin:0 0 12px}label{display:block;margin-bottom:6px}',
  'input[type=password]{width:100%;box-sizing:border-box;padding:6px;font:inherit}',
  '.note{font-size:12px;opacity:.8;margin:10px 0 0}',
  '.actions{display:flex;flex-direction:row-reverse;gap:8px;margin-top:14px}button{padding:5px 14px;font:inherit}',
].join('');
const CLOSE_SCRIPT = 'window.close();';

function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Nothing may load, run or be framed; the form may post only to the prompt's own origin. */
export const PROMPT_CSP = [
  "default-src 'none'",
  `style-src ${hashSource(STYLE)}`,
  `script-src ${hashSource(CLOSE_SCRIPT)}`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function page(language: Language, title: string, body: string): string {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="referrer" content="same-origin"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** The form: OK comes first in the markup so that Enter submits it; Cancel posts action=cancel. */
export function promptFormPage(language: Language, request: SecretRequest, id: string, token: string): string {
  const t = (key: MessageKey, params?: Record<string, string>) => escapeHtml(translate(language, key, params));
  const secret = translate(language, request.kind === 'pin' ? 'secret.pin' : 'secret.password');
  const title = translate(language, 'secretPrompt.title', { secret });
  return page(
    language,
    title,
    `<h1>${escapeHtml(title)}</h1>` +
      `<form method="post" action="/prompt/${encodeURIComponent(id)}" autocomplete="off">` +
      `<input type="hidden" name="token" value="${escapeHtml(token)}">` +
      `<label for="secret">${t('secret.promptLabel', { secret, target: request.target })}</label>` +
      `<input id="secret" name="secret" type="password" autocomplete="off" autofocus spellcheck="false" data-testid="secret-input">` +
      `<div class="actions"><button type="submit" name="action" value="ok" data-testid="secret-ok">${t('secretPrompt.ok')}</button>` +
      `<button type="submit" name="action" value="cancel" data-testid="secret-cancel">${t('confirm.cancel')}</button></div>` +
      `<p class="note">${t('secretPrompt.note')}</p></form>`,
  );
}

/** After the answer (or when the question is gone): a message, and the window closes itself. */
export function promptOutcomePage(language: Language, outcome: 'sent' | 'cancelled' | 'gone'): string {
  const key = outcome === 'sent' ? 'secretPrompt.sent' : outcome === 'cancelled' ? 'secretPrompt.cancelled' : 'secretPrompt.gone';
  const message = escapeHtml(translate(language, key));
  return page(language, translate(language, 'app.name'), `<p data-testid="secret-outcome">${message}</p>${outcome === 'gone' ? '' : `<script>${CLOSE_SCRIPT}</script>`}`);
}
