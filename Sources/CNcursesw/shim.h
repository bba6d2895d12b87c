// ncursesw for Swift: wide-character API on, and inline accessors for what Swift cannot import
// (macros and the global WINDOW/int variables that are macros on some builds).
#ifndef STALLSCOPE_CNCURSESW_SHIM_H
#define STALLSCOPE_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

static inline WINDOW *shim_stdscr(void) { return stdscr; }
/// newterm on the process's stdout/stdin (C's FILE globals are not importable safely in Swift 6).
static inline SCREEN *shim_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int shim_lines(void) { return LINES; }
static inline int shim_cols(void) { return COLS; }
static inline int shim_colors(void) { return COLORS; }
static inline int shim_color_pairs(void) { return COLOR_PAIRS; }
static inline int shim_err(void) { return ERR; }
static inline int shim_ok(void) { return OK; }
static inline int shim_key_code_yes(void) { return KEY_CODE_YES; }
static inline int shim_key_resize(void) { return KEY_RESIZE; }
static inline int shim_key_up(void) { return KEY_UP; }
static inline int shim_key_down(void) { return KEY_DOWN; }
static inline int shim_key_left(void) { return KEY_LEFT; }
static inline int shim_key_right(void) { return KEY_RIGHT; }
static inline int shim_key_enter(void) { return KEY_ENTER; }
static inline int shim_key_backspace(void) { return KEY_BACKSPACE; }
static inline int shim_key_btab(void) { return KEY_BTAB; }
static inline int shim_key_npage(void) { return KEY_NPAGE; }
static inline int shim_key_ppage(void) { return KEY_PPAGE; }
static inline int shim_key_home(void) { return KEY_HOME; }
static inline int shim_key_end(void) { return KEY_END; }
static inline int shim_key_mouse(void) { return KEY_MOUSE; }

/// Mouse reporting on (primary press and the wheel, each delivered as it comes: no wait to
/// compose clicks) or off. Returns whether the terminal reports any of it.
static inline int shim_mouse_enable(int on) {
    mmask_t wanted = 0;
    if (on) {
        wanted = BUTTON1_PRESSED | BUTTON4_PRESSED;
#if NCURSES_MOUSE_VERSION > 1
        wanted |= BUTTON5_PRESSED;
#endif
    }
    mmask_t old = 0;
    mmask_t got = mousemask(wanted, &old);
    if (on) mouseinterval(0);
    return got != 0;
}

/// The mouse event curses read (after KEY_MOUSE), its cell in *x, *y: 1 a primary press, 4 the
/// wheel up, 5 the wheel down, 0 something else; -1 when there was none.
static inline int shim_get_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON1_PRESSED) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 4;
#if NCURSES_MOUSE_VERSION > 1
    if (event.bstate & BUTTON5_PRESSED) return 5;
#endif
    return 0;
}

static inline attr_t shim_a_normal(void) { return A_NORMAL; }
static inline attr_t shim_a_bold(void) { return A_BOLD; }
static inline attr_t shim_a_dim(void) { return A_DIM; }
static inline attr_t shim_a_underline(void) { return A_UNDERLINE; }
static inline attr_t shim_a_reverse(void) { return A_REVERSE; }
static inline attr_t shim_a_italic(void) { return A_ITALIC; }
static inline void shim_getmaxyx(WINDOW *win, int *y, int *x) { int yy, xx; getmaxyx(win, yy, xx); *y = yy; *x = xx; }

/// Draws one cell (a single base character, possibly wide) at (y, x) with a color pair and attributes.
static inline int shim_put_cell(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) == ERR) return ERR;
    return mvwadd_wch(win, y, x, &cell);
}

#endif
