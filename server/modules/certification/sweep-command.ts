import { parseArgs } from 'node:util';
import type { AppContext } from '../../context.js';
import { endOfDayIn, toTimestamp } from '../../shared/time.js';
import { isCalendarDate } from './due-dates.js';

export const SWEEP_USAGE = `  sweep                 run the certification sweep (expiry, reminders) and the role-request
                        sweep once, now
  sweep --dry-run --date YYYY-MM-DD
                        list the roles that would be removed at the end of that day (in
                        ROLECALL_TIME_ZONE) unless certified; changes nothing`;

/** `rolecall sweep [--dry-run --date YYYY-MM-DD]`; answers the exit code. */
export async function runSweepCommand(ctx: AppContext, args: string[], out: (line: string) => void): Promise<number> {
  let values: { 'dry-run'?: boolean; date?: string };
  try {
    ({ values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean' }, date: { type: 'string' } } }));
  } catch (error) {
    out(`${error instanceof Error ? error.message : String(error)}\n\nUsage:\n${SWEEP_USAGE}`);
    return 1;
  }
  if (values['dry-run']) {
    const date = values.date;
    if (date === undefined || !isCalendarDate(date)) {
      out(`sweep --dry-run needs --date YYYY-MM-DD\n\nUsage:\n${SWEEP_USAGE}`);
      return 1;
    }
    const items = await ctx.certification.expiring(date);
    const end = toTimestamp(endOfDayIn(date, ctx.config.timeZone));
    out(
      `Dry run: ${items.length} role(s) would be removed by the end of ${date} (${ctx.config.timeZone}, ${end}) unless certified.`,
    );
    for (const item of items) {
      out(
        [
          item.dueDay,
          item.application.code,
          item.organization ? `${item.organization.submitterId} ${item.organization.legalName}` : '-',
          item.role.name,
          `${item.holder.userId} (${item.holder.firstName} ${item.holder.lastName})`,
          item.assignmentId,
        ].join('\t'),
      );
    }
    return 0;
  }
  if (values.date !== undefined) {
    out(`--date goes with --dry-run; a sweep always runs as of now.\n\nUsage:\n${SWEEP_USAGE}`);
    return 1;
  }
  for (const name of ['certification.sweep', 'role_requests.sweep']) {
    const outcome = await ctx.scheduler.runNow(name);
    out(outcome.ran ? `${name}: ${JSON.stringify(outcome.result)}` : `${name}: skipped, another process is running it`);
  }
  return 0;
}
