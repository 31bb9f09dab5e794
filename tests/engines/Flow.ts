import type { Browser, LaunchOptions } from './driver/Driver';
import type { Gate } from './support/Gate';
import type { InstituteApi } from './support/institute';

/** What a flow gets: a way to start browsers of the engine under test, the gate, the institute API. */
export interface FlowContext {
	/** Starts a fresh browser of this engine (new profile); the runner closes it after the flow. */
	launch(opts?: Omit<LaunchOptions, 'baseURL' | 'network'>): Promise<Browser>;
	gate: Gate;
	institute: InstituteApi;
	/** Says something in the suite's output for this flow × engine (how it was done, what could not be). */
	note(text: string): void;
}

/** One trainee flow, written once against the engine-neutral driver and run in every engine. */
export interface Flow {
	/** Short row label in the results table. */
	id: string;
	title: string;
	run(ctx: FlowContext): Promise<void>;
}
