import { useId, useState, type SubmitEvent } from 'react';
import { OBJECT_LABEL, type WhichReport } from '../../electron/common/page-access';
import { forWindow } from '../../electron/common/outside-text';
import { displayMessage } from '../lib/display-entry';
import { useAction } from '../lib/use-action';
import { ErrorText, StatusText } from './feedback';

interface PageQuestionProps {
  /** The question as the form's heading says it. */
  label: string;
  /** Ask main (one entry, or every entry). */
  ask: (link: string) => Promise<WhichReport>;
  /** Show each token's answer by name (the list), or only the one's (the details). */
  byName: boolean;
}

/** "Can it see this page?" / "Which token sees…": a Notion link or id in, Notion's answer per token out. */
export function PageQuestion({ label, ask, byName }: PageQuestionProps) {
  const id = useId();
  const action = useAction();
  const [link, setLink] = useState('');
  const [report, setReport] = useState<WhichReport | null>(null);

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setReport(null); // never an answer for another link than the one in the field
    if (link.trim() === '') {
      action.fail('Paste a Notion link (••• → Copy link) or a page id first.');
      return;
    }
    const outcome = await action.run(() => ask(link));
    if (outcome.ok) setReport(outcome.value);
  };

  return (
    <form className="page-question" aria-labelledby={`${id}-label`} onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label id={`${id}-label`} htmlFor={`${id}-link`}>{label}</label>
        <div className="inline-actions">
          <input id={`${id}-link`} type="text" autoComplete="off" spellCheck={false} placeholder="https://www.notion.so/…" value={link}
            aria-describedby={`${id}-hint`} onChange={(event) => { setLink(event.target.value); setReport(null); }} />
          <button type="submit" className="button-secondary" aria-disabled={action.busy}>Ask Notion</button>
        </div>
        <p id={`${id}-hint`} className="hint">A page, database or data-source link (or its id), copied in Notion with ••• → Copy link.</p>
      </div>
      <StatusText message={action.busy ? 'Asking Notion…' : report === null ? null : summary(report)} />
      <ErrorText message={action.error} />
      {report === null ? null : <Answers report={report} byName={byName} />}
    </form>
  );
}

/** The fix after a name ("bob: its creator…"), or alone as a sentence ("Its creator…"). */
const sentence = (fix: string, afterName: boolean): string => (afterName ? fix : `${fix.charAt(0).toUpperCase()}${fix.slice(1)}`);

function summary(report: WhichReport): string {
  const what = report.type === null ? 'it' : `${report.title === null ? 'the untitled' : `“${forWindow(report.title)}”`} (${OBJECT_LABEL[report.type]})`;
  if (report.verdict === 'seen') return `Seen: ${what}.`;
  if (report.verdict === 'unseen') return report.answers.length === 0 ? 'No tokens stored yet.' : 'No token here sees it.';
  return 'No token is known to see it: Notion could not answer for some of them; ask again later.';
}

function Answers({ report, byName }: { report: WhichReport; byName: boolean }) {
  return (
    <div className="page-answers">
      <ul>
        {report.answers.map((answer) => (
          <li key={answer.entryId} className={answer.sees ? 'answer-yes' : 'answer-no'}>
            {byName ? <strong>{forWindow(answer.name)}: </strong> : null}
            {answer.sees ? (byName ? 'sees it.' : 'It sees it.') : `${sentence(displayMessage(answer.fix ?? ''), byName)}.`}
          </li>
        ))}
      </ul>
      {report.idAdvice === null ? null : <p className="hint">{displayMessage(report.idAdvice)}</p>}
    </div>
  );
}
