import type { Session } from '../session/session-api';

/** A tile on the signed-in home page; `visible` says who may use what it leads to. */
export interface Tile {
  id: string;
  titleKey: 'tiles.profile.title' | 'tiles.mfa.title';
  descriptionKey: 'tiles.profile.description' | 'tiles.mfa.description';
  to: string;
  visible: (session: Session) => boolean;
}

const everyone = () => true;

// Manage My Roles, My Annual Role Certifications, Pending Approvals, Help Desk, Administration and
// the rest join this list, each with the rule for who sees it.
export const tiles: readonly Tile[] = [
  {
    id: 'profile',
    titleKey: 'tiles.profile.title',
    descriptionKey: 'tiles.profile.description',
    to: '/profile',
    visible: everyone,
  },
  { id: 'mfa', titleKey: 'tiles.mfa.title', descriptionKey: 'tiles.mfa.description', to: '/profile/mfa', visible: everyone },
];
