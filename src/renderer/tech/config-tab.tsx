// Configuration view and edit (issue #6 §5): the core sends it without its secrets and says which are
// set (issue #11 §8: a `"password": null` contradicted "impostato"); a secret is only ever written
// (password field, empty = unchanged), never shown back. The core validates.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigView } from '../../common/ipc/system';
import { call, toUiError } from '../bridge/bridge';
import { errorMessage, MessageBox } from '../components/messages';
import type { FlowMessage } from '../counter/flow';

function setPath(obj: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== 'object') o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[keys[keys.length - 1] as string] = value;
}

export function ConfigTab() {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<ConfigView | null>(null);
  const [text, setText] = useState('');
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<FlowMessage | null>(null);
  const show = (v: ConfigView) => {
    setView(v);
    setText(JSON.stringify(v.config, null, 2));
    setSecrets({});
  };
  useEffect(() => {
    call('config/get')
      .then(show)
      .catch((e: unknown) => setMessage(errorMessage(t, toUiError(e), 'clerk', i18n.language)));
  }, [t]);
  let parseError: string | null = null;
  let parsed: Record<string, unknown> | null = null;
  try {
    const v: unknown = JSON.parse(text || '{}');
    if (!v || typeof v !== 'object' || Array.isArray(v)) parseError = t('tech.config.notObject');
    else parsed = v as Record<string, unknown>;
  } catch {
    // The JS engine's own message is English (and changes with the engine): say it in the UI language.
    parseError = t('tech.config.notJson');
  }
  const save = async () => {
    if (!parsed || !view) return;
    const patch = JSON.parse(JSON.stringify(parsed)) as Record<string, unknown>;
    for (const p of view.secretPaths) setPath(patch, p, secrets[p] ? secrets[p] : null);
    setMessage(null);
    try {
      show(await call('config/update', { patch }));
      setMessage({ tone: 'ok', title: t('tech.config.saved') });
    } catch (e) {
      const err = toUiError(e);
      setMessage(
        err.kind === 'invalid-argument' ? { tone: 'bad', title: t('tech.config.invalid'), detail: t('tech.config.invalidAction'), code: err.message } : errorMessage(t, err, 'clerk', i18n.language),
      );
    }
  };
  if (!view) return message ? <MessageBox m={message} /> : <p className="muted">{t('common.loading')}</p>;
  return (
    <div className="config-tab" data-testid="config-tab">
      <div className="field">
        <label htmlFor="config-json">{t('tech.config.json')}</label>
        <textarea
          data-i18n="data"
          id="config-json"
          className="code config-json"
          rows={18}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={parseError ? 'true' : 'false'}
          aria-describedby="config-json-hint"
        />
        <span id="config-json-hint" className={parseError ? 'error' : 'hint'}>
          {parseError ?? t('tech.config.hint')}
        </span>
      </div>
      <h3>{t('tech.config.secrets')}</h3>
      <p className="small muted">{t('tech.config.secretsOmitted')}</p>
      {view.secretPaths.map((p) => (
        <div key={p} className="field">
          <label htmlFor={`secret-${p}`}>
            <span className="code" data-i18n="data">
              {p}
            </span>{' '}
            — {view.secretsSet[p] ? t('tech.config.secretSet') : t('tech.config.secretUnset')}
          </label>
          <input
            id={`secret-${p}`}
            type="password"
            autoComplete="new-password"
            value={secrets[p] ?? ''}
            onChange={(e) => setSecrets((s) => ({ ...s, [p]: e.target.value }))}
            placeholder={t('tech.config.secretPlaceholder')}
          />
        </div>
      ))}
      {message && <MessageBox m={message} />}
      <div className="row">
        <button type="button" className="btn" onClick={() => show(view)}>
          {t('tech.config.revert')}
        </button>
        <button type="button" className="btn primary" disabled={!!parseError} onClick={() => void save()} data-testid="config-save">
          {t('tech.config.save')}
        </button>
      </div>
    </div>
  );
}
