import { describe, expect, it } from 'vitest';
import { mayManageClients } from './clients.policy.js';

describe('who manages the applications’ clients', () => {
  it('is an administrator, and no one else', () => {
    expect(mayManageClients({ id: 'a', isAdministrator: true })).toBe(true);
    expect(mayManageClients({ id: 'b', isAdministrator: false })).toBe(false);
  });
});
