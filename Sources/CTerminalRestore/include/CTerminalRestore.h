// Terminal restore on every exit path, from async-signal-safe handlers.
//
// Swift cannot run safely inside a signal handler, and a crash (a Swift trap arrives as SIGILL or
// SIGTRAP) must still hand the terminal back: so the saved termios and the escape sequences that
// leave the alternate screen and show the cursor are captured up front, and the handlers only
// call tcsetattr, write, open, sigaction and raise.
#ifndef STALLSCOPE_CTERMINALRESTORE_H
#define STALLSCOPE_CTERMINALRESTORE_H

#include <signal.h>

/// Saves the terminal state of `tty_fd` (before curses changes it) and remembers `restore_sequence`
/// (leave alternate screen, show cursor, reset attributes) and where crash reports go.
/// Returns 0, or -1 when the termios could not be read (not a terminal).
int terminal_restore_save(int tty_fd, const char *restore_sequence, const char *crash_log_path);

/// Replaces the restore sequence (known only once curses has read the terminal's capabilities).
void terminal_restore_set_sequence(const char *restore_sequence);

/// Installs the handlers: SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 and SIGALRM ask the
/// app to quit (the first time; a second one restores and dies, so a wedged loop cannot trap the
/// user); SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT and SIGFPE restore, log, and re-raise with
/// the default action; SIGCONT is noted for the loop; SIGPIPE is ignored.
void terminal_restore_install(void);

/// The termination signal that asked to quit, or 0. Polled by the app loop.
int terminal_restore_quit_signal(void);
/// 1 once after each SIGCONT (the process was stopped and continued), else 0.
int terminal_restore_take_continued(void);

/// Restores termios and writes the restore sequence (idempotent; safe after endwin).
void terminal_restore_now(void);

/// Puts back the default disposition of `signo` and raises it, so the exit status says how the
/// process ended (128 + signal).
void terminal_restore_reraise(int signo);

#endif
