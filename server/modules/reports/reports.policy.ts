import type { Caller } from '../../shared/actor.js';

/**
 * The program report shows every application's figures: administrators read it, nobody else,
 * not even the help desk (who sees its own applications in its console).
 */
export function mayReadProgramReport(caller: Pick<Caller, 'isAdministrator'>): boolean {
  return caller.isAdministrator;
}
