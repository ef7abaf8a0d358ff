import { useId } from 'react';
import type { TemplateGroup } from '@/lib/composer/templates';
import { coreMessages } from '@/lib/i18n/messages/core';
import { useMessages } from './i18n';

interface TemplatePickerProps {
  groups: readonly TemplateGroup[];
  /** The stage's name, for the templates group label. */
  stageName: string;
  onInsert: (text: string) => void;
  /** Null when there is nothing to save yet. */
  onSaveSnippet: (() => void) | null;
}

/** Inserts a stage template or one of the rep's snippets into the composer; a native select, so keyboard and screen readers just work. */
export function TemplatePicker({ groups, stageName, onInsert, onSaveSnippet }: TemplatePickerProps) {
  const t = useMessages(coreMessages);
  const id = useId();
  const options = groups.flatMap((group) => group.options);
  return (
    <div className="sn-field-row" style={{ alignItems: 'flex-end' }}>
      {options.length > 0 && (
        <label className="sn-field" htmlFor={id}>
          <span>{t.insertTemplate}</span>
          <select
            id={id}
            className="sn-select"
            value=""
            onChange={(event) => {
              const option = options.find((candidate) => candidate.id === event.target.value);
              if (option) onInsert(option.text);
            }}
          >
            <option value="">{t.insertTemplateNone}</option>
            {groups.map((group) => (
              <optgroup key={group.kind} label={group.kind === 'stage' ? t.stageTemplates(stageName) : t.mySnippets}>
                {group.options.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
      )}
      <button type="button" className="sn-button sn-button--small" style={{ flex: '0 0 auto' }} disabled={!onSaveSnippet} onClick={() => onSaveSnippet?.()}>
        {t.saveAsSnippet}
      </button>
    </div>
  );
}
