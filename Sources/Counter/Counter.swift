// `import Counter` gives the engine (CounterCore) and the devices (CounterDevices) together, as before they were
// two modules. An embedder that reads no devices imports CounterCore alone: it needs no libusb, pcsc-lite or
// Linux headers.
@_exported import CounterCore
@_exported import CounterDevices
