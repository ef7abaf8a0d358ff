/** The funnel core: stages, playbooks, suggestion rules, success cases, stage moves, pipeline (all pure). */
export * from './actions';
export * from './explain';
export * from './facts';
export * from './format';
export * from './health';
export * from './pipeline';
export * from './playbook';
export * from './stage-change';
export * from './stages';
export * from './success-cases';
export * from './suggest';
export * from './suggestion-state';
export * from './suggestion-types';
export * from './time';
export * from './writes';
