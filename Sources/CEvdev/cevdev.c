#include "cevdev.h"
