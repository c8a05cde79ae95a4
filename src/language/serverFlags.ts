/**
 * V8 and Node flags the extension starts the language server with; the benchmark launches the server with them
 * too. Measured over the 630-file corpus (resident memory after it, in the server alone) and on a generated
 * 50,000-line file:
 * - `--max-semi-space-size=2`: a small young generation; the server keeps one parse per open document version.
 * - `--heap-growing-percent=40`: the old generation grows by 40% past what a full collection kept instead of
 *   V8's default factor (up to 100% on a small heap), so the garbage of closed documents is collected sooner:
 *   ~98 MB → ~81 MB after the corpus. The 50k-line file's diagnostics take ~6–11% longer (more full
 *   collections while its parse is built); at 20% they took ~20% longer for no less memory.
 * - `--v8-pool-size=1`: one background thread for V8's compiler and collector instead of four. Each thread that
 *   optimised a function kept its own malloc arena of 2–3 MB of freed compiler memory: ~10 MB less. Optimisation
 *   still happens off the main thread (`--no-concurrent-recompilation` saved the same memory but stalled requests
 *   while compiling).
 */
export const SERVER_EXEC_ARGV = ['--max-semi-space-size=2', '--heap-growing-percent=40', '--v8-pool-size=1'];

/**
 * Environment added to the server's (glibc's allocator; other C libraries ignore it). By default glibc keeps up to
 * a dynamically raised threshold of freed memory at the top of each malloc arena. A fixed 128 KB threshold and no
 * top padding return it to the system as it is freed: resident memory after the corpus ~2.5 MB lower (78.7 →
 * 76.0 MB in one run, the malloc heap 6.7 → 5.5 MB and the compiler thread's arena with it), time to diagnostics
 * unchanged within noise (corpus median, 50k-line file).
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_TRIM_THRESHOLD_: '131072', MALLOC_TOP_PAD_: '0' };
