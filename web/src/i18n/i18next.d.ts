import 'i18next';
import type en from './en.json';

// English is the reference catalogue: a key missing from it is a type error in the components.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
