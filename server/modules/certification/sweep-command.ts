import type { AppContext } from '../../context.js';
import { endOfDayIn, toTimestamp } from '../../shared/time.js';
import { isCalendarDate } from './due-dates.js';

/** `rolecall sweep [--dry-run --date YYYY-MM-DD]`, its options parsed by the command line; answers the exit code. */
export async function runSweepCommand(
  ctx: AppContext,
  options: { dryRun: boolean; date: string | undefined },
  out: (line: string) => void,
): Promise<number> {
  if (options.dryRun) {
    const date = options.date;
    if (date === undefined || !isCalendarDate(date)) {
      out('rolecall sweep: --dry-run needs --date YYYY-MM-DD, a real calendar date (see rolecall sweep --help)');
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
  if (options.date !== undefined) {
    out('rolecall sweep: --date goes with --dry-run; a sweep always runs as of now (see rolecall sweep --help)');
    return 1;
  }
  for (const name of ['certification.sweep', 'role_requests.sweep']) {
    const outcome = await ctx.scheduler.runNow(name);
    out(outcome.ran ? `${name}: ${JSON.stringify(outcome.result)}` : `${name}: skipped, another process is running it`);
  }
  return 0;
}
