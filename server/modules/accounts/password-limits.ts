/**
 * The password length CMS requires: 15 to 60 characters. Alone in this file, with no imports, so
 * the request schemas (and the web app's types made from them) can use it without the rest of
 * the password rules.
 */
export const PASSWORD_MIN_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 60;
