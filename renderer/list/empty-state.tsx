export function EmptyState({ onAdd }: { onAdd: () => void }) {
  return (
    <div className="empty">
      <p>No tokens yet. The vault keeps your Notion tokens in the system keychain, checks that Notion still accepts them, and warns before they expire.</p>
      <button type="button" className="button-primary" onClick={onAdd}>Add your first token</button>
    </div>
  );
}
