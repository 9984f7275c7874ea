import { Random } from './seeded.js';

/*
 * When each generated thing happened, relative to a base instant ("now" for the data). Every
 * instant is the base minus a seeded offset, never the clock, so a seed always gives the same
 * timestamps. Each kind of event is spread evenly over its own window, in order, so ids made from
 * these instants sort the way the events happened:
 *
 *   catalog applied                 base − 800 days
 *   users, organizations created    base − 790 … − 410 days
 *   help desk granted               base − 400 days (roles nobody certifies: no due date)
 *   overdue grants                  base − 395 … − 366 days: due (one year on) before today
 *   the other grants                base − 363 … − 1 hour: due over the coming year
 *   pending requests submitted      base − 25 days … − 1 hour: none has expired yet
 */

export const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface Window {
  readonly from: number;
  readonly to: number;
}

export function windows(base: Date) {
  const at = (days: number) => base.getTime() - days * DAY;
  return {
    catalog: at(800),
    created: { from: at(790), to: at(410) },
    helpDesk: { from: at(400), to: at(399) },
    overdueGrants: { from: at(395), to: at(366) - HOUR },
    grants: { from: at(363), to: base.getTime() - HOUR },
    requests: { from: at(25), to: base.getTime() - HOUR },
  };
}

/**
 * The k-th of `count` instants spread over a window: one slot each, a seeded point inside the
 * middle of its slot, so instants strictly increase while not falling on a regular grid.
 */
export function spread(window: Window, k: number, count: number, random: Random): number {
  const slot = (window.to - window.from) / count;
  return Math.floor(window.from + slot * (k + 0.1 + 0.8 * random.float()));
}

/** The same, with a per-index generator: for rows built by index, in any order. */
export function spreadAt(window: Window, k: number, count: number, seed: number, stream: string): number {
  return spread(window, k, count, new Random(seed, stream, k));
}
