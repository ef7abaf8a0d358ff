import type { Locale, PlaybookStage, Snippet } from '../schemas';

export interface TemplateOption {
  id: string;
  label: string;
  text: string;
}

export interface TemplateGroup {
  kind: 'stage' | 'snippets';
  options: TemplateOption[];
}

/** The stage's note templates (from the playbook in force) and the rep's snippets, ready to insert. */
export function templateGroups(stage: PlaybookStage | null, snippets: readonly Snippet[], locale: Locale): TemplateGroup[] {
  const groups: TemplateGroup[] = [];
  const fromStage = (stage?.nextSteps ?? [])
    .filter((step) => step.template !== null)
    .map((step) => ({ id: `stage:${step.key}`, label: step.label[locale], text: step.template![locale] }));
  if (fromStage.length) groups.push({ kind: 'stage', options: fromStage });
  if (snippets.length) groups.push({ kind: 'snippets', options: snippets.map((snippet) => ({ id: `snippet:${snippet.id}`, label: snippet.title, text: snippet.text })) });
  return groups;
}

/** Adds inserted text after what is there, on its own paragraph. */
export function insertIntoBody(body: string, text: string): string {
  if (!body.trim()) return text;
  return `${body.replace(/\s+$/, '')}\n\n${text}`;
}

/** A snippet from what the rep wrote: titled by its first line. */
export function snippetFromBody(body: string, id: string): Snippet | null {
  const text = body.trim();
  if (!text) return null;
  const firstLine = text.split(/\r?\n/)[0]!.trim();
  const title = Array.from(firstLine).slice(0, 60).join('') + (Array.from(firstLine).length > 60 ? '…' : '');
  return { id, title, text: Array.from(text).slice(0, 4000).join('') };
}
