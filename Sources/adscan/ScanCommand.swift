import AdscanContext
import AdscanMatch
import AdscanModel
import AdscanReader
import AdscanReport
import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

extension InputMode: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan text for advertising-law violations.",
        discussion: """
            With no paths (or "-"), reads standard input. Directories are scanned recursively;
            binary files are skipped with a message. Findings are written as each record is scanned.
            """)

    @Argument(help: "Files or directories to scan; none or \"-\" for standard input.")
    var paths: [String] = []

    @Option(name: .long, help: "Record mode: lines, jsonl or doc. Default: .jsonl/.ndjson files → jsonl, other files → doc, stdin → lines.")
    var input: InputMode?

    @Option(name: .long, help: "Output format: text or jsonl.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "JSONL input: the field holding the text.")
    var textField = "text"

    @Option(name: .long, help: "JSONL input: the field holding the record id.")
    var idField = "id"

    @Option(name: .long, help: "Rule pack directory (default: the installed lexicons).")
    var rules: String?

    @Option(name: .long, help: "Worker threads (default: all cores).")
    var threads: Int?

    @Option(name: .long, help: "Exit 1 when a finding at or above this severity is reported: error, warning or info.")
    var failOn: Severity = .error

    @Flag(name: .long, help: "JSONL output: also emit records without findings.")
    var allRecords = false

    @Flag(name: .long, help: "Write the closing summary as a last {\"type\":\"summary\"} line on stdout.")
    var summary = false

    @Flag(name: .long, help: "Show findings that context suppressed, with the reason, and each rule's law.")
    var explain = false

    @Flag(name: .long, help: "Write output after every record (default: after every read from a live input).")
    var lineBuffered = false

    @Flag(name: [.short, .long], help: "No summary on stderr (errors are still reported).")
    var quiet = false

    @Flag(name: .long, help: "Skip the evasion pass (separators, entities, pinyin, homophones); for measuring its cost.")
    var noEvasion = false

    @Option(name: .long, help: "At most this many findings per record.")
    var maxFindings = 1000

    @Option(name: .long, help: "Records longer than this many bytes are scanned in segments (jsonl lines are rejected).")
    var maxRecordBytes = 64 << 20

    func validate() throws {
        if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1") }
        if maxFindings < 1 { throw ValidationError("--max-findings must be at least 1") }
        if maxRecordBytes < 16384 { throw ValidationError("--max-record-bytes must be at least 16384") }
    }

    func run() throws {
        let start = monotonicSeconds()
        let (compiled, _) = try loadEngine(rulesOption: rules)
        var scanner = RecordScanner(compiled, maxFindings: maxFindings)
        scanner.evasionPass = !noEvasion

        var reportOptions = ReportOptions()
        reportOptions.allRecords = allRecords
        reportOptions.explain = explain
        let reporter = makeReporter(format, options: reportOptions)

        let inputs = paths.isEmpty ? ["-"] : paths
        let stdinMode = input ?? .lines
        let recordModes = inputs.map { $0 == "-" ? stdinMode : (input ?? InputMode.forPath($0)) }
        var settings = ScanPipeline.Settings()
        settings.threads = threads ?? max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        settings.failOn = failOn
        settings.lineBuffered = lineBuffered
        settings.errorsToStdout = format == .jsonl
        settings.embeddedText = recordModes.allSatisfy { $0 == .jsonl }
        settings.quiet = quiet
        let output = Output(fd: 1)
        let pipeline = ScanPipeline(scanner: scanner, reporter: reporter, settings: settings, output: output)

        var options = ReaderOptions()
        options.mode = input
        options.textField = textField
        options.idField = idField
        options.maxRecordBytes = maxRecordBytes
        let reader = RecordReader(options: options) { pipeline.submit($0) }
        var fatal = false
        for path in inputs {
            if path != "-" && access(path, F_OK) != 0 {
                printError("adscan: \(path): no such file or directory")
                fatal = true
                continue
            }
            reader.read(path: path)
            if reader.isStopped { break }
        }
        reader.finish()
        pipeline.finish()
        for n in reader.notices { printError("adscan: " + n) }

        var s = pipeline.summary
        s.elapsedSeconds = monotonicSeconds() - start
        if !output.broken {
            if summary {
                var bytes: [UInt8] = []
                JSONLReporter(options: reportOptions).summary(s, into: &bytes)
                output.write(bytes, flush: true)
            }
            if !quiet { printError(s.text) }
        }
        if fatal { throw ExitCode(2) }
        if pipeline.failing { throw ExitCode(1) }
    }
}
