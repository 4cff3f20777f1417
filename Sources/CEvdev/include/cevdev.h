#ifndef CEVDEV_H
#define CEVDEV_H
// Swift cannot import function-like ioctl macros (EVIOCGRAB, EVIOCGNAME(len), HIDIOCGRDESC, ...),
// so each one the scanners need is wrapped here.
#include <linux/input.h>
#include <linux/hidraw.h>
#include <sys/ioctl.h>
#include <termios.h>

static inline int cevdev_grab(int fd, int on) { return ioctl(fd, EVIOCGRAB, (void *)(long)on); }
static inline int cevdev_name(int fd, char *buf, int len) { return ioctl(fd, EVIOCGNAME(len), buf); }
static inline int cevdev_id(int fd, struct input_id *id) { return ioctl(fd, EVIOCGID, id); }
static inline int chidraw_desc_size(int fd, int *size) { return ioctl(fd, HIDIOCGRDESCSIZE, size); }
static inline int chidraw_desc(int fd, struct hidraw_report_descriptor *d) { return ioctl(fd, HIDIOCGRDESC, d); }
static inline int chidraw_info(int fd, struct hidraw_devinfo *info) { return ioctl(fd, HIDIOCGRAWINFO, info); }

// Pseudo-terminals (tests and the serial-scanner benchmark stand in for scanners with them). glibc declares
// these only with _XOPEN_SOURCE, which Swift's Glibc module does not set.
int posix_openpt(int flags);
int grantpt(int fd);
int unlockpt(int fd);
char *ptsname(int fd);
// The thread-safe one (GNU): tests open terminals in parallel.
int ptsname_r(int fd, char *buf, unsigned long buflen);

#endif
