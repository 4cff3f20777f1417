/// One measured figure for docs/benchmarks.md.
struct BenchResult {
    var name: String
    var value: Double
    var unit: String
    var goal: String?
    var note: String?
}
