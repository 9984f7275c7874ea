import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { catalogProblems, parseCatalog, type CatalogDocument } from './catalog-document.js';

const spot = (): CatalogDocument => JSON.parse(readFileSync('catalog/spot.json', 'utf8')) as CatalogDocument;

function problemsOf(value: unknown): string[] {
  try {
    parseCatalog(value);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('catalog.invalid');
    return (error as AppError).details?.problems as string[];
  }
}

describe('the role catalog document', () => {
  it('accepts the shipped SPOT catalog', () => {
    expect(catalogProblems(spot())).toEqual([]);
    const roles = parseCatalog(spot()).applications[0]?.roles ?? [];
    expect(roles.map((role) => role.code)).toEqual(['end_user', 'approver', 'backup_approver', 'help_desk']);
    expect(roles.find((role) => role.code === 'approver')).toMatchObject({
      includes: 'end_user',
      maxActivePerOrg: 1,
      approvedBy: 'help_desk',
    });
    expect(roles.find((role) => role.code === 'backup_approver')).toMatchObject({ maxActivePerOrg: 3, certifiedBy: 'help_desk' });
    expect(roles.find((role) => role.code === 'end_user')).toMatchObject({
      approvedBy: 'org_approvers',
      certifiedBy: 'org_approvers',
    });
  });

  it('refuses a role that includes an unknown role', () => {
    const catalog = spot();
    catalog.applications[0]!.roles[1]!.includes = 'nobody';
    expect(problemsOf(catalog)).toEqual(['application SPOT, role approver: includes unknown role nobody']);
  });

  it('refuses chains of included roles', () => {
    const catalog = spot();
    catalog.applications[0]!.roles[0]!.includes = 'backup_approver';
    expect(problemsOf(catalog).some((problem) => problem.includes('itself includes another role'))).toBe(true);
  });

  it('refuses an application-wide role decided by an organization', () => {
    const catalog = spot();
    catalog.applications[0]!.roles[3]!.approvedBy = 'org_approvers';
    expect(problemsOf(catalog)).toEqual([
      "application SPOT, role help_desk: an application-wide role cannot be approved or certified by an organization's approvers",
    ]);
  });

  it('refuses a role code used twice', () => {
    const catalog = spot();
    catalog.applications[0]!.roles[2]!.code = 'approver';
    expect(problemsOf(catalog)).toContain('application SPOT: a role code is used twice');
  });

  it('refuses malformed documents, naming where', () => {
    expect(problemsOf({ applications: [] })[0]).toMatch(/applications/);
    const catalog = spot() as unknown as { applications: { roles: { scope: string }[] }[] };
    catalog.applications[0]!.roles[0]!.scope = 'galaxy';
    expect(problemsOf(catalog)[0]).toMatch(/\/applications\/0\/roles\/0\/scope/);
  });
});
