import { coreMessages } from '@/lib/i18n/messages/core';
import type { Account } from '@/lib/schemas';
import { useFormatters, useMessages } from './i18n';

interface AccountHeaderProps {
  account: Account;
  ownerName: string | null;
  onEdit: () => void;
  onDelete: () => void;
}

export function AccountHeader({ account, ownerName, onEdit, onDelete }: AccountHeaderProps) {
  const t = useMessages(coreMessages);
  const format = useFormatters();
  return (
    <section className="sn-card" aria-labelledby="sn-account-name" data-testid="account-card">
      <div className="sn-account__head">
        <h1 id="sn-account-name" className="sn-account__name">
          {account.name}
        </h1>
        <span className="sn-badge" data-testid="account-stage">
          {t[`stage_${account.stage}`]}
        </span>
      </div>
      <dl className="sn-account__facts" aria-label={t.accountDetails}>
        <dt>{t.domains}</dt>
        <dd>{account.domains.length ? account.domains.join(', ') : <span className="sn-muted">{t.noDomains}</span>}</dd>
        <dt>{t.industry}</dt>
        <dd>{account.industry ?? <span className="sn-muted">{t.noIndustry}</span>}</dd>
        <dt>{t.sizeTier}</dt>
        <dd>{account.sizeTier ? t[`tier_${account.sizeTier}`] : <span className="sn-muted">{t.tierNone}</span>}</dd>
        <dt>{t.owner}</dt>
        <dd>{ownerName ?? <span className="sn-muted">{t.ownerNone}</span>}</dd>
        {account.renewalDate && (
          <>
            <dt>{t.renewalDate}</dt>
            <dd>{format.date(Date.parse(account.renewalDate))}</dd>
          </>
        )}
      </dl>
      <div className="sn-activity__actions">
        <button type="button" className="sn-button sn-button--small" onClick={onEdit}>
          {t.editAccount}
        </button>
        <button type="button" className="sn-button sn-button--small sn-button--danger" onClick={onDelete}>
          {t.deleteAccount}
        </button>
      </div>
    </section>
  );
}
