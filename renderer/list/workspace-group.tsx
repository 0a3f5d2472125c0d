import { useId } from 'react';
import { plural } from '../../electron/common/status';
import type { WorkspaceGroupData } from './group-entries';
import { EntryRow } from './entry-row';

interface WorkspaceGroupProps {
  group: WorkspaceGroupData;
  now: number;
  onOpen: (id: string) => void;
}

export function WorkspaceGroup({ group, now, onOpen }: WorkspaceGroupProps) {
  const id = useId();
  return (
    <section className="workspace" aria-labelledby={id}>
      <h3 id={id}>
        {group.title} <span className="count">· {plural(group.entries.length, 'token')}</span>
      </h3>
      <table className="entries">
        <colgroup>
          <col className="col-name" />
          <col className="col-kind" />
          <col className="col-status" />
          <col className="col-expiry" />
          <col className="col-checked" />
          <col className="col-used" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Expiry</th>
            <th scope="col">Last checked</th>
            <th scope="col">Last used</th>
          </tr>
        </thead>
        <tbody>
          {group.entries.map((entry) => <EntryRow key={entry.id} entry={entry} now={now} onOpen={onOpen} />)}
        </tbody>
      </table>
    </section>
  );
}
