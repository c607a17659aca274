/*
 * bench.h — timings for `make bench` (tests/bench/console.sh).  With
 * GOVNET_BENCH=FILE the console appends to FILE the time from its start
 * to its first frame, the time from each filter keystroke to the frame
 * that shows its result, and its peak resident memory when it quits.
 * Without it these calls do nothing.
 */
#ifndef GN_UI_BENCH_H
#define GN_UI_BENCH_H

void bench_start(void);
void bench_filter_key_begin(void);
/* A frame went out to the terminal. */
void bench_frame_done(void);
void bench_finish(void);

#endif
