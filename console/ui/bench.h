/*
 * bench.h — timings for `make bench` (tests/bench/console.sh).  With
 * GOVNET_BENCH=FILE the console appends to FILE, one figure a line:
 *
 *   first-frame-ms T   from its start to its first frame
 *   key-ms T           from a key read to the frame that shows its result
 *   idle-ms T          work done between keys in one piece (a count, a
 *                      list read whole): a key typed meanwhile waits
 *                      for it, so it too must stay within a keystroke's
 *                      budget
 *   idle-cpu-ms T      the processor time of that piece: the same on
 *                      a machine busy with other work, where the wall
 *                      clock stretches
 *   quiet-ms T         the work a key or a change started is all done
 *                      (counts, an order, a window read on) and
 *                      the screen shows it: T from the last key
 *                      (from the start before any), once each time
 *   max-rss-kb K       its peak resident memory, when it quits
 *
 * Without it these calls do nothing.
 */
#ifndef GN_UI_BENCH_H
#define GN_UI_BENCH_H

void bench_start(void);
/* A key was read; the next frame shows what it did. */
void bench_key_begin(void);
/* A frame went out to the terminal. */
void bench_frame_done(void);
/* Work between keys starts and ends. */
void bench_idle_begin(void);
void bench_idle_end(void);
/* Nothing is left to do between keys (the mark a bench waits for). */
void bench_quiet(void);
void bench_finish(void);

#endif
