#ifndef CCOUNTERSYSTEM_H
#define CCOUNTERSYSTEM_H
// What the platform-neutral engine (CounterCore) needs of C that Swift cannot reach by itself.

// Swift 6 does not let code touch C's `stdout` global (shared mutable state), so this sets its buffering.
#include <stdio.h>
static inline void cstdio_line_buffer_stdout(void) { setvbuf(stdout, NULL, _IOLBF, 0); }

// The kernel's clock state (adjtimex, read only): 1 when an NTP client keeps it in sync, 0 when not, -1 unknown.
// Swift's Glibc module does not include <sys/timex.h>; elsewhere than Linux the state is unknown.
#ifdef __linux__
#include <sys/timex.h>
static inline int cclock_synchronized(void) {
    struct timex t = { 0 };
    int state = adjtimex(&t);
    if (state < 0) return -1;
    return (state != TIME_ERROR && !(t.status & STA_UNSYNC)) ? 1 : 0;
}
#else
static inline int cclock_synchronized(void) { return -1; }
#endif
#endif
