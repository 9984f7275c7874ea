/** Where a help desk person stands: the applications they are help desk for. */
export interface HelpDeskStanding {
  userId: string;
  helpDeskApplicationIds: readonly string[];
}

/**
 * Whom the help desk serves: the people who hold, held or asked for a role in one of its
 * applications, and those with no role or request anywhere yet (someone locked out before their
 * first request calls the help desk too). Someone known only to other applications is theirs:
 * to this help desk they do not exist.
 */
export function servesPerson(standing: HelpDeskStanding, personApplicationIds: ReadonlySet<string>): boolean {
  if (standing.helpDeskApplicationIds.length === 0) return false;
  if (personApplicationIds.size === 0) return true;
  return standing.helpDeskApplicationIds.some((id) => personApplicationIds.has(id));
}

/**
 * The application an act of the help desk is recorded under (its audit scope): the first of its
 * applications the person is known to, or its first application for someone known to none.
 */
export function actingApplicationId(standing: HelpDeskStanding, personApplicationIds: ReadonlySet<string>): string | null {
  const shared = [...standing.helpDeskApplicationIds].sort().find((id) => personApplicationIds.has(id));
  return shared ?? [...standing.helpDeskApplicationIds].sort()[0] ?? null;
}

/** Which of the help desk's applications a person's roles and requests are shown from. */
export function visibleApplicationIds(standing: HelpDeskStanding, personApplicationIds: ReadonlySet<string>): string[] {
  return standing.helpDeskApplicationIds.filter((id) => personApplicationIds.has(id));
}

/** What the help desk may do to a person's account. */
export const HELP_DESK_ACTIONS = ['unlock', 'reset_mfa', 'resend_verification'] as const;
export type HelpDeskAction = (typeof HELP_DESK_ACTIONS)[number];

/** The account as the actions depend on it. */
export interface AccountFacts {
  id: string;
  locked: boolean;
  mfaDevices: number;
  status: 'pending_verification' | 'active' | 'disabled';
}

/**
 * The actions that apply to the account now: unlock a locked user ID, reset the devices of
 * someone who has any, send the verification email again while it is unverified. Nobody acts on
 * their own account here: they have their own pages for it.
 */
export function helpDeskActions(standing: HelpDeskStanding, account: AccountFacts): HelpDeskAction[] {
  if (account.id === standing.userId) return [];
  const actions: HelpDeskAction[] = [];
  if (account.locked) actions.push('unlock');
  if (account.mfaDevices > 0) actions.push('reset_mfa');
  if (account.status === 'pending_verification') actions.push('resend_verification');
  return actions;
}

/** Whether `action` applies: the service refuses with the error the action's absence means. */
export function mayTake(standing: HelpDeskStanding, account: AccountFacts, action: HelpDeskAction): boolean {
  return helpDeskActions(standing, account).includes(action);
}

/** Whether the caller opens the help desk console at all. */
export function isHelpDesk(standing: HelpDeskStanding): boolean {
  return standing.helpDeskApplicationIds.length > 0;
}
