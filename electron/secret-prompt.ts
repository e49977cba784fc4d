// Asking for a token PIN or a PFX password in the desktop app: a small modal window of its own
// (sandboxed, no Node, its own preload), so the secret never passes through the app's renderer.
// The answer is handed to the key store and forgotten; it is never logged or stored.
import { BrowserWindow, ipcMain, type IpcMainEvent } from 'electron';
import path from 'node:path';
import { ELECTRON_SECRET_CHANNEL } from '../shared/common/ipc';
import type { SecretProvider, SecretRequest } from '../shared/node/keystores/types';
import type { SecretQuestions } from '../shared/node/secret-prompt/questions';

export interface SecretPromptTexts {
  title: string;
  label(request: SecretRequest): string;
  ok: string;
  cancel: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function pageFor(texts: SecretPromptTexts, request: SecretRequest): string {
  const html = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<title>${escapeHtml(texts.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:16px}label{display:block;margin-bottom:8px}input{width:100%;box-sizing:border-box;padding:6px}
.actions{margin-top:14px;text-align:right}button{margin-left:8px;padding:5px 14px}</style></head>
<body><form id="f"><label for="s">${escapeHtml(texts.label(request))}</label>
<input id="s" type="password" autocomplete="off" autofocus>
<div class="actions"><button type="button" id="c">${escapeHtml(texts.cancel)}</button><button type="submit">${escapeHtml(texts.ok)}</button></div></form>
<script>
document.getElementById('f').addEventListener('submit',function(e){e.preventDefault();window.secretPrompt.submit(document.getElementById('s').value);});
document.getElementById('c').addEventListener('click',function(){window.secretPrompt.submit(null);});
document.addEventListener('keydown',function(e){if(e.key==='Escape')window.secretPrompt.submit(null);});
</script></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/**
 * Asks in a window of its own. The question is registered in `questions` (shared with the browser
 * host), so the app's Sign dialog can say what it waits for and cancel it: cancelling closes the
 * window, closing the window cancels.
 */
export function askSecretInWindow(parent: () => BrowserWindow | null, texts: () => SecretPromptTexts, questions: SecretQuestions): SecretProvider {
  return (request) =>
    questions.ask(request, (_id, answer) => {
      const owner = parent();
      const prompt = new BrowserWindow({
        ...(owner ? { parent: owner, modal: true } : {}),
        width: 420,
        height: 190,
        resizable: false,
        minimizable: false,
        maximizable: false,
        title: texts().title,
        webPreferences: {
          preload: path.join(__dirname, 'secret-preload.cjs'),
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          spellcheck: false,
        },
      });
      prompt.setMenu(null);
      const onAnswer = (event: IpcMainEvent, value: unknown) => {
        if (event.sender !== prompt.webContents) return;
        answer(typeof value === 'string' ? value : null);
      };
      ipcMain.on(ELECTRON_SECRET_CHANNEL, onAnswer);
      prompt.on('closed', () => {
        ipcMain.removeListener(ELECTRON_SECRET_CHANNEL, onAnswer);
        answer(null);
      });
      void prompt.loadURL(pageFor(texts(), request));
      return {
        url: null,
        dismiss: () => {
          ipcMain.removeListener(ELECTRON_SECRET_CHANNEL, onAnswer);
          if (!prompt.isDestroyed()) prompt.close();
        },
      };
    });
}
