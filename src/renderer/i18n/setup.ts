// i18next set-up. Italian is the source language; every other language must provide the same
// keys (checked by the `Messages` type and by i18n/locales.test.ts). To add a language: write
// locales/<code>.ts typed as Messages and list it in LANGUAGES.
// Every visible string goes through t(). What is shown as it is — names, notice numbers, machine codes for
// technicians, log lines — sits under an element with data-i18n="data"; never the core's English prose.
// test/e2e/i18n.e2e.test.ts walks every screen in each language and fails on the other language's words.
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { it } from './locales/it';
import { en } from './locales/en';

export const LANGUAGES = [
  { code: 'it', label: 'Italiano', messages: it },
  { code: 'en', label: 'English', messages: en },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export function isLanguage(code: string): code is LanguageCode {
  return LANGUAGES.some((l) => l.code === code);
}

export function createI18n(language: LanguageCode): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'it',
    resources: Object.fromEntries(LANGUAGES.map((l) => [l.code, { translation: l.messages }])),
    interpolation: { escapeValue: false }, // React already escapes
    returnNull: false,
    initAsync: false,
  });
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  document.documentElement.lang = language;
  return instance;
}
