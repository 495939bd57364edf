import AdscanEngine
import AdscanMatch
import AdscanModel
import AdscanReader
import AdscanReport
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum ColorChoice: String, ExpressibleByArgument {
    case auto, always, never
}

/// `--fail-on`: the least severity that makes the exit status 1, or never.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, never

    var severity: Severity? {
        switch self {
        case .error: return .error
        case .warning: return .warning
        case .info: return .info
        case .never: return nil
        }
    }
}

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

            Exit status: 0 no finding at or above --fail-on; 1 findings; 2 usage or rule-pack error,
            a missing path, or input that could not be read in full (an unreadable file, corrupt
            gzip, a malformed JSONL line, a rule that hit the regex match limit) - findings are
            still written, and the summary says what was lost. Binary files skipped in a directory
            walk are not errors.
            """)

    @Argument(help: "Files or directories to scan; none or \"-\" for standard input.")
    var paths: [String] = []

    @Option(name: .long, help: "Record mode: lines, jsonl, doc, html or warc. Default: .jsonl/.ndjson files → jsonl, .html/.htm → html, .warc → warc, other files → doc, stdin → lines.")
    var input: InputMode?

    @Option(name: .long, help: "Charset of text input that is not UTF-8 (e.g. gbk, big5); default: detected, valid UTF-8 wins.")
    var encoding: String?

    @Option(name: .long, help: "Output format: text, jsonl, csv, sarif or html.")
    var format: OutputFormat = .text

    @Option(name: [.short, .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .long, help: "Colour in text output: auto (a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    @Flag(name: .long, help: "CSV: start with a UTF-8 byte-order mark (for Excel).")
    var bom = false

    @Option(name: .long, help: "A previous JSONL report: report only findings that are new since then (matched by fingerprint).")
    var baseline: String?

    @Option(name: .long, help: "Reviewed findings to suppress: lines of `FINGERPRINT reason`.")
    var allowlist: String?

    @Flag(name: .long, help: "Directory walks: leave out hidden files and directories (names starting with \".\").")
    var skipHidden = false

    @Option(name: .long, help: "Directory walks: leave out names matching this shell pattern (repeatable), e.g. '*.png'.")
    var exclude: [String] = []

    @Option(name: .long, help: "Read the paths to scan from this file, one per line (\"-\": standard input).")
    var filesFrom: String?

    @Option(name: .long, help: "JSONL input: the field holding the text.")
    var textField = "text"

    @Option(name: .long, help: "JSONL input: the field holding the record id.")
    var idField = "id"

    @Option(name: .long, help: "Rule pack directory (default: $ADSCAN_RULES, else the pack built into adscan).")
    var rules: String?

    // parsed unconditionally: `--threads -3` is a bad count, not a missing value
    @Option(name: .long, parsing: .unconditional, help: "Worker threads (default: all cores).")
    var threads: Int?

    @Option(name: .long, help: "Exit 1 when a finding at or above this severity is reported: error, warning, info, or never (exit 0 whatever is found).")
    var failOn: FailOn = .error

    @Flag(name: .long, help: "JSONL output: also emit records without findings.")
    var allRecords = false

    @Flag(name: .long, help: "Record in, record out (Spark's pipe): with --input jsonl --format jsonl, one line per input line - the record, or an error naming it by id or excerpt - without source or line; implies --all-records; such errors do not make the exit status 2.")
    var recordIo = false

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

    @Option(name: .long, parsing: .unconditional, help: "At most this many findings per record.")
    var maxFindings = 1000

    @Option(name: .long, parsing: .unconditional, help: "Records longer than this many bytes are scanned in segments (jsonl lines are rejected).")
    var maxRecordBytes = 64 << 20

    func validate() throws {
        if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1 (got \(t))") }
        if let e = encoding, !Charset.isKnown(e) { throw ValidationError("--encoding: unknown charset `\(e)`") }
        if maxFindings < 1 { throw ValidationError("--max-findings must be at least 1") }
        if maxRecordBytes < 16384 { throw ValidationError("--max-record-bytes must be at least 16384") }
        if recordIo {
            if input != .jsonl || format != .jsonl { throw ValidationError("--record-io needs --input jsonl and --format jsonl") }
            if summary { throw ValidationError("--record-io writes only record lines on stdout: leave out --summary") }
        }
    }

    func run() throws {
        let start = monotonicSeconds()
        let (compiled, _) = try loadEngine(rulesOption: rules)

        var reportOptions = ReportOptions()
        reportOptions.allRecords = allRecords || recordIo
        reportOptions.omitPosition = recordIo
        reportOptions.explain = explain
        reportOptions.bom = bom
        reportOptions.rules = compiled.ruleSet.rules.map(\.meta)
        let outFD: Int32
        // whole-file formats (csv, sarif, html) go to a temporary file beside the output and are
        // renamed over it at the end: an interrupted scan never leaves a half report at -o
        var atomicTarget: AtomicOutput? = nil
        if let path = output {
            if format == .sarif || format == .html || format == .csv {
                atomicTarget = try AtomicOutput(path: path)
                outFD = atomicTarget!.fd
            } else {
                outFD = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                guard outFD >= 0 else { throw EngineLoadError(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
            }
        } else {
            outFD = 1
        }
        // a scan that stops with an error before its end leaves no temporary file either
        var committed = false
        defer { if !committed { atomicTarget?.discard() } }
        switch color {
        case .always: reportOptions.color = true
        case .never: reportOptions.color = false
        case .auto: reportOptions.color = output == nil && isatty(1) != 0 && getenv("NO_COLOR") == nil
        }
        let reporter = makeReporter(format, options: reportOptions)

        var inputs = paths
        if let list = filesFrom {
            let data: [UInt8]
            if list == "-" {
                var all: [UInt8] = []
                var buf = [UInt8](repeating: 0, count: 65536)
                while true {
                    let n = buf.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
                    if n <= 0 { break }
                    all += buf[0..<n]
                }
                data = all
            } else {
                guard let d = FileManager.default.contents(atPath: list) else {
                    throw EngineLoadError(description: "cannot read --files-from \(list)")
                }
                data = [UInt8](d)
            }
            inputs += data.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
        if inputs.isEmpty && filesFrom == nil { inputs = ["-"] }
        let stdinMode = input ?? .lines
        let recordModes = inputs.map { $0 == "-" ? stdinMode : (input ?? InputMode.forPath($0)) }
        var settings = ScanPipeline.Settings()
        settings.threads = threads ?? max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        settings.failOn = failOn.severity
        settings.lineBuffered = lineBuffered
        settings.errorsToStdout = format == .jsonl
        settings.embeddedText = recordModes.allSatisfy { $0 == .jsonl || $0 == .warc }
        settings.quiet = quiet
        settings.recordIO = recordIo
        var engineOptions = EngineOptions()
        engineOptions.maxFindings = maxFindings
        engineOptions.evasionPass = !noEvasion
        // a record without an id is fingerprinted without its position
        engineOptions.fingerprintByExplicitIDOnly = recordIo
        if let b = baseline { engineOptions.baseline = try Baseline(contentsOf: b) }
        if let a = allowlist { engineOptions.allowlist = try Allowlist(contentsOf: a) }
        let engine = Engine(compiled, options: engineOptions)
        var options = ReaderOptions()
        options.mode = input
        options.textField = textField
        options.idField = idField
        options.maxRecordBytes = maxRecordBytes
        options.skipHidden = skipHidden
        options.excludes = exclude
        options.encoding = encoding
        options.blankLinesAreRecords = recordIo
        // with several threads the walk only lists pages and the workers read them
        options.readInWorkers = settings.threads > 1
        let output = Output(fd: outFD)
        let pipeline = ScanPipeline(engine: engine, reporter: reporter, readerOptions: options, settings: settings, output: output)
        var head: [UInt8] = []
        reporter.begin(into: &head)
        output.write(head, flush: false)
        let progress = Progress(enabled: !quiet && isatty(2) != 0 && inputs.contains { $0 != "-" && Self.isDirectory($0) },
                                paths: inputs, start: start)
        pipeline.onProgress = { progress.update($0) }

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

        progress.clear()
        var s = pipeline.summary
        s.elapsedSeconds = monotonicSeconds() - start
        if !output.broken {
            var tail: [UInt8] = []
            reporter.finish(s, into: &tail)
            if summary { JSONLReporter(options: reportOptions).summaryLine(s, into: &tail) }
            output.write(tail, flush: true)
            if !quiet { printError(s.text) }
        }
        if let a = atomicTarget {
            committed = true
            try a.commit()
        } else if outFD != 1 {
            close(outFD)
        }
        // input that was not read in full outranks findings, as in ripgrep: a monitor must not
        // take a partly read input for a clean (or merely flagged) one
        if fatal || s.incompleteInputs > 0 || !s.regexLimitRules.isEmpty { throw ExitCode(2) }
        if pipeline.failing { throw ExitCode(1) }
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }
}

/// Progress on stderr for directory scans on a terminal: records, MB, MB/s, findings, ETA.
final class Progress: @unchecked Sendable {
    let enabled: Bool
    let start: Double
    private var total: Int = 0
    private var last = 0.0
    private var drawn = false

    init(enabled: Bool, paths: [String], start: Double) {
        self.enabled = enabled
        self.start = start
        guard enabled else { return }
        for p in paths where p != "-" {
            if let e = FileManager.default.enumerator(atPath: p) {
                for case let rel as String in e {
                    if let a = try? FileManager.default.attributesOfItem(atPath: p + "/" + rel), let n = a[.size] as? Int,
                       a[.type] as? FileAttributeType == .typeRegular { total += n }
                }
            }
        }
    }

    func update(_ s: ScanSummary) {
        guard enabled else { return }
        let now = monotonicSeconds()
        guard now - last > 0.1 else { return }
        last = now
        let el = max(now - start, 0.001)
        let rate = Double(s.bytes) / 1e6 / el
        let eta = total > s.bytes && rate > 0 ? Double(total - s.bytes) / 1e6 / rate : 0
        let line = String(format: "\r%d records | %.1f/%.1f MB | %.0f MB/s | %d findings | ETA %.0fs   ",
                          s.records, Double(s.bytes) / 1e6, Double(total) / 1e6, rate, s.findings, eta)
        printErrorRaw(line)
        drawn = true
    }

    func clear() {
        if drawn { printErrorRaw("\r\u{1B}[K") }
    }
}
