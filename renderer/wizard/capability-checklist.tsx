import type { TokenKind } from '../../electron/common/types';

interface Capability {
  name: string;
  when: string;
}

const CONTENT: readonly Capability[] = [
  { name: 'Read content', when: 'always' },
  { name: 'Update content', when: 'only if your scripts change pages' },
  { name: 'Insert content', when: 'only if your scripts create pages' },
];
const PAT: readonly Capability[] = [{ name: 'Notion API', when: 'always (Workers only if you deploy Notion Workers)' }];

/**
 * The fewest capabilities that do the job: a leaked token can do only what it was given. A plain
 * list: they are ticked in Notion, not here (boxes drawn here would look tickable).
 */
export function CapabilityChecklist({ kind }: { kind: TokenKind }) {
  const items = kind === 'pat' ? PAT : CONTENT;
  return (
    <div className="checklist">
      <h4>Capabilities to give it in Notion</h4>
      <ul>
        {items.map((item) => (
          <li key={item.name}>
            <strong>{item.name}</strong>: {item.when}
          </li>
        ))}
      </ul>
    </div>
  );
}
