import KioskServer

// SIGINT and SIGTERM are blocked before any thread exists, so every thread inherits the mask and
// the signal waits for `sigwait` in `kiosk serve`, which then stops the kiosk in order.
TerminationSignals.block()
KioskCommand.main()
