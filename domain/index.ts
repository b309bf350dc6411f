/** The pure domain core: no I/O, safe to import from Temporal workflow code. */
export * from './idNumber';
export * from './uscc';
export * from './cities';
export * from './certCategories';
export * from './unitMatching';
export * from './flags';
export * from './calendar';
export * from './outcomes';
export * from './penalties';
