/** True in builds made with `--mode test` and in unit tests: enables the clock control and test-only connectors. */
declare const __RUNLANE_TEST__: boolean;
