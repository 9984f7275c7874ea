import type { Session } from '../session/session-api';

type TileName = 'roles' | 'approvals' | 'profile' | 'mfa';

/** A tile on the signed-in home page; `visible` says who may use what it leads to. */
export interface Tile {
  id: TileName;
  titleKey: `tiles.${TileName}.title`;
  descriptionKey: `tiles.${TileName}.description`;
  to: string;
  visible: (session: Session) => boolean;
}

const everyone = () => true;

// The server says what the person's roles let them do (session.capabilities); the pages behind
// these tiles still ask the server for everything, so a stale tile leads to an empty page at worst.
const decidesRequests = (session: Session) => session.capabilities?.approvesRequests === true;

// My Annual Role Certifications, Help Desk, Administration and the rest join this list, each with
// the rule for who sees it.
export const tiles: readonly Tile[] = [
  {
    id: 'roles',
    titleKey: 'tiles.roles.title',
    descriptionKey: 'tiles.roles.description',
    to: '/roles',
    visible: everyone,
  },
  {
    id: 'approvals',
    titleKey: 'tiles.approvals.title',
    descriptionKey: 'tiles.approvals.description',
    to: '/approvals',
    visible: decidesRequests,
  },
  {
    id: 'profile',
    titleKey: 'tiles.profile.title',
    descriptionKey: 'tiles.profile.description',
    to: '/profile',
    visible: everyone,
  },
  { id: 'mfa', titleKey: 'tiles.mfa.title', descriptionKey: 'tiles.mfa.description', to: '/profile/mfa', visible: everyone },
];
