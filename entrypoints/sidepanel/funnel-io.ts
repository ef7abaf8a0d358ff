/**
 * The funnel's reads, writes and rules for the sidebar, loaded after first paint (see
 * lazy.ts): the playbook and rules are the next-largest part after React and Dexie.
 */
export {
  assignCsm,
  clearRepliedNoReplyTasks,
  completeTask,
  createTaskFromSuggestion,
  decideSuggestion,
  loadPipelineInput,
  loadPlaybook,
  loadStageChanges,
  loadStageMedians,
  loadSuccessCasePool,
  loadSuggestionInput,
  moveToStage,
  recordHealth,
  stageChangesOf,
} from '@/lib/db/funnel-queries';
export { computePipelineStats } from '@/lib/funnel/pipeline';
export { findSuccessCases, stagePathOf } from '@/lib/funnel/success-cases';
export { computeSuggestions } from '@/lib/funnel/suggest';
export { snoozeUntil } from '@/lib/funnel/suggestion-state';
export { noteFromSuggestion } from '@/lib/funnel/actions';
