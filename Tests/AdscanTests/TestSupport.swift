import AdscanContext
import AdscanEngine
import AdscanMatch
import AdscanRules
import Foundation
import XCTest

enum TestSupport {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let lexicons = repoRoot.appendingPathComponent("lexicons").path
    static let seeds = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds").path

    /// The default packs, compiled once for the whole test run.
    static let compiled: CompiledRuleSet = {
        do { return try CompiledRuleSet(try RuleLoader().load(directory: lexicons)) }
        catch { fatalError("default lexicons do not load: \(error)") }
    }()

    static var scanner: RecordScanner { RecordScanner(compiled) }

    /// A `rules:` entry for an advertorial genre rule with a weak path through `f_story`
    /// (`extra`: more fields, e.g. a `min_confidence` line).
    static func weakAdvertorialRule(_ extra: String = "") -> String {
        """
          - id: T-ADV
            category: disguised_ad
            severity: warning
            law: t
            message: t
            scope: genre
            genre: advertorial
        \(extra)    weak_confidence: 0.3
            form_features: [f_story]
            examples:
              flag: [周大爷腰疼多年，后来来到仁济堂诊所，说这里能根治颈椎病]
              pass: [仁济堂诊所能根治颈椎病，预约电话]

        """
    }

    /// The adscan binary built next to the test bundle.
    static var binary: String {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if dir.lastPathComponent.hasSuffix(".xctest") { dir = dir.deletingLastPathComponent() }
        for candidate in [dir.appendingPathComponent("adscan"), dir.deletingLastPathComponent().appendingPathComponent("adscan")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate.path
        }
        return repoRoot.appendingPathComponent(".build/debug/adscan").path
    }

    /// A Python 3 that has jsonschema: Debian's /usr/bin/python3 with python3-jsonschema (what
    /// the README installs) first, then whatever `python3` is on the PATH (a pyenv one may lack it).
    static let pythonWithJSONSchema: String? = {
        for candidate in ["/usr/bin/python3", "python3"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [candidate, "-c", "import jsonschema"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { continue }
            p.waitUntilExit()
            if p.terminationStatus == 0 { return candidate }
        }
        return nil
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    /// Runs the CLI with the default packs and the given stdin bytes.
    @discardableResult
    static func run(_ args: [String], stdin: [UInt8] = [], env: [String: String] = [:]) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        var environment = ProcessInfo.processInfo.environment
        environment["ADSCAN_RULES"] = lexicons
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let inPipe = Pipe(), outPipe = Pipe()
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("adscan-stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer { try? FileManager.default.removeItem(at: errURL) }
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = errHandle
        try p.run()
        let writer = Thread {
            inPipe.fileHandleForWriting.write(Data(stdin))
            try? inPipe.fileHandleForWriting.close()
        }
        writer.start()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try errHandle.close()
        let errData = try Data(contentsOf: errURL)
        return Run(status: p.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    /// One parent directory per test process, removed when the process exits, so that a test
    /// run leaves nothing behind in the system temp directory (earlier runs left one directory
    /// per `tempDir()` call, some with half a megabyte of scan input).
    private static let runRoot: URL = {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("adscan-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        atexit { try? FileManager.default.removeItem(at: TestSupport.runRoot) }
        return root
    }()

    static func tempDir() throws -> URL {
        let d = runRoot.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    static func jsonLines(_ s: String) throws -> [[String: Any]] {
        try s.split(separator: "\n").map {
            guard let o = try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] else {
                throw NSError(domain: "test", code: 1, userInfo: [NSLocalizedDescriptionKey: "not an object: \($0)"])
            }
            return o
        }
    }
}
