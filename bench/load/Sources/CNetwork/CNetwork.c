// Only a header: the module exists for CNetwork.h.
#include "CNetwork.h"
