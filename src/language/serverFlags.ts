/**
 * V8 and Node flags the extension starts the language server with; the benchmark launches the server with them
 * too. Measured over the 630-file corpus (resident memory after it, in the server alone):
 * - `--max-semi-space-size=2`: a small young generation; the server keeps one parse per open document version.
 * - `--heap-growing-percent=20`: the old generation grows by 20% past what a full collection kept instead of
 *   V8's default factor (up to 100% on a small heap), so garbage of closed documents is collected sooner:
 *   ~113 MB → ~97 MB, no slower.
 * - `--v8-pool-size=1`: one background thread for V8's compiler and GC instead of four. Each thread that
 *   optimised a function kept its own malloc arena of 2–3 MB of freed compiler memory: ~97 MB → ~87 MB.
 *   Optimisation still happens off the main thread (`--no-concurrent-recompilation` saved the same memory
 *   but stalled requests while compiling).
 */
export const SERVER_EXEC_ARGV = ['--max-semi-space-size=2', '--heap-growing-percent=20', '--v8-pool-size=1'];
