// umockdev's testbed API, for the device tests (they run under umockdev's LD_PRELOAD: scripts/test-devices.sh).
#include <umockdev.h>
