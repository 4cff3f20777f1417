// The register simulator lands here (issue 5).
enum RegisterSimulatorPlaceholder {}
