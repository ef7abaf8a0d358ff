/** The suggestion rules and their wording for the card's guidance read, loaded after first paint. */
export { loadSuggestionInput } from '@/lib/db/funnel-queries';
export { explainSuggestion } from '@/lib/funnel/explain';
export { computeSuggestions } from '@/lib/funnel/suggest';
