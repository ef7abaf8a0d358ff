import { coreMessages } from '@/lib/i18n/messages/core';
import type { Contact, ContactRole } from '@/lib/schemas';
import { CONTACT_ROLES } from '@/lib/schemas/enums';
import { useMessages } from './i18n';
import { RecordForm, useFormValues, type RecordFormInput } from './RecordForm';
import { useFocusOnMount } from './use-focus-on-mount';

export interface ContactFormValues {
  name: string;
  email: string;
  phone: string;
  title: string;
  role: ContactRole | '';
}

interface ContactListProps {
  contacts: readonly Contact[];
  onAdd: () => void;
  onEdit: (contact: Contact) => void;
  onDelete: (contact: Contact) => void;
}

export function ContactList({ contacts, onAdd, onEdit, onDelete }: ContactListProps) {
  const t = useMessages(coreMessages);
  return (
    <section className="sn-card" aria-labelledby="sn-contacts-title">
      <h2 id="sn-contacts-title" className="sn-section-title">
        {t.contacts}
        <button type="button" className="sn-button sn-button--small" onClick={onAdd}>
          {t.addContact}
        </button>
      </h2>
      {contacts.length === 0 ? (
        <p className="sn-muted">{t.noContacts}</p>
      ) : (
        <ul className="sn-list">
          {contacts.map((contact) => (
            <li key={contact.id} className="sn-list__item">
              <span className="sn-list__main">
                <span>
                  <strong>{contact.name}</strong>{' '}
                  <span className="sn-badge sn-badge--muted">{contact.role ? t[`role_${contact.role}`] : t.roleNone}</span>
                </span>
                <span className="sn-hint">{[contact.title, contact.email, contact.phone].filter(Boolean).join(' · ')}</span>
              </span>
              <span className="sn-list__actions">
                <button type="button" className="sn-button sn-button--ghost sn-button--small" aria-label={t.editContact(contact.name)} onClick={() => onEdit(contact)}>
                  {t.edit}
                </button>
                <button type="button" className="sn-button sn-button--ghost sn-button--small sn-button--danger" aria-label={t.deleteContact(contact.name)} onClick={() => onDelete(contact)}>
                  {t.delete}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ContactForm({ initial, mode, error, onSubmit, onCancel }: RecordFormInput<ContactFormValues>) {
  const t = useMessages(coreMessages);
  const [values, set] = useFormValues(initial);
  const firstField = useFocusOnMount<HTMLInputElement>();
  return (
    <RecordForm title={mode === 'create' ? t.addContact : t.editContact(initial.name)} submitLabel={mode === 'create' ? t.addContact : t.saveChanges} error={error} onSubmit={() => onSubmit(values)} onCancel={onCancel}>
      <label className="sn-field">
        <span>{t.contactName}</span>
        <input className="sn-input" ref={firstField} required value={values.name} onChange={(e) => set('name', e.target.value)} />
      </label>
      <div className="sn-field-row">
        <label className="sn-field">
          <span>{t.email}</span>
          <input className="sn-input" type="email" value={values.email} onChange={(e) => set('email', e.target.value)} />
        </label>
        <label className="sn-field">
          <span>{t.phone}</span>
          <input className="sn-input" type="tel" value={values.phone} onChange={(e) => set('phone', e.target.value)} />
        </label>
      </div>
      <div className="sn-field-row">
        <label className="sn-field">
          <span>{t.jobTitle}</span>
          <input className="sn-input" value={values.title} onChange={(e) => set('title', e.target.value)} />
        </label>
        <label className="sn-field">
          <span>{t.role}</span>
          <select className="sn-select" value={values.role} onChange={(e) => set('role', e.target.value as ContactRole | '')}>
            <option value="">{t.roleNone}</option>
            {CONTACT_ROLES.map((role) => (
              <option key={role} value={role}>
                {t[`role_${role}`]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </RecordForm>
  );
}
