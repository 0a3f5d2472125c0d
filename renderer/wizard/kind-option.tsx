import { useId } from 'react';
import type { TokenKind } from '../../electron/common/types';
import { KIND_LONG } from '../lib/format';
import { KIND_INFO } from './kind-info';

interface KindOptionProps {
  kind: TokenKind;
  checked: boolean;
  onChoose: (kind: TokenKind) => void;
}

/** One kind as a radio button, with who may create it, where, what it sees and whether it expires. */
export function KindOption({ kind, checked, onChoose }: KindOptionProps) {
  const id = useId();
  const info = KIND_INFO[kind];
  return (
    <div className="kind-option">
      <div className="kind-choice">
        <input id={id} type="radio" name="token-kind" value={kind} checked={checked} aria-describedby={`${id}-facts`} onChange={() => { onChoose(kind); }} />
        <label htmlFor={id}>{KIND_LONG[kind]}</label>
      </div>
      <dl id={`${id}-facts`} className="facts">
        <dt>Who can create it</dt>
        <dd>{info.who}</dd>
        <dt>Where</dt>
        <dd>{info.where}</dd>
        <dt>What it can see</dt>
        <dd>{info.sees}</dd>
        <dt>Does it expire?</dt>
        <dd>{info.expires}</dd>
      </dl>
    </div>
  );
}
