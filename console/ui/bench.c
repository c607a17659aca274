#include "config.h"
#include "bench.h"
#include "../core/boundary.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include "govnet/banned.h"

static FILE *out;
static double started, key_at, idle_at, idle_cpu_at;
static int first_frame_done, quiet;
static double last_key_at;

/* Idle work shorter than this is the loop's own bookkeeping, not worth a line. */
#define BENCH_IDLE_MIN_MS 0.5

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* Processor time: what the work cost, whatever else the machine ran. */
static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

void bench_start(void)
{
	const char *path = boundary_getenv("GOVNET_BENCH");

	if (!path || !*path)
		return;
	out = fopen(path, "a");
	started = now_ms();
}

void bench_key_begin(void)
{
	if (out) {
		key_at = last_key_at = now_ms();
		quiet = 0;
	}
}

void bench_frame_done(void)
{
	if (!out)
		return;
	if (!first_frame_done) {
		first_frame_done = 1;
		fprintf(out, "first-frame-ms %.2f\n", now_ms() - started);
	}
	if (key_at > 0) {
		fprintf(out, "key-ms %.2f\n", now_ms() - key_at);
		key_at = 0;
	}
	fflush(out);
}

void bench_idle_begin(void)
{
	if (out) {
		idle_at = now_ms();
		idle_cpu_at = cpu_ms();
	}
}

void bench_idle_end(void)
{
	double ms;

	if (!out || idle_at <= 0)
		return;
	ms = now_ms() - idle_at;
	idle_at = 0;
	if (ms >= BENCH_IDLE_MIN_MS) {
		fprintf(out, "idle-ms %.2f\nidle-cpu-ms %.2f\n", ms, cpu_ms() - idle_cpu_at);
		fflush(out);
	}
}

void bench_quiet(void)
{
	if (!out || quiet || !first_frame_done)
		return;
	quiet = 1;
	fprintf(out, "quiet-ms %.2f\n", now_ms() - (last_key_at > 0 ? last_key_at : started));
	fflush(out);
}

void bench_finish(void)
{
	struct rusage ru;

	if (!out)
		return;
	if (getrusage(RUSAGE_SELF, &ru) == 0)
		fprintf(out, "max-rss-kb %ld\n", ru.ru_maxrss);
	fclose(out);
	out = NULL;
}
