// ReadStat from Debian's libreadstat-dev (it ships no pkg-config file).
#include <readstat.h>
