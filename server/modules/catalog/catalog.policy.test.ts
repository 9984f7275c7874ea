import { describe, expect, it } from 'vitest';
import { mayManageCatalog } from './catalog.policy.js';

describe('who manages the catalog', () => {
  it('is administrators alone', () => {
    expect(mayManageCatalog({ id: 'a', isAdministrator: true })).toBe(true);
    expect(mayManageCatalog({ id: 'b', isAdministrator: false })).toBe(false);
  });
});
