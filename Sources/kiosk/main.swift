#if canImport(Glibc)
import Glibc
#endif
import KioskServer

// SIGINT and SIGTERM are blocked before any thread exists, so every thread inherits the mask and
// the signal waits for `sigwait` in `kiosk serve`, which then stops the kiosk in order.
TerminationSignals.block()
setvbuf(stdout, nil, _IOLBF, 0)
KioskCommand.main()
