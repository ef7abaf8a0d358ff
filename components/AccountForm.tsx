import { coreMessages } from '@/lib/i18n/messages/core';
import type { SizeTier } from '@/lib/schemas';
import { STAGES, type Stage } from '@/lib/schemas/enums';
import { useMessages } from './i18n';
import { RecordForm, useFormValues, type RecordFormInput } from './RecordForm';
import { useFocusOnMount } from './use-focus-on-mount';

export interface AccountFormValues {
  name: string;
  domains: string;
  industry: string;
  sizeTier: SizeTier | '';
  stage: Stage;
  renewalDate: string;
  /** The owning rep's id; '' (or left out) when unassigned. */
  ownerId?: string;
}

export interface AccountOwnerOption {
  id: string;
  name: string;
}

/** `owners`: the reps the account can belong to (the rep first); without it the field is not shown. */
export function AccountForm({ initial, mode, error, onSubmit, onCancel, owners = [] }: RecordFormInput<AccountFormValues> & { owners?: readonly AccountOwnerOption[] }) {
  const t = useMessages(coreMessages);
  const [values, set] = useFormValues(initial);
  const firstField = useFocusOnMount<HTMLInputElement>();
  return (
    <RecordForm title={mode === 'create' ? t.newAccount : t.editAccount} submitLabel={mode === 'create' ? t.createAccount : t.saveChanges} error={error} onSubmit={() => onSubmit(values)} onCancel={onCancel}>
      <label className="sn-field">
        <span>{t.accountName}</span>
        <input className="sn-input" ref={firstField} required value={values.name} onChange={(e) => set('name', e.target.value)} />
      </label>
      <label className="sn-field">
        <span>{t.domains}</span>
        <input className="sn-input" value={values.domains} onChange={(e) => set('domains', e.target.value)} aria-describedby="sn-domains-hint" />
        <span id="sn-domains-hint" className="sn-hint">
          {t.domainsHint}
        </span>
      </label>
      <div className="sn-field-row">
        <label className="sn-field">
          <span>{t.industry}</span>
          <input className="sn-input" value={values.industry} onChange={(e) => set('industry', e.target.value)} />
        </label>
        <label className="sn-field">
          <span>{t.sizeTier}</span>
          <select className="sn-select" value={values.sizeTier} onChange={(e) => set('sizeTier', e.target.value as SizeTier | '')}>
            <option value="">{t.tierNone}</option>
            <option value="strategic">{t.tier_strategic}</option>
            <option value="growth">{t.tier_growth}</option>
            <option value="smb">{t.tier_smb}</option>
          </select>
        </label>
      </div>
      <div className="sn-field-row">
        <label className="sn-field">
          <span>{t.stage}</span>
          <select className="sn-select" value={values.stage} onChange={(e) => set('stage', e.target.value as Stage)}>
            {STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {t[`stage_${stage}`]}
              </option>
            ))}
          </select>
        </label>
        <label className="sn-field">
          <span>{t.renewalDate}</span>
          <input className="sn-input" type="date" value={values.renewalDate} onChange={(e) => set('renewalDate', e.target.value)} />
        </label>
      </div>
      {owners.length > 0 && (
        <label className="sn-field">
          <span>{t.owner}</span>
          <select className="sn-select" value={values.ownerId ?? ''} onChange={(e) => set('ownerId', e.target.value)}>
            <option value="">{t.ownerNone}</option>
            {/* An owner no longer among the reps stays choosable, so saving never changes it unasked. */}
            {values.ownerId && !owners.some((owner) => owner.id === values.ownerId) && <option value={values.ownerId}>{values.ownerId}</option>}
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </RecordForm>
  );
}
