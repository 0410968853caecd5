// Finds text on screen that is not in the language on screen (issue #11 §11). The words that only the
// other language uses (its locale's words that the screen's locale never uses, plus a few common words of
// that language that a raw core message would carry) flag a string; data shown as it is — names, notice
// numbers, codes for technicians, log lines — sits under data-i18n="data" and is not read.
import type { Page } from 'playwright-core';
import { en } from '../../src/renderer/i18n/locales/en';
import { it as itMessages } from '../../src/renderer/i18n/locales/it';

function values(o: unknown, out: string[] = []): string[] {
  for (const v of Object.values(o as Record<string, unknown>)) {
    if (typeof v === 'string') out.push(v.replace(/\{\{\w+\}\}/g, ' '));
    else values(v, out);
  }
  return out;
}

export function words(s: string): string[] {
  // An e-mail address or a web address is data, whatever its letters.
  return (
    s
      .toLowerCase()
      .replace(/\S+@\S+|\b\w+:\/\/\S+/g, ' ')
      .match(/\p{L}+/gu) ?? []
  ).filter((w) => w.length >= 2);
}

/** Common words a raw English or Italian message carries even when the locales never use them. */
const EXTRA = {
  en: 'the and or of to is are not with for from this that be by on at an was has have will may can cannot must should wrong expected match failed error unknown ready pending payment open closed shift operator device detail state queue outcome attempt attempts retry no yes digit digits check node decide fails started listening embedded simulator configured disconnected'.split(
    ' ',
  ),
  it: 'il lo la gli le di da del della dei delle che non con per una uno sono errore errato aperto chiuso turno operatore dispositivo stato coda esito tentativi cifra cifre controllo avviso ente pagamento'.split(
    ' ',
  ),
};

/** Proper names, the same in every language: the product's name. */
const PROPER_NAMES = new Set(['sportello']);

/** Words that flag a string as written in `other` on a screen in `lang`. */
export function foreignWords(lang: 'it' | 'en'): Set<string> {
  const other = lang === 'it' ? 'en' : 'it';
  const own = new Set(values(lang === 'it' ? itMessages : en).flatMap(words));
  const theirs = [...values(other === 'en' ? en : itMessages).flatMap(words), ...EXTRA[other]];
  return new Set(theirs.filter((w) => !own.has(w) && !PROPER_NAMES.has(w)));
}

/** Every text the user can read or hear on the page: text nodes and the placeholder, aria-label, title and alt attributes. */
export async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const lang = document.documentElement.lang;
    // A text that declares its own language (the language switch's «English», «Italiano») is in that language on purpose.
    const ownLanguage = (el: Element) => {
      const l = el.closest('[lang]');
      return !!l && l !== document.documentElement && l.getAttribute('lang') !== lang;
    };
    const skip = (el: Element | null) => !el || !!el.closest('[data-i18n="data"], script, style, noscript, [hidden], [aria-hidden="true"]') || ownLanguage(el);
    const shown = (el: Element) => (el as HTMLElement).getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (skip(el) || !el || !shown(el)) continue;
      const s = (n.textContent ?? '').trim();
      if (s) out.push(s);
    }
    for (const el of document.body.querySelectorAll('[placeholder], [aria-label], [title], [alt]')) {
      if (skip(el) || !shown(el)) continue;
      for (const a of ['placeholder', 'aria-label', 'title', 'alt']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}

/** The strings on screen that carry a word of the other language, as "screen: «text» (word)". */
export async function untranslated(page: Page, lang: 'it' | 'en', screen: string): Promise<{ texts: number; found: string[] }> {
  const foreign = foreignWords(lang);
  const texts = await visibleTexts(page);
  const found: string[] = [];
  for (const s of texts) {
    const bad = words(s).filter((w) => foreign.has(w));
    if (bad.length) found.push(`${screen}: «${s}» (${[...new Set(bad)].join(', ')})`);
  }
  return { texts: texts.length, found: [...new Set(found)] };
}
