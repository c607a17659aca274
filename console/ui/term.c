/*
 * term.c — curses in, curses out, whatever happens in between.
 */
#include "config.h"
#include "term.h"

#include <curses.h>
#include <term.h>
#include <fcntl.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "govnet/banned.h"

static SCREEN *screen;
static volatile sig_atomic_t curses_active;
static int saved_stderr = -1, capture_fd = -1;
static off_t capture_read;

int term_check(struct gn_err *err)
{
	const char *codeset = nl_langinfo(CODESET);

	if (!codeset || (strcmp(codeset, "UTF-8") != 0 && strcmp(codeset, "utf8") != 0))
		return err_set(err, GN_REFUSED,
			       "控制台需要 UTF-8 区域设置，当前字符集为 %s；请设置 LANG=zh_CN.UTF-8 或 LC_ALL=C.UTF-8"
			       " (the console needs a UTF-8 locale)",
			       codeset && *codeset ? codeset : "未知");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return err_set(err, GN_USAGE, "控制台需要在终端中运行；命令行用法见 govnet --help");
	return 0;
}

void term_capture_stderr(void)
{
	char path[] = "/tmp/govnet-stderr.XXXXXX";
	int fd;

	fflush(stderr);
	fd = mkstemp(path);
	if (fd < 0)
		return;
	unlink(path);
	saved_stderr = dup(STDERR_FILENO);
	if (saved_stderr < 0 || dup2(fd, STDERR_FILENO) < 0) {
		close(fd);
		if (saved_stderr >= 0)
			close(saved_stderr);
		saved_stderr = -1;
		return;
	}
	capture_fd = fd;
	capture_read = 0;
}

void term_take_stderr(struct strbuf *out)
{
	char buf[4096];
	ssize_t n;

	if (capture_fd < 0)
		return;
	fflush(stderr);
	/* pread: the descriptor shares its offset with fd 2, which writes. */
	while ((n = pread(capture_fd, buf, sizeof buf, capture_read)) > 0) {
		sb_addn(out, buf, (size_t)n);
		capture_read += n;
	}
}

void term_release_stderr(void)
{
	if (saved_stderr < 0)
		return;
	fflush(stderr);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	close(capture_fd);
	saved_stderr = capture_fd = -1;
}

/* Give the terminal back, then die of the signal as if it had not been
 * caught, so that the parent sees what happened. */
static void on_fatal_signal(int sig)
{
	if (curses_active) {
		curses_active = 0;
		endwin();
	}
	if (saved_stderr >= 0)
		dup2(saved_stderr, STDERR_FILENO);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_handlers(void)
{
	static const int sigs[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL };
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

static void remove_handlers(void)
{
	static const int sigs[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL };

	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
}

int term_start(struct gn_err *err)
{
	struct termios tio;

	/* newterm, not initscr: an unknown TERM is an error to report, not an exit. */
	screen = newterm(NULL, stdout, stdin);
	if (!screen)
		return err_set(err, GN_REFUSED, "无法在终端类型 \"%s\" 上打开控制台（terminfo 中没有它）；可试 TERM=xterm-256color",
			       getenv("TERM") ? getenv("TERM") : "");
	set_term(screen);
	curses_active = 1;
	install_handlers();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	/* Ctrl-S saves a form: the terminal must not take it for XOFF. */
	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
		def_prog_mode();
	}
	/* Colours are started by the theme (draw.c), and not at all under
	 * NO_COLOR: start_color alone would paint white on black. */
	curs_set(0);
	return 0;
}

void term_stop(void)
{
	if (!screen)
		return;
	curses_active = 0;
	endwin();
	remove_handlers();
	delscreen(screen);
	screen = NULL;
}

int term_has_line_drawing(void)
{
	const char *acsc = tigetstr("acsc");

	return acsc && acsc != (const char *)-1 && *acsc;
}
