#define _GNU_SOURCE
#include "CTerminalRestore.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <execinfo.h>
#endif

// Everything the handlers touch is set up before they are installed and never freed.
static struct termios saved_termios;
static int saved_fd = -1;
static volatile sig_atomic_t have_termios = 0;
static char restore_sequence[256];
static size_t restore_length = 0;
static char crash_log[1024];
static volatile sig_atomic_t quit_signal = 0;
static volatile sig_atomic_t continued = 0;
static char alternate_stack[64 * 1024];

// Every signal whose default action ends the process without a core, plus SIGQUIT: the app
// quits through its loop (restoring the terminal, saving state) and re-raises it. SIGQUIT's
// default would also let Swift's backtracer take the screen over and wait for a key.
static const int termination_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM};
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};

static void write_all(int fd, const char *text, size_t length) {
    while (length > 0) {
        ssize_t written = write(fd, text, length);
        if (written < 0) {
            if (errno == EINTR) continue;
            return;
        }
        text += written;
        length -= (size_t)written;
    }
}

static void write_text(int fd, const char *text) { write_all(fd, text, strlen(text)); }

static void write_number(int fd, long value) {
    char digits[24];
    int position = (int)sizeof(digits);
    int negative = value < 0;
    unsigned long magnitude = negative ? (unsigned long)(-value) : (unsigned long)value;
    do {
        digits[--position] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0 && position > 1);
    if (negative) digits[--position] = '-';
    write_all(fd, digits + position, sizeof(digits) - (size_t)position);
}

static const char *signal_name(int signo) {
    switch (signo) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGILL: return "SIGILL (a Swift runtime trap)";
    case SIGTRAP: return "SIGTRAP (a Swift runtime trap)";
    case SIGABRT: return "SIGABRT";
    case SIGFPE: return "SIGFPE";
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
    case SIGQUIT: return "SIGQUIT";
    case SIGUSR1: return "SIGUSR1";
    case SIGUSR2: return "SIGUSR2";
    case SIGALRM: return "SIGALRM";
    default: return "signal";
    }
}

void terminal_restore_set_sequence(const char *sequence) {
    size_t length = sequence ? strlen(sequence) : 0;
    if (length >= sizeof(restore_sequence)) length = sizeof(restore_sequence) - 1;
    // Zero the length first so a handler running meanwhile writes nothing rather than half.
    restore_length = 0;
    memcpy(restore_sequence, sequence ? sequence : "", length);
    restore_sequence[length] = 0;
    restore_length = length;
}

int terminal_restore_save(int tty_fd, const char *sequence, const char *crash_log_path) {
    terminal_restore_set_sequence(sequence);
    if (crash_log_path) {
        strncpy(crash_log, crash_log_path, sizeof(crash_log) - 1);
        crash_log[sizeof(crash_log) - 1] = 0;
    }
    if (tcgetattr(tty_fd, &saved_termios) != 0) return -1;
    saved_fd = tty_fd;
    have_termios = 1;
#if defined(__GLIBC__)
    // backtrace() loads libgcc lazily on its first call, which is not safe in a handler: do it now.
    void *frames[2];
    (void)backtrace(frames, 2);
#endif
    return 0;
}

void terminal_restore_now(void) {
    if (have_termios) (void)tcsetattr(saved_fd, TCSAFLUSH, &saved_termios);
    if (restore_length > 0 && saved_fd >= 0) write_all(saved_fd, restore_sequence, restore_length);
}

void terminal_restore_reraise(int signo) {
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(signo, &action, NULL);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, signo);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    raise(signo);
}

static void log_crash(int signo) {
    int fd = crash_log[0] ? open(crash_log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600) : -1;
    if (fd >= 0) {
        write_text(fd, "stallscope crashed: ");
        write_text(fd, signal_name(signo));
        write_text(fd, " (signal ");
        write_number(fd, signo);
        write_text(fd, ") pid ");
        write_number(fd, (long)getpid());
        write_text(fd, "\n");
#if defined(__GLIBC__)
        void *frames[64];
        int count = backtrace(frames, 64);
        backtrace_symbols_fd(frames, count, fd);
#endif
        write_text(fd, "\n");
        close(fd);
    }
    write_text(STDERR_FILENO, "stallscope crashed (");
    write_text(STDERR_FILENO, signal_name(signo));
    write_text(STDERR_FILENO, "); the terminal was restored");
    if (fd >= 0) {
        write_text(STDERR_FILENO, "; details in ");
        write_text(STDERR_FILENO, crash_log);
    }
    write_text(STDERR_FILENO, "\n");
}

static void on_crash(int signo) {
    int saved_errno = errno;
    terminal_restore_now();
    log_crash(signo);
    errno = saved_errno;
    terminal_restore_reraise(signo);
}

static void on_termination(int signo) {
    if (quit_signal == 0) {
        quit_signal = signo;
        return;
    }
    // Asked twice: the loop is not answering, so restore here and end the process.
    terminal_restore_now();
    terminal_restore_reraise(signo);
}

static void on_continue(int signo) {
    (void)signo;
    continued = 1;
}

void terminal_restore_install(void) {
    stack_t stack;
    memset(&stack, 0, sizeof(stack));
    stack.ss_sp = alternate_stack;
    stack.ss_size = sizeof(alternate_stack);
    // A stack overflow's SIGSEGV needs its own stack to run the handler on.
    sigaltstack(&stack, NULL);

    struct sigaction action;
    memset(&action, 0, sizeof(action));
    sigemptyset(&action.sa_mask);
    action.sa_handler = on_termination;
    action.sa_flags = SA_RESTART;
    for (size_t i = 0; i < sizeof(termination_signals) / sizeof(termination_signals[0]); i++) {
        sigaction(termination_signals[i], &action, NULL);
    }
    // After a stop (SIGSTOP, which nothing can catch) the shell may have put its own modes back:
    // the loop re-enters raw mode when it sees this.
    action.sa_handler = on_continue;
    sigaction(SIGCONT, &action, NULL);
    // A write to a closed pipe answers EPIPE instead of ending the process with the terminal
    // left in raw mode.
    action.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &action, NULL);

    action.sa_handler = on_crash;
    action.sa_flags = SA_ONSTACK | SA_RESETHAND;
    for (size_t i = 0; i < sizeof(crash_signals) / sizeof(crash_signals[0]); i++) {
        sigaction(crash_signals[i], &action, NULL);
    }
}

int terminal_restore_quit_signal(void) { return quit_signal; }

int terminal_restore_take_continued(void) {
    if (!continued) return 0;
    continued = 0;
    return 1;
}
