// The types of memory-settings.mjs, which stays plain JavaScript so that `npm start` runs it
// before anything is built.
export declare const memoryEnvironment: Record<string, string>;
export declare const memoryOptions: string[];
export declare function startedWithMemorySettings(env?: NodeJS.ProcessEnv, execArgv?: string[]): boolean;
export declare function applyMemorySettings(): void;
